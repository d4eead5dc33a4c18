import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {startTestServer, type TestServer} from '../support/server.js';
import {scoped} from './fixture-facts.js';

const path = '/Agencies/IRAgencyDemo1/AccessTokens';
const total = scoped.length;

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => server.close());

describe('paging', () => {
	test('the first page holds everything at the default page size of 100', async () => {
		const {status, json} = await server.request('GET', '/AccessTokens');
		expect(status).toBe(200);
		expect(json).toMatchObject({
			'@page': 1,
			'@numpages': 1,
			'@pagesize': 100,
			'@total': total,
			'@start': 1,
			'@end': total,
			'@uri': `${path}?PageSize=100&Page=1`,
			'@firstpageuri': `${path}?PageSize=100&Page=1`,
			'@previouspageuri': '',
			'@nextpageuri': '',
			'@lastpageuri': `${path}?PageSize=100&Page=1`,
		});
		expect(json.AccessTokens).toHaveLength(total);
	});

	test('a middle page answers with every paging field, as impact.com does', async () => {
		const {json} = await server.request('GET', '/AccessTokens?PageSize=5&Page=2');
		const pages = Math.ceil(total / 5);
		expect(json).toMatchObject({
			'@page': 2,
			'@numpages': pages,
			'@pagesize': 5,
			'@total': total,
			'@start': 6,
			'@end': 10,
			'@uri': `${path}?PageSize=5&Page=2`,
			'@firstpageuri': `${path}?PageSize=5&Page=1`,
			'@previouspageuri': `${path}?PageSize=5&Page=1`,
			'@nextpageuri': `${path}?PageSize=5&Page=3`,
			'@lastpageuri': `${path}?PageSize=5&Page=${pages}`,
		});
		expect(json.AccessTokens).toHaveLength(5);
	});

	test('the last page holds the remainder and has no next page', async () => {
		const pages = Math.ceil(total / 5);
		const {json} = await server.request('GET', `/AccessTokens?PageSize=5&Page=${pages}`);
		expect(json['@start']).toBe((pages - 1) * 5 + 1);
		expect(json['@end']).toBe(total);
		expect(json['@nextpageuri']).toBe('');
		expect(json.AccessTokens).toHaveLength(total - (pages - 1) * 5);
	});

	test('a page past the end is empty and points back to the last page', async () => {
		const pages = Math.ceil(total / 5);
		const {status, json} = await server.request('GET', `/AccessTokens?PageSize=5&Page=${pages + 3}`);
		expect(status).toBe(200);
		expect(json.AccessTokens).toEqual([]);
		expect(json['@start']).toBe(0);
		expect(json['@total']).toBe(total);
		expect(json['@nextpageuri']).toBe('');
		expect(json['@previouspageuri']).toBe(`${path}?PageSize=5&Page=${pages}`);
	});

	test('pages put together give the whole list, newest first, ties broken by Id', async () => {
		const whole = (await server.request('GET', '/AccessTokens?PageSize=1000')).json.AccessTokens as Array<{
			Id: string;
			CreatedAt: string;
		}>;
		const pieces = [];
		for (let page = 1; page <= Math.ceil(total / 7); page++) {
			pieces.push(
				...(await server.request('GET', `/AccessTokens?PageSize=7&Page=${page}`)).json.AccessTokens,
			);
		}

		expect(pieces.map((token: {Id: string}) => token.Id)).toEqual(whole.map((token) => token.Id));
		const sorted = [...whole].sort(
			(a, b) => b.CreatedAt.localeCompare(a.CreatedAt) || (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0),
		);
		expect(whole).toEqual(sorted);
	});

	test('page URIs keep the filters', async () => {
		const {json} = await server.request('GET', '/AccessTokens?State=Disabled&Name=a%20b&PageSize=2');
		expect(json['@uri']).toBe(`${path}?Name=a%20b&State=Disabled&PageSize=2&Page=1`);
	});

	test.each([
		['PageSize=1000', 200, undefined],
		['PageSize=1', 200, undefined],
		['PageSize=1001', 400, 'PageSize'],
		['PageSize=0', 400, 'PageSize'],
		['PageSize=-5', 400, 'PageSize'],
		['PageSize=ten', 400, 'PageSize'],
		['Page=0', 400, 'Page'],
		['Page=1.5', 400, 'Page'],
		['Page=abc', 400, 'Page'],
		['Page=99999999999999999999999', 400, 'Page'],
		['Page=1&Page=2', 400, 'Page'],
	])('%s answers %i', async (query, status, field) => {
		const response = await server.request('GET', `/AccessTokens?${query}`);
		expect(response.status).toBe(status);
		if (field) expect(response.json).toMatchObject({Status: 'ERROR', Field: field});
	});

	test('the audit log pages the same way', async () => {
		const {status, json} = await server.request('GET', '/AuditLog?PageSize=10');
		expect(status).toBe(200);
		expect(json).toMatchObject({
			'@page': 1,
			'@pagesize': 10,
			'@uri': '/Agencies/IRAgencyDemo1/AuditLog?PageSize=10&Page=1',
		});
		expect(json.AuditEntries).toBeInstanceOf(Array);
		expect((await server.request('GET', '/AuditLog?PageSize=5000')).json).toMatchObject({Field: 'PageSize'});
	});
});
