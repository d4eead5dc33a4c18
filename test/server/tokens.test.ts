import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {AccessToken} from '../../source/domain/token.js';
import {startTestServer, type TestServer} from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => server.close());

const validInput = {
	Name: 'Looker BI export – test',
	Description: 'Hourly pulls',
	PrimaryContact: 'U1002',
	DeveloperEmails: ['dev@example.com'],
	Scopes: ['account.company-information.get', 'reports.reports.get'],
};

async function create(overrides: Record<string, unknown> = {}) {
	const response = await server.request('POST', '/AccessTokens', {body: {...validInput, ...overrides}});
	expect(response.status).toBe(201);
	return response.json as {AccessToken: AccessToken; Credentials: {AccountSid: string; AuthToken: string}};
}

describe('create', () => {
	test('answers 201 with the token and its credentials, shown this once', async () => {
		const response = await server.request('POST', '/AccessTokens', {body: validInput});
		expect(response.status).toBe(201);
		const {AccessToken: token, Credentials: credentials} = response.json;
		expect(token).toMatchObject({
			...validInput,
			ApiVersion: '16',
			State: 'Enabled',
			Legacy: false,
			LastUsedAt: null,
			ReadOnly: null,
			Version: 1,
		});
		expect(credentials.AccountSid).toBe(token.AccountSid);
		expect(credentials.AuthToken).toMatch(/^[\w-]{40,}$/);
		expect(token.AuthTokenHint).toBe(credentials.AuthToken.slice(-4));
		expect(response.headers.location).toBe(`/Agencies/IRAgencyDemo1/AccessTokens/${token.Id}`);
		expect(response.headers.etag).toBe('"1"');
		expect(response.headers['cache-control']).toBe('no-store');

		const fetched = await server.request('GET', `/AccessTokens/${token.Id}`);
		expect(fetched.json).toEqual(token);
		expect(fetched.text).not.toContain(credentials.AuthToken);
		const list = await server.request('GET', '/AccessTokens?PageSize=1000');
		expect(list.text).not.toContain(credentials.AuthToken);
		expect(list.json.AccessTokens[0].Id).toBe(token.Id);
	});

	test('defaults: latest API version, the creator as primary contact, no description or e-mails', async () => {
		const response = await server.request('POST', '/AccessTokens', {
			body: {Name: 'Minimal', Scopes: ['reports.reports.get']},
			auth: 'demo-specialist',
		});
		expect(response.status).toBe(201);
		expect(response.json.AccessToken).toMatchObject({
			ApiVersion: '16',
			PrimaryContact: 'U1002',
			Description: '',
			DeveloperEmails: [],
		});
	});

	test.each([
		[{Name: ''}, 'Name', 'required'],
		[{Name: '   '}, 'Name', 'required'],
		[{Name: 'x'.repeat(101)}, 'Name', '100'],
		[{Name: 'bad\u001B]0;title\u0007'}, 'Name', 'control'],
		[{Name: 42}, 'Name', 'string'],
		[{Description: 'd'.repeat(501)}, 'Description', '500'],
		[{ApiVersion: '9'}, 'ApiVersion', '"9"'],
		[{PrimaryContact: 'U9999'}, 'PrimaryContact', 'U9999'],
		[{DeveloperEmails: ['not-an-email']}, 'DeveloperEmails', 'not-an-email'],
		[{DeveloperEmails: 'dev@example.com'}, 'DeveloperEmails', 'list'],
		[{DeveloperEmails: [1]}, 'DeveloperEmails', 'list'],
		[{Scopes: []}, 'Scopes', 'at least one'],
		[{Scopes: ['account.nope.get']}, 'Scopes', 'account.nope.get'],
		[{Scopes: null}, 'Scopes', 'list'],
	])('%j is refused with a 400 naming %s', async (overrides, field, words) => {
		const {status, json} = await server.request('POST', '/AccessTokens', {
			body: {...validInput, ...overrides},
		});
		expect(status).toBe(400);
		expect(json).toMatchObject({Status: 'ERROR', Field: field});
		expect(json.Message).toContain(words);
	});

	test('several problems: the first names the field, all are listed', async () => {
		const {json} = await server.request('POST', '/AccessTokens', {body: {Name: '', Scopes: []}});
		expect(json.Field).toBe('Name');
		expect(json.Errors.map((error: {Field: string}) => error.Field)).toEqual(['Name', 'Scopes']);
	});

	test.each([
		['malformed JSON', '{"Name": "x",', {}],
		['a JSON array', '[1,2]', {}],
		['a JSON string', '"hello"', {}],
		['null', 'null', {}],
		['no body at all', undefined, {}],
		['text/plain', 'Name=x', {'Content-Type': 'text/plain'}],
		['form encoding', 'Name=x', {'Content-Type': 'application/x-www-form-urlencoded'}],
	])('%s is a 400 in the JSON error shape', async (_label, body, headers) => {
		const {status, json} = await server.request('POST', '/AccessTokens', {body, headers});
		expect(status).toBe(400);
		expect(json.Status).toBe('ERROR');
		expect(typeof json.Message).toBe('string');
	});

	test('unknown fields are ignored', async () => {
		const {status, json} = await server.request('POST', '/AccessTokens', {
			body: {...validInput, Colour: 'red', Id: 'chosen-by-me', Legacy: true},
		});
		expect(status).toBe(201);
		expect(json.AccessToken.Id).not.toBe('chosen-by-me');
		expect(json.AccessToken.Legacy).toBe(false);
	});
});

