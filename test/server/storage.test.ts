import {randomUUID} from 'node:crypto';
import {readdir, readFile, rm, stat} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {busyTimeoutMs, SqliteStore} from '../../source/server/store-sqlite.js';
import {makeDataDir, startTestServer, type TestServer} from '../support/server.js';
import {legacy, scoped} from './fixture-facts.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A data directory that outlives one server, for restarts. */
async function sharedDir(): Promise<string> {
	const dataDir = await makeDataDir();
	cleanups.push(async () => rm(dataDir, {recursive: true, force: true}));
	return dataDir;
}

async function start(dataDir: string, options = {}): Promise<TestServer> {
	const server = await startTestServer({dataDir, ...options});
	cleanups.push(async () => server.close());
	return server;
}

/** Every byte of the data directory but the key: the SQLite file, its WAL and anything else. */
async function dataBytes(dataDir: string): Promise<string> {
	const files = (await readdir(dataDir)).filter((name) => name !== 'secret.key');
	expect(files).toContain('tokens.sqlite');
	const contents = await Promise.all(files.map(async (name) => readFile(path.join(dataDir, name))));
	return Buffer.concat(contents).toString('latin1');
}

describe('secrets at rest', () => {
	test('the key file is created with mode 0600, and the database is private too', async () => {
		const dataDir = await sharedDir();
		await start(dataDir);
		const {mode, size} = await stat(path.join(dataDir, 'secret.key'));
		expect(mode & 0o777).toBe(0o600);
		expect(size).toBe(32);
		expect((await stat(path.join(dataDir, 'tokens.sqlite'))).mode & 0o777).toBe(0o600);
	});

	test('no secret appears in the raw data files, lists or the audit log', async () => {
		const dataDir = await sharedDir();
		const server = await start(dataDir);
		await server.request('POST', '/LegacyTokens/Enable');
		const secrets: string[] = [];
		const list = (await server.request('GET', '/AccessTokens?PageSize=1000')).json.AccessTokens as Array<{
			Id: string;
		}>;
		// Every seeded secret, revealed, plus fresh ones from create and reset.
		for (const token of list) {
			const {json} = await server.request('GET', `/AccessTokens/${token.Id}/Credentials`);
			secrets.push(json.ReadWrite.AuthToken);
			if (json.ReadOnly) secrets.push(json.ReadOnly.AuthToken);
		}

		const created = await server.request('POST', '/AccessTokens', {
			body: {Name: 'Fresh', Scopes: ['reports.reports.get']},
		});
		secrets.push(created.json.Credentials.AuthToken);
		const reset = await server.request('POST', `/AccessTokens/${created.json.AccessToken.Id}/Reset`);
		secrets.push(reset.json.Credentials.AuthToken);
		// Answers remembered for an Idempotency-Key hold the secrets they showed: sealed, like the tokens'.
		const keyed = async (path: string, body?: unknown) => {
			const headers = {'Idempotency-Key': randomUUID()};
			const first = await server.request('POST', path, {body, headers});
			const replayed = await server.request('POST', path, {body, headers});
			expect(replayed.headers['idempotent-replayed']).toBe('true');
			expect(replayed.json.Credentials.AuthToken).toBe(first.json.Credentials.AuthToken);
			secrets.push(first.json.Credentials.AuthToken);
			return first.json.AccessToken.Id as string;
		};

		const keyedId = await keyed('/AccessTokens', {Name: 'Keyed', Scopes: ['reports.reports.get']});
		await keyed(`/AccessTokens/${keyedId}/Reset`);
		await keyed(`/AccessTokens/${keyedId}/Duplicate`);
		await keyed(`/AccessTokens/${list[0]!.Id}/Duplicate`);
		expect(secrets.length).toBe(scoped.length + 2 * legacy.length + 2 + 4);

		const raw = await dataBytes(dataDir);
		expect(raw).toContain('agency-tokens:idem:');
		const exposed = [
			raw,
			(await server.request('GET', '/AccessTokens?PageSize=1000')).text,
			(await server.request('GET', '/AuditLog?PageSize=1000')).text,
		].join('\n');
		for (const secret of secrets) {
			expect(secret).toMatch(/^[\w-]{40,}$/);
			expect(exposed.includes(secret)).toBe(false);
		}

		await server.close();
		// Checkpointed into the main file on close: still nothing in clear.
		const closed = await dataBytes(dataDir);
		for (const secret of secrets) expect(closed.includes(secret)).toBe(false);
	});
});

