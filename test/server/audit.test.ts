import {afterAll, beforeAll, expect, test} from 'vitest';
import {startTestServer, type TestServer} from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => server.close());

test('every change and every reveal is on record, newest first, with who, what and which token', async () => {
	const secrets: string[] = [];
	const created = await server.request('POST', '/AccessTokens', {
		body: {Name: 'Audited', Scopes: ['account.company-information.get']},
	});
	const id = created.json.AccessToken.Id as string;
	secrets.push(created.json.Credentials.AuthToken);
	await server.request('PUT', `/AccessTokens/${id}`, {
		body: {Name: 'Audited again', Description: 'new'},
		headers: {'If-Match': '"1"'},
		auth: 'demo-specialist',
	});
	const duplicate = await server.request('POST', `/AccessTokens/${id}/Duplicate`);
	secrets.push(duplicate.json.Credentials.AuthToken);
	secrets.push((await server.request('POST', `/AccessTokens/${id}/Reset`)).json.Credentials.AuthToken);
	await server.request('POST', `/AccessTokens/${id}/Upgrade`, {body: {ApiVersion: '16'}});
	await server.request('POST', `/AccessTokens/${duplicate.json.AccessToken.Id}/Upgrade`, {
		body: {ApiVersion: '16'},
	});
	await server.request('POST', `/AccessTokens/${id}/Disable`);
	await server.request('POST', `/AccessTokens/${id}/Enable`);
	secrets.push((await server.request('GET', `/AccessTokens/${id}/Credentials`)).json.ReadWrite.AuthToken);
	await server.request('POST', '/LegacyTokens/Enable');
	const legacy = (await server.request('GET', '/AccessTokens?PageSize=1000')).json.AccessTokens.find(
		(token: {Legacy: boolean; State: string}) => token.Legacy,
	);
	const legacyReset = await server.request('POST', `/AccessTokens/${legacy.Id}/Reset`, {
		body: {Credential: 'ReadOnly'},
	});
	secrets.push(legacyReset.json.Credentials.AuthToken);
	await server.request('DELETE', `/AccessTokens/${id}`);

	const {status, json, text} = await server.request('GET', '/AuditLog?PageSize=1000');
	expect(status).toBe(200);
	const summary = json.AuditEntries.map((entry: Record<string, string>) => [
		entry.Action,
		entry.Actor,
		entry.TokenName,
		entry.Detail,
	]);
	expect(summary).toEqual([
		['Delete', 'Ada Lindqvist', 'Audited again', ''],
		['Reset', 'Ada Lindqvist', legacy.Name, 'ReadOnly'],
		['EnableLegacy', 'Ada Lindqvist', '', ''],
		['Reveal', 'Ada Lindqvist', 'Audited again', ''],
		['Enable', 'Ada Lindqvist', 'Audited again', ''],
		['Disable', 'Ada Lindqvist', 'Audited again', ''],
		// Both upgrades above were refused (the tokens are at the latest version already): no entry for them.
		['Reset', 'Ada Lindqvist', 'Audited again', ''],
		['Duplicate', 'Ada Lindqvist', 'Audited again (copy)', `from "Audited again" (${id})`],
		['Edit', 'Ravi Menon', 'Audited again', 'Name, Description'],
		['Create', 'Ada Lindqvist', 'Audited', ''],
	]);
	for (const entry of json.AuditEntries) {
		expect(entry).toEqual({
			Id: expect.any(String),
			At: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			Actor: expect.any(String),
			Action: expect.any(String),
			TokenId: expect.any(String),
			TokenName: expect.any(String),
			Detail: expect.any(String),
		});
	}

	for (const secret of secrets) expect(text).not.toContain(secret);
	expect(json['@total']).toBe(10);
	const page2 = await server.request('GET', '/AuditLog?PageSize=3&Page=2');
	expect(page2.json.AuditEntries.map((entry: {Action: string}) => entry.Action)).toEqual([
		'Reveal',
		'Enable',
		'Disable',
	]);
});

test('an upgrade is recorded with the versions', async () => {
	const created = await server.request('POST', '/AccessTokens', {
		body: {Name: 'Old API', ApiVersion: '13', Scopes: ['reports.reports.get']},
	});
	await server.request('POST', `/AccessTokens/${created.json.AccessToken.Id}/Upgrade`, {
		body: {ApiVersion: '15'},
	});
	const [latest] = (await server.request('GET', '/AuditLog?PageSize=1')).json.AuditEntries;
	expect(latest).toMatchObject({Action: 'Upgrade', TokenName: 'Old API', Detail: '13 → 15'});
});

test('refused requests leave no trace', async () => {
	const before = (await server.request('GET', '/AuditLog')).json['@total'];
	await server.request('POST', '/AccessTokens', {body: {Name: ''}});
	await server.request('POST', '/AccessTokens', {
		body: {Name: 'x', Scopes: ['reports.reports.get']},
		auth: 'demo-readonly',
	});
	// A HEAD would reveal nothing, so it must not count as a reveal either.
	const id = (await server.request('GET', '/AccessTokens?PageSize=1')).json.AccessTokens[0].Id;
	expect((await server.request('HEAD', `/AccessTokens/${id}/Credentials`)).status).toBe(404);
	expect((await server.request('GET', '/AuditLog')).json['@total']).toBe(before);
});