describe('get and ETag', () => {
	test('a token carries its Version as the ETag; If-None-Match answers 304', async () => {
		const {AccessToken: token} = await create();
		const first = await server.request('GET', `/AccessTokens/${token.Id}`);
		expect(first.headers.etag).toBe('"1"');
		const again = await server.request('GET', `/AccessTokens/${token.Id}`, {
			headers: {'If-None-Match': '"1"'},
		});
		expect(again.status).toBe(304);
		expect(again.text).toBe('');
		const stale = await server.request('GET', `/AccessTokens/${token.Id}`, {
			headers: {'If-None-Match': '"0"'},
		});
		expect(stale.status).toBe(200);
	});

	test('a list carries an ETag that answers 304 until something changes', async () => {
		const first = await server.request('GET', '/AccessTokens?PageSize=5');
		const etag = first.headers.etag!;
		expect(etag).toMatch(/^".+"$/);
		const same = await server.request('GET', '/AccessTokens?PageSize=5', {headers: {'If-None-Match': etag}});
		expect(same.status).toBe(304);
		const otherPage = await server.request('GET', '/AccessTokens?PageSize=5&Page=2', {
			headers: {'If-None-Match': etag},
		});
		expect(otherPage.status).toBe(200);
		await create({Name: 'Changes the list'});
		const changed = await server.request('GET', '/AccessTokens?PageSize=5', {
			headers: {'If-None-Match': etag},
		});
		expect(changed.status).toBe(200);
		expect(changed.headers.etag).not.toBe(etag);
		expect(changed.json.AccessTokens[0].Name).toBe('Changes the list');
	});

	test('catalogues carry ETags too', async () => {
		const first = await server.request('GET', '/ApiScopes');
		const again = await server.request('GET', '/ApiScopes', {
			headers: {'If-None-Match': first.headers.etag!},
		});
		expect(again.status).toBe(304);
	});

	test('an unknown id is a 404', async () => {
		const {status, json} = await server.request('GET', '/AccessTokens/NoSuchTokenId');
		expect(status).toBe(404);
		expect(json).toMatchObject({Status: 'ERROR'});
	});
});