describe('the SQLite file', () => {
	test('is in WAL mode, and the server’s connection waits for a lock instead of failing at once', async () => {
		const dataDir = await sharedDir();
		await start(dataDir);
		// WAL is a property of the file, in its header: the write and read format versions are 2 (1 is rollback journal).
		const header = await readFile(path.join(dataDir, 'tokens.sqlite'));
		expect(header.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
		expect([header[18], header[19]]).toEqual([2, 2]);
		// The busy timeout belongs to a connection: ask one opened as the server opens its own.
		const store = await SqliteStore.open(dataDir);
		try {
			expect(await store.pragma('busy_timeout')).toBe(busyTimeoutMs);
			expect(busyTimeoutMs).toBeGreaterThanOrEqual(1000);
			expect(await store.pragma('journal_mode')).toBe('wal');
		} finally {
			await store.close();
		}
	});
});

describe('persistence', () => {
	test('everything survives a restart on the same data directory, and nothing is reseeded', async () => {
		const dataDir = await sharedDir();
		const first = await start(dataDir);
		expect(first.server.seeded).toBe(true);
		const created = await first.request('POST', '/AccessTokens', {
			body: {Name: 'Survivor', Scopes: ['account.company-information.get']},
		});
		const id = created.json.AccessToken.Id as string;
		const credentials = created.json.Credentials as {AccountSid: string; AuthToken: string};
		await first.request('PUT', `/AccessTokens/${id}`, {
			body: {Description: 'edited'},
			headers: {'If-Match': '"1"'},
		});
		const victim = (await first.request('GET', '/AccessTokens?PageSize=1&Page=5')).json.AccessTokens[0].Id;
		await first.request('DELETE', `/AccessTokens/${victim}`);
		await first.request('POST', '/LegacyTokens/Enable');
		const used = await first.request('GET', `/Agencies/${credentials.AccountSid}/CompanyInformation`, {
			auth: [credentials.AccountSid, credentials.AuthToken],
		});
		expect(used.status).toBe(200);
		const before = {
			list: (await first.request('GET', '/AccessTokens?PageSize=1000')).json.AccessTokens,
			audit: (await first.request('GET', '/AuditLog?PageSize=1000')).json.AuditEntries,
		};
		await first.close();

		const second = await start(dataDir);
		expect(second.server.seeded).toBe(false);
		expect((await second.request('GET', '/AccessTokens?PageSize=1000')).json.AccessTokens).toEqual(
			before.list,
		);
		expect((await second.request('GET', '/AuditLog?PageSize=1000')).json.AuditEntries).toEqual(before.audit);
		const token = (await second.request('GET', `/AccessTokens/${id}`)).json;
		expect(token).toMatchObject({Description: 'edited', Version: 2, LastUsedAt: expect.any(String)});
		expect((await second.request('GET', `/AccessTokens/${victim}`)).status).toBe(404);
		expect((await second.request('GET', '/LegacyTokens/Enable')).json).toEqual({Enabled: true});
		// The secret still opens the door, and the audit sequence goes on where it stopped.
		const again = await second.request('GET', `/Agencies/${credentials.AccountSid}/CompanyInformation`, {
			auth: [credentials.AccountSid, credentials.AuthToken],
		});
		expect(again.status).toBe(200);
		await second.request('POST', `/AccessTokens/${id}/Disable`);
		const [newest] = (await second.request('GET', '/AuditLog?PageSize=1')).json.AuditEntries;
		expect(Number(newest.Id)).toBe(
			Math.max(...before.audit.map((entry: {Id: string}) => Number(entry.Id))) + 1,
		);
	});

	test('a list ETag from another data directory never matches', async () => {
		const first = await start(await sharedDir());
		const second = await start(await sharedDir());
		const etag = (await first.request('GET', '/AccessTokens')).headers.etag!;
		const other = await second.request('GET', '/AccessTokens', {headers: {'If-None-Match': etag}});
		expect(other.status).toBe(200);
	});
});

describe('generate', () => {
	test('seeds the requested number of synthetic tokens, whose credentials work', async () => {
		const dataDir = await sharedDir();
		const server = await start(dataDir, {generate: 3000});
		expect(server.server.tokenCount).toBe(3000);
		await server.request('POST', '/LegacyTokens/Enable');
		const {json} = await server.request('GET', '/AccessTokens?PageSize=1000&Page=3');
		expect(json['@total']).toBe(3000);
		expect(json.AccessTokens).toHaveLength(1000);
		expect(json.AccessTokens.some((token: {Legacy: boolean}) => token.Legacy)).toBe(true);

		const token = json.AccessTokens.find(
			(candidate: {State: string; Scopes: string[]}) =>
				candidate.State === 'Enabled' && candidate.Scopes.some((scope) => scope.startsWith('account.')),
		);
		const revealed = (await server.request('GET', `/AccessTokens/${token.Id}/Credentials`)).json.ReadWrite;
		expect(revealed.AuthToken.slice(-4)).toBe(token.AuthTokenHint);
		let current = server;
		const call = async (auth: {AccountSid: string; AuthToken: string}) =>
			current.request('GET', `/Agencies/${auth.AccountSid}/CompanyInformation`, {
				auth: [auth.AccountSid, auth.AuthToken],
			});
		expect((await call(revealed)).status).toBe(200);
		// Keyed, as the app sends it: the remembered answer holds the new secret too.
		const reset = (
			await server.request('POST', `/AccessTokens/${token.Id}/Reset`, {
				headers: {'Idempotency-Key': randomUUID()},
			})
		).json.Credentials;
		expect((await call(revealed)).status).toBe(401);
		expect((await call(reset)).status).toBe(200);
		const raw = await dataBytes(dataDir);
		expect(raw.includes(revealed.AuthToken)).toBe(false);
		expect(raw.includes(reset.AuthToken)).toBe(false);

		await server.close();
		const again = await start(dataDir, {generate: 10});
		expect(again.server.seeded).toBe(false);
		expect(again.server.tokenCount).toBe(3000);
		current = again;
		expect((await call(revealed)).status).toBe(401);
		expect((await call(reset)).status).toBe(200);
	});
});
