import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {AccessToken} from '../../source/domain/token.js';
import {startTestServer, type TestServer} from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => server.close());

type Credentials = {AccountSid: string; AuthToken: string};

async function create(overrides: Record<string, unknown> = {}) {
	const response = await server.request('POST', '/AccessTokens', {
		body: {
			Name: 'Action target',
			Scopes: ['account.company-information.get', 'reports.reports.get'],
			...overrides,
		},
	});
	expect(response.status).toBe(201);
	return response.json as {AccessToken: AccessToken; Credentials: Credentials};
}

/** How a token's owner sees whether it works: its own credentials on CompanyInformation. */
async function companyInformation(credentials: Credentials) {
	return server.request('GET', `/Agencies/${credentials.AccountSid}/CompanyInformation`, {
		auth: [credentials.AccountSid, credentials.AuthToken],
	});
}

describe('CompanyInformation with a token’s own credentials', () => {
	test('answers 200 while the token is enabled and records LastUsedAt', async () => {
		const {AccessToken: token, Credentials: credentials} = await create();
		const {status, json} = await companyInformation(credentials);
		expect(status).toBe(200);
		expect(json).toEqual({
			CompanyName: 'Northwind Digital Agency',
			AccountSid: credentials.AccountSid,
			Credential: 'ReadWrite',
		});
		const used = (await server.request('GET', `/AccessTokens/${token.Id}`)).json;
		expect(used.LastUsedAt).not.toBeNull();
		// Use is not an edit: the Version (and so every If-Match in flight) stays.
		expect(used.Version).toBe(1);
	});

	test('answers 403 without a scope of the Account category', async () => {
		const {Credentials: credentials} = await create({Scopes: ['reports.reports.get', 'ads.ads.post']});
		const {status, json} = await companyInformation(credentials);
		expect(status).toBe(403);
		expect(json.Message).toContain('Account');
	});

	test('answers 401 for a wrong secret, and the credentials reach nothing else', async () => {
		const {Credentials: credentials} = await create();
		expect((await companyInformation({...credentials, AuthToken: `${credentials.AuthToken}x`})).status).toBe(
			401,
		);
		const elsewhere = await server.request('GET', `/Agencies/${credentials.AccountSid}/AccessTokens`, {
			auth: [credentials.AccountSid, credentials.AuthToken],
		});
		expect(elsewhere.status).toBe(403);
		const otherAccount = await server.request('GET', '/CompanyInformation', {
			auth: [credentials.AccountSid, credentials.AuthToken],
		});
		expect(otherAccount.status).toBe(403);
	});
});

describe('reset', () => {
	test('returns a new secret once; the old one stops working at once', async () => {
		const {AccessToken: token, Credentials: old} = await create();
		const {status, json, headers} = await server.request('POST', `/AccessTokens/${token.Id}/Reset`);
		expect(status).toBe(200);
		expect(headers['cache-control']).toBe('no-store');
		expect(json.Credentials.AccountSid).toBe(old.AccountSid);
		expect(json.Credentials.AuthToken).not.toBe(old.AuthToken);
		expect(json.AccessToken).toMatchObject({Version: 2, AuthTokenHint: json.Credentials.AuthToken.slice(-4)});
		expect((await companyInformation(old)).status).toBe(401);
		expect((await companyInformation(json.Credentials)).status).toBe(200);
	});

	test('a scoped token has no ReadOnly pair (400 naming Credential), ReadWrite is accepted', async () => {
		const {AccessToken: token} = await create();
		const refused = await server.request('POST', `/AccessTokens/${token.Id}/Reset`, {
			body: {Credential: 'ReadOnly'},
		});
		expect(refused.status).toBe(400);
		expect(refused.json.Field).toBe('Credential');
		const odd = await server.request('POST', `/AccessTokens/${token.Id}/Reset`, {body: {Credential: 'Both'}});
		expect(odd.json.Field).toBe('Credential');
		const accepted = await server.request('POST', `/AccessTokens/${token.Id}/Reset`, {
			body: {Credential: 'ReadWrite'},
		});
		expect(accepted.status).toBe(200);
	});
});

