/**
 * listAllTokens when pages arrive out of order, fail, or are cancelled:
 * scripted servers make those timings certain.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {createApiClient, type TokenPage} from '../../source/api/index.js';
import {expectApiError, startScriptedServer} from './helpers.js';

const pageSize = 2;
const numPages = 5;
let close: (() => Promise<void>) | undefined;

afterEach(async () => {
	await close?.();
	close = undefined;
});

function token(id: string) {
	return {Id: id, Name: `Token ${id}`, Version: 1, Scopes: [], DeveloperEmails: []};
}

/** Answers page N of 5 after `delayFor(N)` ms, or with `failOn(N)`'s status. */
async function pagedServer(
	delayFor: (page: number) => number,
	failOn: (page: number) => number | undefined = () => undefined,
) {
	const load = {active: 0, most: 0};
	const server = await startScriptedServer((request, response) => {
		const page = Number(new URL(request.url!, 'http://x').searchParams.get('Page'));
		load.most = Math.max(load.most, ++load.active);
		response.on('finish', () => load.active--);
		setTimeout(() => {
			const status = failOn(page);
			if (status !== undefined) {
				response.writeHead(status, {'content-type': 'application/json'});
				response.end(JSON.stringify({Status: 'ERROR', Message: `No page ${page}`}));
				return;
			}

			response.writeHead(200, {'content-type': 'application/json'});
			response.end(
				JSON.stringify({
					'@page': page,
					'@numpages': numPages,
					'@pagesize': pageSize,
					'@total': numPages * pageSize,
					// Page 3 repeats the last token of page 2, as a list shifted by a delete would.
					AccessTokens: page === 3 ? [token('2b'), token('3b')] : [token(`${page}a`), token(`${page}b`)],
				}),
			);
		}, delayFor(page));
	});
	close = server.close;
	return {
		server,
		load,
		client: createApiClient({
			apiUrl: server.url,
			accountSid: 'IRAgencyDemo1',
			authToken: 'x',
			retry: {limit: 0},
		}),
	};
}

describe('listAllTokens', () => {
	it('hands pages to onPage in page order even when later ones arrive first', async () => {
		// Page 2 is the slowest: 3, 4 and 5 are in before it.
		const {client} = await pagedServer((page) => (page === 2 ? 150 : 5));
		const seen: number[] = [];
		const tokens = await client.listAllTokens({pageSize}, (page: TokenPage) => seen.push(page.info['@page']));
		expect(seen).toEqual([1, 2, 3, 4, 5]);
		expect(tokens.map((each) => each.Id)).toEqual(['1a', '1b', '2a', '2b', '3b', '4a', '4b', '5a', '5b']);
	});

	it('without collecting, hands on every page in order and keeps none of them', async () => {
		const {client} = await pagedServer((page) => (page === 2 ? 150 : 5));
		const seen: string[] = [];
		const tokens = await client.listAllTokens(
			{pageSize},
			(page: TokenPage) => seen.push(...page.tokens.map((each) => each.Id)),
			undefined,
			{collect: false},
		);
		expect(seen).toEqual(['1a', '1b', '2a', '2b', '2b', '3b', '4a', '4b', '5a', '5b']);
		expect(tokens).toEqual([]);
	});

	it('fetches a few pages at a time, never all at once', async () => {
		const {client, server, load} = await pagedServer(() => 30);
		await client.listAllTokens({pageSize}, () => undefined);
		expect(server.requests).toHaveLength(numPages);
		expect(load.most).toBeGreaterThan(1);
		expect(load.most).toBeLessThanOrEqual(3);
	});

	it('fails with the first failing page and stops the rest', async () => {
		const {client, server} = await pagedServer(
			(page) => (page === 3 ? 5 : 40),
			(page) => (page === 3 ? 404 : undefined),
		);
		const seen: number[] = [];
		const error = await expectApiError(
			client.listAllTokens({pageSize}, (page) => seen.push(page.info['@page'])),
			'notFound',
		);
		expect(error.message).toBe('HTTP 404: No page 3');
		expect(seen).toEqual([1]);
		// Pages 2-4 were asked for together; page 5 never was.
		expect(server.requests).toHaveLength(4);
	});

	it('stops when cancelled', async () => {
		const {client} = await pagedServer((page) => (page === 1 ? 0 : 200));
		const controller = new AbortController();
		const pending = client.listAllTokens(
			{pageSize},
			() => {
				controller.abort();
			},
			controller.signal,
		);
		await expectApiError(pending, 'aborted');
	});
});
