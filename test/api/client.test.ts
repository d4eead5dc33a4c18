/** Every method of the client against the real reference server. */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createApiClient, type ApiClient, type TokenPage} from '../../source/api/index.js';
import type {AccessToken, TokenInput} from '../../source/domain/token.js';
import {accountSid, startTestServer, type TestServer} from '../support/server.js';

let server: TestServer;
let client: ApiClient;

beforeAll(async () => {
	server = await startTestServer();
	client = createApiClient({apiUrl: server.url, accountSid, authToken: 'demo-admin', retry: {limit: 0}});
});

afterAll(async () => server?.close());

const input: TokenInput = {
	Name: 'Client test token',
	Description: 'Made by test/api/client.test.ts',
	ApiVersion: '16',
	PrimaryContact: 'U1002',
	DeveloperEmails: ['dev@example.com'],
	Scopes: ['account.users.get'],
};

/** A token of the list by name, as the server holds it now. */
async function tokenNamed(name: string): Promise<AccessToken> {
	const page = await client.listTokens({name, pageSize: 1000});
	const token = page.tokens.find((candidate) => candidate.Name === name);
	if (!token) throw new Error(`no token named ${name}`);
	return token;
}

describe('lists', () => {
	it('one page carries the tokens and the paging fields', async () => {
		const all = await server.request('GET', '/AccessTokens?PageSize=1000');
		const page = await client.listTokens({page: 2, pageSize: 5});
		expect(page.tokens.map((token) => token.Id)).toEqual(
			(all.json.AccessTokens as AccessToken[]).slice(5, 10).map((token) => token.Id),
		);
		expect(page.info).toMatchObject({
			'@page': 2,
			'@pagesize': 5,
			'@start': 6,
			'@end': 10,
			'@total': all.json['@total'],
		});
		expect(page.fromCache).toBe(false);
	});

	it('filters travel as Name, CreatedOn, State, Page and PageSize, and the server applies them', async () => {
		const page = await client.listTokens({
			name: 'SYNC',
			createdOn: 'Last30Days',
			state: 'Enabled',
			page: 1,
			pageSize: 3,
		});
		const uri = new URL(page.info['@uri'], server.url);
		expect(Object.fromEntries(uri.searchParams)).toEqual({
			Name: 'SYNC',
			CreatedOn: 'Last30Days',
			State: 'Enabled',
			Page: '1',
			PageSize: '3',
		});
		expect(page.tokens.length).toBeGreaterThan(0);
		for (const token of page.tokens) {
			expect(token.Name.toLowerCase()).toContain('sync');
			expect(token.State).toBe('Enabled');
		}
	});

	it("'Any' and empty filters are left out of the query", async () => {
		const page = await client.listTokens({name: '', createdOn: 'Any', state: 'Any'});
		expect(new URL(page.info['@uri'], server.url).searchParams.has('State')).toBe(false);
		expect(page.info['@pagesize']).toBe(100);
	});

	it('listAllTokens hears every page in order and returns every token once', async () => {
		const expected = await server.request('GET', '/AccessTokens?PageSize=1000&State=Enabled');
		const pages: TokenPage[] = [];
		const tokens = await client.listAllTokens({state: 'Enabled', pageSize: 7}, (page) => pages.push(page));
		const numPages = Math.ceil(expected.json['@total'] / 7);
		expect(numPages).toBeGreaterThan(3);
		expect(pages.map((page) => page.info['@page'])).toEqual(
			Array.from({length: numPages}, (_, index) => index + 1),
		);
		expect(tokens.map((token) => token.Id)).toEqual(
			(expected.json.AccessTokens as AccessToken[]).map((token) => token.Id),
		);
	});

	it('a walk of many pages leaves no listener behind on its signal', async () => {
		const warnings: Error[] = [];
		const warn = (warning: Error) => warnings.push(warning);
		process.on('warning', warn);
		try {
			const pages: TokenPage[] = [];
			await client.listAllTokens({pageSize: 2}, (page) => pages.push(page), new AbortController().signal);
			// Node warns past 10 listeners on one signal; a walk's pages share one.
			expect(pages.length).toBeGreaterThan(11);
			await new Promise((resolve) => {
				setImmediate(resolve);
			});
			expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
		} finally {
			process.off('warning', warn);
		}
	});

	it('listAllTokens of an empty result calls onPage once, with nothing', async () => {
		const pages: TokenPage[] = [];
		const tokens = await client.listAllTokens({name: 'no token is called this'}, (page) => pages.push(page));
		expect(tokens).toEqual([]);
		expect(pages).toHaveLength(1);
		expect(pages[0]?.info['@total']).toBe(0);
	});

	it('getToken returns the token as the list shows it', async () => {
		const listed = await tokenNamed('Shopify connector');
		await expect(client.getToken(listed.Id)).resolves.toEqual(listed);
	});
});