describe('enable and disable', () => {
	test('a disabled token cannot authenticate; enabled again, it can', async () => {
		const {AccessToken: token, Credentials: credentials} = await create();
		const disabled = await server.request('POST', `/AccessTokens/${token.Id}/Disable`);
		expect(disabled.status).toBe(200);
		expect(disabled.json).toMatchObject({State: 'Disabled', Version: 2});
		expect((await companyInformation(credentials)).status).toBe(401);
		const enabled = await server.request('POST', `/AccessTokens/${token.Id}/Enable`);
		expect(enabled.json).toMatchObject({State: 'Enabled', Version: 3});
		expect((await companyInformation(credentials)).status).toBe(200);
	});

	test('enabling an enabled token changes nothing', async () => {
		const {AccessToken: token} = await create();
		const {status, json} = await server.request('POST', `/AccessTokens/${token.Id}/Enable`);
		expect(status).toBe(200);
		expect(json.Version).toBe(1);
	});

	test('a stale If-Match is a 412, a current one is fine', async () => {
		const {AccessToken: token} = await create();
		const stale = await server.request('POST', `/AccessTokens/${token.Id}/Disable`, {
			headers: {'If-Match': '"5"'},
		});
		expect(stale.status).toBe(412);
		const current = await server.request('POST', `/AccessTokens/${token.Id}/Disable`, {
			headers: {'If-Match': '"1"'},
		});
		expect(current.status).toBe(200);
	});
});

describe('delete', () => {
	test('a deleted token cannot authenticate', async () => {
		const {AccessToken: token, Credentials: credentials} = await create();
		expect((await server.request('DELETE', `/AccessTokens/${token.Id}`)).status).toBe(204);
		expect((await companyInformation(credentials)).status).toBe(401);
	});
});

describe('upgrade', () => {
	test('moves to a newer version; the latest is the default', async () => {
		const {AccessToken: token} = await create({ApiVersion: '12'});
		const to14 = await server.request('POST', `/AccessTokens/${token.Id}/Upgrade`, {
			body: {ApiVersion: '14'},
		});
		expect(to14.json).toMatchObject({ApiVersion: '14', Version: 2});
		const latest = await server.request('POST', `/AccessTokens/${token.Id}/Upgrade`);
		expect(latest.json).toMatchObject({ApiVersion: '16', Version: 3});
	});

	test.each([
		['an older version', '12'],
		['the same version', '14'],
		['an unknown version', '99'],
	])('refuses %s with a 400 naming ApiVersion', async (_label, target) => {
		const {AccessToken: token} = await create({ApiVersion: '14'});
		const {status, json} = await server.request('POST', `/AccessTokens/${token.Id}/Upgrade`, {
			body: {ApiVersion: target},
		});
		expect(status).toBe(400);
		expect(json.Field).toBe('ApiVersion');
		expect((await server.request('GET', `/AccessTokens/${token.Id}`)).json.ApiVersion).toBe('14');
	});
});

describe('duplicate', () => {
	test('makes a new token with the same rights and settings and its own credentials', async () => {
		const {AccessToken: source, Credentials: sourceCredentials} = await create({
			Name: 'Shopify connector',
			Description: 'feeds',
			ApiVersion: '15',
			PrimaryContact: 'U1005',
			DeveloperEmails: ['dev@example.com'],
		});
		const {status, json} = await server.request('POST', `/AccessTokens/${source.Id}/Duplicate`);
		expect(status).toBe(201);
		const {AccessToken: copy, Credentials: credentials} = json;
		expect(copy).toMatchObject({
			Name: 'Shopify connector (copy)',
			Description: 'feeds',
			ApiVersion: '15',
			PrimaryContact: 'U1005',
			DeveloperEmails: ['dev@example.com'],
			Scopes: source.Scopes,
			Legacy: false,
			Version: 1,
			LastUsedAt: null,
		});
		expect(copy.Id).not.toBe(source.Id);
		expect(credentials.AccountSid).not.toBe(sourceCredentials.AccountSid);
		expect(credentials.AuthToken).not.toBe(sourceCredentials.AuthToken);
		expect((await companyInformation(credentials)).status).toBe(200);
	});

	test('cuts a long name so the copy still fits 100 characters', async () => {
		const name = `${'長'.repeat(98)}ab`;
		const {AccessToken: source} = await create({Name: name});
		const {json} = await server.request('POST', `/AccessTokens/${source.Id}/Duplicate`);
		expect([...json.AccessToken.Name]).toHaveLength(100);
		expect(json.AccessToken.Name.endsWith(' (copy)')).toBe(true);
	});
});

describe('credentials', () => {
	test('reveals the Account SID and Auth Token of the token', async () => {
		const {AccessToken: token, Credentials: credentials} = await create();
		const {status, json, headers} = await server.request('GET', `/AccessTokens/${token.Id}/Credentials`);
		expect(status).toBe(200);
		expect(headers['cache-control']).toBe('no-store');
		expect(json).toEqual({ReadWrite: credentials, ReadOnly: null});
	});

	test('actions on an unknown token are 404s', async () => {
		for (const action of ['Duplicate', 'Reset', 'Upgrade', 'Enable', 'Disable']) {
			expect((await server.request('POST', `/AccessTokens/nope/${action}`)).status).toBe(404);
		}

		expect((await server.request('GET', '/AccessTokens/nope/Credentials')).status).toBe(404);
	});
});
