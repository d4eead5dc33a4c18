import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {startTestServer, type TestServer} from '../support/server.js';

let server: TestServer;
let tokenId: string;
beforeAll(async () => {
	server = await startTestServer();
	tokenId = (await server.request('GET', '/AccessTokens?PageSize=1')).json.AccessTokens[0].Id;
});
afterAll(async () => server.close());

const writes = () =>
	[
		['POST', '/AccessTokens', {Name: 'x', Scopes: ['reports.reports.get']}],
		['PUT', `/AccessTokens/${tokenId}`, {Name: 'x'}],
		['DELETE', `/AccessTokens/${tokenId}`, undefined],
		['POST', `/AccessTokens/${tokenId}/Duplicate`, undefined],
		['POST', `/AccessTokens/${tokenId}/Reset`, undefined],
		['POST', `/AccessTokens/${tokenId}/Upgrade`, undefined],
		['POST', `/AccessTokens/${tokenId}/Enable`, undefined],
		['POST', `/AccessTokens/${tokenId}/Disable`, undefined],
		['POST', '/LegacyTokens/Enable', undefined],
	] as const;

const reads = () => [
	'/AccessTokens',
	`/AccessTokens/${tokenId}`,
	'/ApiVersions',
	'/ApiScopes',
	'/Users',
	'/LegacyTokens/Enable',
	'/AuditLog',
	'/CompanyInformation',
];

describe('authentication', () => {
	test.each([
		['no credentials', null],
		['a wrong auth token', 'demo-admiN'],
		['an empty auth token', ''],
		['another account', ['IRSomeoneElse', 'demo-admin'] as const],
	])('%s: 401 with WWW-Authenticate: Basic', async (_label, auth) => {
		const {status, json, headers} = await server.request('GET', '/AccessTokens', {auth});
		expect(status).toBe(401);
		expect(headers['www-authenticate']).toMatch(/^Basic/);
		expect(json).toMatchObject({Status: 'ERROR', Message: expect.stringContaining('Account SID')});
	});

	test.each([
		'Bearer demo-admin',
		'Basic',
		'Basic !!!',
		`Basic ${Buffer.from('no-colon').toString('base64')}`,
	])('a malformed Authorization header (%s) is a 401', async (header) => {
		const {status} = await server.request('GET', '/AccessTokens', {
			auth: null,
			headers: {Authorization: header},
		});
		expect(status).toBe(401);
	});

	test('operator credentials for another account path are a 403', async () => {
		const {status, json} = await server.request('GET', '/Agencies/IRSomeoneElse/AccessTokens');
		expect(status).toBe(403);
		expect(json.Message).toContain('IRAgencyDemo1');
	});

	test('the IR-Version header is accepted', async () => {
		expect((await server.request('GET', '/AccessTokens', {headers: {'IR-Version': '16'}})).status).toBe(200);
	});
});

describe('roles', () => {
	test.each([
		['demo-admin', 'Account Administrator', true],
		['demo-specialist', 'Implementation Specialist', true],
		['demo-readonly', 'Read-Only', false],
		['demo-analyst', 'Analyst', false],
	])('/Operator tells %s who they are', async (auth, role, canWrite) => {
		const {status, json} = await server.request('GET', '/Operator', {auth});
		expect(status).toBe(200);
		expect(json).toMatchObject({
			Role: role,
			CanWrite: canWrite,
			Name: expect.any(String),
			UserId: expect.any(String),
		});
	});

	test('read-only may read everything but credentials', async () => {
		for (const path of reads()) {
			expect((await server.request('GET', path, {auth: 'demo-readonly'})).status, path).toBe(200);
		}

		const reveal = await server.request('GET', `/AccessTokens/${tokenId}/Credentials`, {
			auth: 'demo-readonly',
		});
		expect(reveal.status).toBe(403);
	});

	test('read-only gets 403 on every write, and nothing changes', async () => {
		const before = (await server.request('GET', '/AccessTokens?PageSize=1000')).json;
		for (const [method, path, body] of writes()) {
			const {status, json} = await server.request(method, path, {auth: 'demo-readonly', body});
			expect(status, `${method} ${path}`).toBe(403);
			expect(json.Message).toContain('Read-Only');
		}

		expect((await server.request('GET', '/AccessTokens?PageSize=1000')).json).toEqual(before);
	});

	test('the analyst gets 403 everywhere but /Operator, naming the roles that may manage tokens', async () => {
		for (const path of [...reads(), `/AccessTokens/${tokenId}/Credentials`]) {
			const {status, json} = await server.request('GET', path, {auth: 'demo-analyst'});
			expect(status, path).toBe(403);
			expect(json.Message).toContain('Account Administrator');
			expect(json.Message).toContain('Implementation Specialist');
		}

		for (const [method, path, body] of writes()) {
			expect((await server.request(method, path, {auth: 'demo-analyst', body})).status).toBe(403);
		}
	});

	test('the implementation specialist may manage tokens', async () => {
		const created = await server.request('POST', '/AccessTokens', {
			auth: 'demo-specialist',
			body: {Name: 'By the specialist', Scopes: ['reports.reports.get']},
		});
		expect(created.status).toBe(201);
		const revealed = await server.request('GET', `/AccessTokens/${created.json.AccessToken.Id}/Credentials`, {
			auth: 'demo-specialist',
		});
		expect(revealed.status).toBe(200);
	});
});

describe('rate limit', () => {
	test('past the hourly limit a credential gets 429 with Retry-After; others are unaffected', async () => {
		const limited = await startTestServer({rateLimitPerHour: 3});
		try {
			for (let index = 0; index < 3; index++) {
				const {status, headers} = await limited.request('GET', '/ApiVersions');
				expect(status).toBe(200);
				expect(headers['x-ratelimit-remaining']).toBe(String(2 - index));
			}

			const refused = await limited.request('GET', '/ApiVersions');
			expect(refused.status).toBe(429);
			expect(refused.json).toMatchObject({Status: 'ERROR', Message: expect.stringContaining('Rate limit')});
			const retryAfter = Number(refused.headers['retry-after']);
			expect(Number.isInteger(retryAfter)).toBe(true);
			expect(retryAfter).toBeGreaterThan(0);
			expect(retryAfter).toBeLessThanOrEqual(3600);
			expect((await limited.request('GET', '/ApiVersions', {auth: 'demo-specialist'})).status).toBe(200);
		} finally {
			await limited.close();
		}
	});

	test('the window ends after an hour', async () => {
		let now = Date.parse('2026-01-01T00:00:00Z');
		const limited = await startTestServer({rateLimitPerHour: 1, now: () => now});
		try {
			expect((await limited.request('GET', '/Users')).status).toBe(200);
			expect((await limited.request('GET', '/Users')).status).toBe(429);
			now += 60 * 60 * 1000;
			expect((await limited.request('GET', '/Users')).status).toBe(200);
		} finally {
			await limited.close();
		}
	});

	test('failed logins are limited per address, so guessing stops too', async () => {
		const limited = await startTestServer({rateLimitPerHour: 2});
		try {
			expect((await limited.request('GET', '/Users', {auth: 'guess-1'})).status).toBe(401);
			expect((await limited.request('GET', '/Users', {auth: 'guess-2'})).status).toBe(401);
			const third = await limited.request('GET', '/Users', {auth: 'guess-3'});
			expect(third.status).toBe(429);
			expect(third.headers['retry-after']).toBeDefined();
		} finally {
			await limited.close();
		}
	});
});
