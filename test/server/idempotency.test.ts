import {randomUUID} from 'node:crypto';
import {afterEach, describe, expect, test} from 'vitest';
import {startTestServer, type RequestOptions, type TestServer} from '../support/server.js';

const servers: TestServer[] = [];
afterEach(async () => {
	for (const server of servers.splice(0).reverse()) await server.close();
});

async function start(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
	const server = await startTestServer(options);
	servers.push(server);
	return server;
}

const tokenBody = {Name: 'Idempotent', Scopes: ['account.company-information.get']};

function keyed(key: string, options: RequestOptions = {}): RequestOptions {
	return {...options, headers: {...options.headers, 'Idempotency-Key': key}};
}

async function total(server: TestServer): Promise<number> {
	return (await server.request('GET', '/AccessTokens?PageSize=1')).json['@total'] as number;
}

async function auditActions(server: TestServer): Promise<string[]> {
	const {json} = await server.request('GET', '/AuditLog?PageSize=1000');
	return (json.AuditEntries as Array<{Action: string}>).map((entry) => entry.Action);
}

describe('Idempotency-Key on POST', () => {
	test('a repeated create does the work once and answers the same again, marked as a replay', async () => {
		const server = await start();
		const before = await total(server);
		const key = randomUUID();
		const first = await server.request('POST', '/AccessTokens', keyed(key, {body: tokenBody}));
		const second = await server.request('POST', '/AccessTokens', keyed(key, {body: tokenBody}));
		expect(first.status).toBe(201);
		expect(second.status).toBe(201);
		expect(second.json).toEqual(first.json);
		expect(second.headers).toMatchObject({
			'idempotent-replayed': 'true',
			location: first.headers.location,
			etag: first.headers.etag,
			'cache-control': 'no-store',
		});
		expect(first.headers['idempotent-replayed']).toBeUndefined();
		expect(await total(server)).toBe(before + 1);
		expect((await auditActions(server)).filter((action) => action === 'Create')).toHaveLength(1);
	});

	test('concurrent repeats (a retry while the first is still running) do the work once', async () => {
		const server = await start({latencyMs: 20});
		const before = await total(server);
		const key = randomUUID();
		const answers = await Promise.all(
			Array.from({length: 10}, async () =>
				server.request('POST', '/AccessTokens', keyed(key, {body: tokenBody})),
			),
		);
		expect(answers.map((answer) => answer.status)).toEqual(Array.from({length: 10}, () => 201));
		expect(new Set(answers.map((answer) => answer.json.AccessToken.Id)).size).toBe(1);
		expect(answers.filter((answer) => answer.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
		expect(await total(server)).toBe(before + 1);
	});

	test('a repeated reset shows the same new secret again and resets only once', async () => {
		const server = await start();
		const created = (await server.request('POST', '/AccessTokens', {body: tokenBody})).json;
		const id = created.AccessToken.Id as string;
		const key = randomUUID();
		const first = await server.request('POST', `/AccessTokens/${id}/Reset`, keyed(key));
		const again = await server.request('POST', `/AccessTokens/${id}/Reset`, keyed(key));
		expect(again.json).toEqual(first.json);
		expect((await server.request('GET', `/AccessTokens/${id}`)).json.Version).toBe(2);
		const {AccountSid: sid, AuthToken: secret} = first.json.Credentials;
		const use = await server.request('GET', `/Agencies/${sid}/CompanyInformation`, {auth: [sid, secret]});
		expect(use.status).toBe(200);
	});

	test('the same key with another body, or on another path, is a 422 that says so and changes nothing', async () => {
		const server = await start();
		const key = randomUUID();
		const first = await server.request('POST', '/AccessTokens', keyed(key, {body: tokenBody}));
		const before = await total(server);
		const otherBody = await server.request(
			'POST',
			'/AccessTokens',
			keyed(key, {body: {...tokenBody, Name: 'Something else'}}),
		);
		expect(otherBody.status).toBe(422);
		expect(otherBody.json).toMatchObject({
			Status: 'ERROR',
			Message: expect.stringContaining('Idempotency-Key'),
		});
		expect(otherBody.json.Message).toContain('/AccessTokens');
		const otherPath = await server.request(
			'POST',
			`/AccessTokens/${first.json.AccessToken.Id}/Disable`,
			keyed(key),
		);
		expect(otherPath.status).toBe(422);
		expect(await total(server)).toBe(before);
		expect((await server.request('GET', `/AccessTokens/${first.json.AccessToken.Id}`)).json.State).toBe(
			'Enabled',
		);
	});

	test('keys belong to a credential: another operator’s same key is another request', async () => {
		const server = await start();
		const before = await total(server);
		const key = randomUUID();
		const admin = await server.request('POST', '/AccessTokens', keyed(key, {body: tokenBody}));
		const specialist = await server.request(
			'POST',
			'/AccessTokens',
			keyed(key, {body: tokenBody, auth: 'demo-specialist'}),
		);
		expect(specialist.status).toBe(201);
		expect(specialist.json.AccessToken.Id).not.toBe(admin.json.AccessToken.Id);
		expect(specialist.headers['idempotent-replayed']).toBeUndefined();
		expect(await total(server)).toBe(before + 2);
	});

	test('a refused request is not remembered: the same key may then do the work', async () => {
		const server = await start();
		const key = randomUUID();
		const refused = await server.request('POST', '/AccessTokens', keyed(key, {body: {Scopes: []}}));
		expect(refused.status).toBe(400);
		const done = await server.request('POST', '/AccessTokens', keyed(key, {body: tokenBody}));
		expect(done.status).toBe(201);
	});

	test('an answer that changed nothing is remembered too: a late repeat does not redo it', async () => {
		const server = await start();
		const id = (await server.request('POST', '/AccessTokens', {body: tokenBody})).json.AccessToken
			.Id as string;
		const key = randomUUID();
		// Enabled already: nothing to do, and that answer is what the key stands for.
		const first = await server.request('POST', `/AccessTokens/${id}/Enable`, keyed(key));
		expect(first.json).toMatchObject({State: 'Enabled', Version: 1});
		await server.request('POST', `/AccessTokens/${id}/Disable`);
		const late = await server.request('POST', `/AccessTokens/${id}/Enable`, keyed(key));
		expect(late.json).toEqual(first.json);
		expect(late.headers['idempotent-replayed']).toBe('true');
		expect((await server.request('GET', `/AccessTokens/${id}`)).json.State).toBe('Disabled');
	});

	test('keys are remembered across a restart, and forgotten after 24 hours', async () => {
		let clock = Date.parse('2026-03-02T10:00:00Z');
		const first = await start({now: () => clock});
		const key = randomUUID();
		const created = await first.request('POST', '/AccessTokens', keyed(key, {body: tokenBody}));
		const before = await total(first);
		await first.server.close();

		const second = await start({dataDir: first.dataDir, now: () => clock});
		const replayed = await second.request('POST', '/AccessTokens', keyed(key, {body: tokenBody}));
		expect(replayed.json).toEqual(created.json);
		expect(await total(second)).toBe(before);

		clock += 24 * 60 * 60 * 1000 + 1;
		const fresh = await second.request('POST', '/AccessTokens', keyed(key, {body: tokenBody}));
		expect(fresh.status).toBe(201);
		expect(fresh.json.AccessToken.Id).not.toBe(created.json.AccessToken.Id);
		expect(await total(second)).toBe(before + 1);
	});

	test('a malformed key is a 400 naming the header, and writes without a key are not deduplicated', async () => {
		const server = await start();
		for (const key of ['', 'has space', 'x'.repeat(256), 'naïve']) {
			const {status, json} = await server.request('POST', '/AccessTokens', keyed(key, {body: tokenBody}));
			expect(status, JSON.stringify(key)).toBe(400);
			expect(json.Message).toContain('Idempotency-Key');
		}

		const before = await total(server);
		await server.request('POST', '/AccessTokens', {body: tokenBody});
		await server.request('POST', '/AccessTokens', {body: tokenBody});
		expect(await total(server)).toBe(before + 2);
	});
});