describe('writes', () => {
	it('createToken returns the token and its credentials once; revealCredentials shows the same secret', async () => {
		const created = await client.createToken(input);
		expect(created.AccessToken).toMatchObject({
			Name: input.Name,
			State: 'Enabled',
			Version: 1,
			Legacy: false,
		});
		expect(created.Credentials.AccountSid).toBe(created.AccessToken.AccountSid);
		expect(created.Credentials.AuthToken.endsWith(created.AccessToken.AuthTokenHint)).toBe(true);
		const revealed = await client.revealCredentials(created.AccessToken.Id);
		expect(revealed).toEqual({ReadWrite: created.Credentials, ReadOnly: null});
	});

	it('editToken changes the fields and the Version', async () => {
		const {AccessToken: token} = await client.createToken({...input, Name: 'To be edited'});
		const edited = await client.editToken(
			token.Id,
			{
				Name: 'Edited',
				Description: 'new words',
				PrimaryContact: 'U1001',
				DeveloperEmails: [],
				Scopes: ['account.users.get'],
			},
			token.Version,
		);
		expect(edited).toMatchObject({
			Id: token.Id,
			Name: 'Edited',
			Description: 'new words',
			Version: token.Version + 1,
		});
	});

	it('duplicateToken makes a copy with its own credentials', async () => {
		const source = await tokenNamed('Looker BI export');
		const copy = await client.duplicateToken(source.Id, source.Version);
		expect(copy.AccessToken).toMatchObject({Name: 'Looker BI export (copy)', Scopes: source.Scopes});
		expect(copy.AccessToken.Id).not.toBe(source.Id);
		expect(copy.Credentials.AccountSid).toBe(copy.AccessToken.AccountSid);
	});

	it('resetToken replaces the secret', async () => {
		const created = await client.createToken({...input, Name: 'To be reset'});
		const reset = await client.resetToken(created.AccessToken.Id, undefined, created.AccessToken.Version);
		expect(reset.Credentials.AuthToken).not.toBe(created.Credentials.AuthToken);
		expect(reset.AccessToken.Version).toBe(2);
		const revealed = await client.revealCredentials(created.AccessToken.Id);
		expect(revealed.ReadWrite.AuthToken).toBe(reset.Credentials.AuthToken);
	});

	it('upgradeToken moves a token to a newer API version', async () => {
		const old = await tokenNamed('Affiliate newsletter export');
		expect(old.ApiVersion).toBe('14');
		const upgraded = await client.upgradeToken(old.Id, '16', old.Version);
		expect(upgraded).toMatchObject({ApiVersion: '16', Version: old.Version + 1});
	});

	it('disableToken and enableToken change the state', async () => {
		const token = await tokenNamed('Deals calendar feed');
		const disabled = await client.disableToken(token.Id, token.Version);
		expect(disabled.State).toBe('Disabled');
		const enabled = await client.enableToken(token.Id, disabled.Version);
		expect(enabled.State).toBe('Enabled');
	});

	it('deleteToken removes the token', async () => {
		const {AccessToken: token} = await client.createToken({...input, Name: 'To be deleted'});
		await expect(client.deleteToken(token.Id, token.Version)).resolves.toBeUndefined();
		const after = await server.request('GET', `/AccessTokens/${token.Id}`);
		expect(after.status).toBe(404);
	});
});

describe('legacy tokens', () => {
	it('enableLegacy turns them on; a legacy pair resets and reveals separately', async () => {
		await expect(client.legacyEnabled()).resolves.toBe(false);
		await expect(client.enableLegacy()).resolves.toBe(true);
		await expect(client.legacyEnabled()).resolves.toBe(true);
		const legacy = await tokenNamed('Legacy – reporting (R/O)');
		expect(legacy.Legacy).toBe(true);
		const reset = await client.resetToken(legacy.Id, 'ReadOnly', legacy.Version);
		expect(reset.Credentials.AccountSid).toBe(legacy.ReadOnly?.AccountSid);
		const revealed = await client.revealCredentials(legacy.Id);
		expect(revealed.ReadOnly).toEqual(reset.Credentials);
		expect(revealed.ReadWrite.AccountSid).toBe(legacy.AccountSid);
	});
});

describe('account', () => {
	it('catalogues: API versions, scopes by category, users', async () => {
		const versions = await client.apiVersions();
		expect(versions.find((version) => version.Latest)?.Version).toBe('16');
		const categories = await client.apiScopes();
		expect(categories.length).toBeGreaterThan(0);
		expect(categories[0]?.Scopes[0]).toMatchObject({Id: expect.any(String), Method: expect.any(String)});
		const users = await client.users();
		expect(users.map((user) => user.Id)).toContain('U1001');
	});

	it('operator says who is connected and whether they may write', async () => {
		await expect(client.operator()).resolves.toEqual({
			Name: 'Ada Lindqvist',
			Role: 'Account Administrator',
			UserId: 'U1001',
			CanWrite: true,
		});
		const readOnly = createApiClient({apiUrl: server.url, accountSid, authToken: 'demo-readonly'});
		await expect(readOnly.operator()).resolves.toMatchObject({Role: 'Read-Only', CanWrite: false});
	});

	it('auditLog pages the entries, newest first, without secrets', async () => {
		const created = await client.createToken({...input, Name: 'Audited'});
		const log = await client.auditLog(1, 5);
		expect(log.info).toMatchObject({'@page': 1, '@pagesize': 5});
		expect(log.entries[0]).toMatchObject({
			Action: 'Create',
			TokenId: created.AccessToken.Id,
			Actor: 'Ada Lindqvist',
		});
		expect(JSON.stringify(log)).not.toContain(created.Credentials.AuthToken);
	});
});