describe('edit (PUT)', () => {
	test('needs If-Match: 428 without it', async () => {
		const {AccessToken: token} = await create();
		const {status, json} = await server.request('PUT', `/AccessTokens/${token.Id}`, {
			body: {Name: 'Renamed'},
		});
		expect(status).toBe(428);
		expect(json.Message).toContain('If-Match');
	});

	test('edits the given fields, bumps the Version and the ETag', async () => {
		const {AccessToken: token} = await create();
		const {status, json, headers} = await server.request('PUT', `/AccessTokens/${token.Id}`, {
			body: {Name: 'Renamed', Scopes: ['reports.reports.get'], DeveloperEmails: []},
			headers: {'If-Match': '"1"'},
		});
		expect(status).toBe(200);
		expect(json).toMatchObject({
			Name: 'Renamed',
			Description: token.Description,
			Scopes: ['reports.reports.get'],
			DeveloperEmails: [],
			Version: 2,
		});
		expect(headers.etag).toBe('"2"');
		expect(Date.parse(json.UpdatedAt)).toBeGreaterThanOrEqual(Date.parse(token.UpdatedAt));
	});

	test('a stale If-Match is a 412 that says someone else changed it', async () => {
		const {AccessToken: token} = await create({Name: 'Contended'});
		const first = await server.request('PUT', `/AccessTokens/${token.Id}`, {
			body: {Description: 'mine'},
			headers: {'If-Match': '"1"'},
		});
		expect(first.status).toBe(200);
		const second = await server.request('PUT', `/AccessTokens/${token.Id}`, {
			body: {Description: 'theirs'},
			headers: {'If-Match': '"1"'},
		});
		expect(second.status).toBe(412);
		expect(second.json.Message).toMatch(/changed by someone else/);
		expect((await server.request('GET', `/AccessTokens/${token.Id}`)).json.Description).toBe('mine');
	});

	test('concurrent edits of one version: exactly one wins, the rest get 412', async () => {
		const {AccessToken: token} = await create();
		const answers = await Promise.all(
			Array.from({length: 8}, async (_, index) =>
				server.request('PUT', `/AccessTokens/${token.Id}`, {
					body: {Description: `writer ${index}`},
					headers: {'If-Match': '"1"'},
				}),
			),
		);
		expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
		expect(answers.filter((answer) => answer.status === 412)).toHaveLength(7);
	});

	test('the API version cannot change through an edit (400 naming ApiVersion)', async () => {
		const {AccessToken: token} = await create({ApiVersion: '14'});
		const refused = await server.request('PUT', `/AccessTokens/${token.Id}`, {
			body: {ApiVersion: '16'},
			headers: {'If-Match': '"1"'},
		});
		expect(refused.status).toBe(400);
		expect(refused.json.Field).toBe('ApiVersion');
		const same = await server.request('PUT', `/AccessTokens/${token.Id}`, {
			body: {ApiVersion: '14', Name: 'Same version is fine'},
			headers: {'If-Match': '"1"'},
		});
		expect(same.status).toBe(200);
	});

	test('invalid values are a 400 naming the field, and change nothing', async () => {
		const {AccessToken: token} = await create();
		const {status, json} = await server.request('PUT', `/AccessTokens/${token.Id}`, {
			body: {DeveloperEmails: ['a@b.c', 'A@B.C']},
			headers: {'If-Match': '"1"'},
		});
		expect(status).toBe(400);
		expect(json.Field).toBe('DeveloperEmails');
		expect((await server.request('GET', `/AccessTokens/${token.Id}`)).json.Version).toBe(1);
	});

	test('If-Match: * matches any version', async () => {
		const {AccessToken: token} = await create();
		const {status} = await server.request('PUT', `/AccessTokens/${token.Id}`, {
			body: {Name: 'Forced'},
			headers: {'If-Match': '*'},
		});
		expect(status).toBe(200);
	});
});

describe('delete', () => {
	test('answers 204, then the token is gone (404)', async () => {
		const {AccessToken: token} = await create();
		const deleted = await server.request('DELETE', `/AccessTokens/${token.Id}`);
		expect(deleted.status).toBe(204);
		expect((await server.request('GET', `/AccessTokens/${token.Id}`)).status).toBe(404);
		expect((await server.request('DELETE', `/AccessTokens/${token.Id}`)).status).toBe(404);
	});

	test('honours a stale If-Match with 412', async () => {
		const {AccessToken: token} = await create();
		const {status} = await server.request('DELETE', `/AccessTokens/${token.Id}`, {
			headers: {'If-Match': '"7"'},
		});
		expect(status).toBe(412);
		expect((await server.request('GET', `/AccessTokens/${token.Id}`)).status).toBe(200);
	});
});

describe('catalogues and the operator', () => {
	test('API versions with the latest marked', async () => {
		const {json} = await server.request('GET', '/ApiVersions');
		expect(json.ApiVersions.map((version: {Version: string}) => version.Version)).toEqual([
			'11',
			'12',
			'13',
			'14',
			'15',
			'16',
		]);
		expect(json.ApiVersions.filter((version: {Latest: boolean}) => version.Latest)).toEqual([
			expect.objectContaining({Version: '16'}),
		]);
	});

	test('API scopes grouped by category, with read and write scopes', async () => {
		const {json} = await server.request('GET', '/ApiScopes');
		const names = json.ApiCategories.map((category: {Name: string}) => category.Name);
		expect(names).toEqual(
			expect.arrayContaining([
				'Account',
				'Actions',
				'Ads',
				'Campaigns',
				'Contacts',
				'Contracts',
				'Deals',
				'Media Partners',
				'Reports',
			]),
		);
		const methods = new Set(
			json.ApiCategories.flatMap((category: {Scopes: Array<{Method: string}>}) =>
				category.Scopes.map((scope) => scope.Method),
			),
		);
		expect([...methods].sort()).toEqual(['DELETE', 'GET', 'POST', 'PUT']);
	});

	test('users for the contact field', async () => {
		const {json} = await server.request('GET', '/Users');
		expect(json.Users.length).toBeGreaterThanOrEqual(6);
		expect(json.Users[0]).toEqual({
			Id: expect.any(String),
			Name: expect.any(String),
			Email: expect.stringContaining('@'),
		});
	});

	test('the operator behind the credentials', async () => {
		expect((await server.request('GET', '/Operator')).json).toEqual({
			Name: 'Ada Lindqvist',
			Role: 'Account Administrator',
			UserId: 'U1001',
			CanWrite: true,
		});
	});
});
