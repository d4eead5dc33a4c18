import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {startTestServer, type TestServer} from '../support/server.js';
import {createdWithin, legacy, namesContaining, scoped} from './fixture-facts.js';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => server.close());

async function names(query: string): Promise<string[]> {
	const {status, json} = await server.request('GET', `/AccessTokens?PageSize=1000&${query}`);
	expect(status).toBe(200);
	expect(json['@total']).toBe(json.AccessTokens.length);
	return (json.AccessTokens as Array<{Name: string}>).map((token) => token.Name).sort();
}

describe('filters', () => {
	test('name search is a case-insensitive substring match', async () => {
		expect(await names('Name=BILLING')).toEqual(namesContaining('billing').sort());
		expect(await names('Name=billing')).toEqual(await names('Name=Billing'));
		expect(namesContaining('billing').length).toBeGreaterThan(1);
	});

	test('name search finds CJK names by part of the name', async () => {
		expect(await names(`Name=${encodeURIComponent('同步')}`)).toEqual(['结算同步']);
		expect(await names(`Name=${encodeURIComponent('広告')}`)).toEqual(['広告レポート']);
		expect(await names(`Name=${encodeURIComponent('리포트')}`)).toEqual(['광고 성과 리포트']);
	});

	test('a name nobody has gives an empty list, not an error', async () => {
		const {status, json} = await server.request('GET', '/AccessTokens?Name=zzzz-nothing');
		expect(status).toBe(200);
		expect(json).toMatchObject({'@total': 0, '@numpages': 1, '@start': 0, AccessTokens: []});
	});

	test.each([
		['Last7Days', 7],
		['Last30Days', 30],
	])('CreatedOn=%s keeps tokens created within the window', async (value, days) => {
		const expected = createdWithin(days)
			.map((token) => token.Name)
			.sort();
		expect(expected.length).toBeGreaterThan(5);
		expect(await names(`CreatedOn=${value}`)).toEqual(expected);
	});

	test('CreatedOn=MoreThan30Days keeps the older ones', async () => {
		const recent = new Set(createdWithin(30).map((token) => token.Name));
		const expected = scoped
			.filter((token) => !recent.has(token.Name))
			.map((token) => token.Name)
			.sort();
		expect(expected.length).toBeGreaterThan(5);
		expect(await names('CreatedOn=MoreThan30Days')).toEqual(expected);
	});

	test.each(['Enabled', 'Disabled'] as const)('State=%s keeps tokens in that state', async (state) => {
		const expected = scoped
			.filter((token) => token.State === state)
			.map((token) => token.Name)
			.sort();
		expect(expected.length).toBeGreaterThan(3);
		expect(await names(`State=${state}`)).toEqual(expected);
	});

	test('filters combine with AND', async () => {
		const expected = createdWithin(30)
			.filter((token) => token.State === 'Enabled' && token.Name.toLowerCase().includes('sync'))
			.map((token) => token.Name)
			.sort();
		expect(expected.length).toBeGreaterThan(0);
		expect(await names('Name=SYNC&CreatedOn=Last30Days&State=Enabled')).toEqual(expected);
		expect(await names('Name=sync&CreatedOn=Last7Days&State=Disabled')).toEqual([]);
	});

	test('empty or Any values mean no filter (clear all)', async () => {
		const all = await names('');
		expect(all).toHaveLength(scoped.length);
		expect(await names('Name=&CreatedOn=&State=')).toEqual(all);
		expect(await names('CreatedOn=Any&State=Any')).toEqual(all);
	});

	test.each([
		['CreatedOn=Yesterday', 'CreatedOn'],
		['State=On', 'State'],
		['State=Enabled&State=Disabled', 'State'],
	])('%s is refused with a 400 naming %s', async (query, field) => {
		const {status, json} = await server.request('GET', `/AccessTokens?${query}`);
		expect(status).toBe(400);
		expect(json).toMatchObject({Status: 'ERROR', Field: field});
		expect(json.Message).toContain(field);
	});

	test('legacy tokens are left out until the account enables them, then take part in every filter', async () => {
		expect((await names('')).some((name) => legacy.some((token) => token.Name === name))).toBe(false);
		expect((await server.request('POST', '/LegacyTokens/Enable')).json).toEqual({Enabled: true});
		const older = await names('CreatedOn=MoreThan30Days');
		for (const token of legacy) expect(older).toContain(token.Name);
		expect(await names('Name=legacy%20%E2%80%93')).toEqual(namesContaining('legacy –', legacy).sort());
		const {json} = await server.request('GET', '/AccessTokens?PageSize=1000');
		expect(json['@total']).toBe(scoped.length + legacy.length);
		expect(json.AccessTokens.filter((token: {Legacy: boolean}) => token.Legacy)).toHaveLength(legacy.length);
	});
});
