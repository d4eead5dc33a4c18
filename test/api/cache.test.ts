/** ETag revalidation through the keyv-backed HTTP cache, and what that cache may never hold. */
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import {Keyv} from 'keyv';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {createApiClient} from '../../source/api/index.js';
import {accountSid, basicAuth, startTestServer, type TestServer} from '../support/server.js';
import {cacheText} from './helpers.js';

let server: TestServer;

beforeAll(async () => {
	server = await startTestServer();
});

afterAll(async () => server?.close());

const input = {
	Name: 'Cache test token',
	Description: '',
	ApiVersion: '16',
	PrimaryContact: 'U1001',
	DeveloperEmails: [],
	Scopes: ['account.users.get'],
};

describe('ETag revalidation', () => {
	it('an unchanged list costs a 304 and says it came from the cache', async () => {
		const client = createApiClient({apiUrl: server.url, accountSid, authToken: 'demo-admin'});
		const first = await client.listTokens({state: 'Disabled', pageSize: 5});
		const second = await client.listTokens({state: 'Disabled', pageSize: 5});
		expect(first.fromCache).toBe(false);
		expect(second.fromCache).toBe(true);
		expect(second.tokens).toEqual(first.tokens);
		expect(second.info).toEqual(first.info);
		// Another query is another entry.
		await expect(client.listTokens({state: 'Disabled', pageSize: 6})).resolves.toMatchObject({
			fromCache: false,
		});
	});

	it('a change on the server is seen at once, never served stale', async () => {
		const client = createApiClient({apiUrl: server.url, accountSid, authToken: 'demo-admin'});
		const before = await client.listTokens({name: 'Slack alerts'});
		const token = before.tokens[0]!;
		await server.request('POST', `/AccessTokens/${token.Id}/Disable`);
		const after = await client.listTokens({name: 'Slack alerts'});
		expect(after.fromCache).toBe(false);
		expect(after.tokens[0]?.State).toBe('Disabled');
		await server.request('POST', `/AccessTokens/${token.Id}/Enable`);
	});

	it('cache: false turns revalidation off', async () => {
		const client = createApiClient({apiUrl: server.url, accountSid, authToken: 'demo-admin', cache: false});
		await client.listTokens({});
		await expect(client.listTokens({})).resolves.toMatchObject({fromCache: false});
	});

	it('two clients with different credentials sharing a store each get the server verdict', async () => {
		const store = new Map<string, unknown>();
		const admin = createApiClient({apiUrl: server.url, accountSid, authToken: 'demo-admin', cache: store});
		const analyst = createApiClient({
			apiUrl: server.url,
			accountSid,
			authToken: 'demo-analyst',
			cache: store,
			retry: {limit: 0},
		});
		await admin.listTokens({});
		await expect(analyst.listTokens({})).rejects.toMatchObject({code: 'forbidden'});
	});
});

describe('secrets never reach the cache', () => {
	it('after create, duplicate, reset and reveal, the store holds no secret and no credential', async () => {
		const store = new Map<string, unknown>();
		const client = createApiClient({apiUrl: server.url, accountSid, authToken: 'demo-admin', cache: store});
		const created = await client.createToken(input);
		const id = created.AccessToken.Id;
		const copy = await client.duplicateToken(id);
		const reset = await client.resetToken(id);
		const revealed = await client.revealCredentials(id);
		const again = await client.revealCredentials(id);
		await client.getToken(id);
		await client.listTokens({name: 'Cache test token'});
		await client.operator();

		const text = cacheText(store);
		// The cache is in use (so finding nothing means something)...
		expect(text).toContain(id);
		expect(text).toContain('Cache test token');
		// ...and holds none of the secrets, nor the operator's credentials.
		for (const secret of [
			created.Credentials.AuthToken,
			copy.Credentials.AuthToken,
			reset.Credentials.AuthToken,
			revealed.ReadWrite.AuthToken,
			basicAuth('demo-admin').slice('Basic '.length),
		]) {
			expect(text).not.toContain(secret);
		}

		expect(text).not.toContain('/Credentials');
		expect(again).toEqual(revealed);
	});

	it('a SQLite cache file on disk holds no secret either', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'agency-tokens-cache-'));
		try {
			const keyv = new Keyv({store: new KeyvSqlite(`sqlite://${path.join(dir, 'cache.sqlite')}`)});
			const client = createApiClient({apiUrl: server.url, accountSid, authToken: 'demo-admin', cache: keyv});
			const created = await client.createToken({...input, Name: 'On disk'});
			const revealed = await client.revealCredentials(created.AccessToken.Id);
			await client.listTokens({name: 'On disk'});
			// got stores an answer as its body ends, beside handing it over: under load the SQLite
			// write can finish after the next request has looked for it.
			await vi.waitFor(async () => {
				await expect(client.listTokens({name: 'On disk'})).resolves.toMatchObject({fromCache: true});
			});
			await keyv.disconnect();

			let raw = '';
			for (const file of await readdir(dir)) raw += (await readFile(path.join(dir, file))).toString('latin1');
			const text = cacheText(new Map([['file', raw]]));
			expect(text).toContain('On disk');
			expect(text).not.toContain(revealed.ReadWrite.AuthToken);
			expect(text).not.toContain(basicAuth('demo-admin').slice('Basic '.length));
		} finally {
			await rm(dir, {recursive: true, force: true});
		}
	});
});
