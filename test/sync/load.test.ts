/**
 * The first load against servers whose paging is scripted: it streams page by
 * page, and what it shows is the whole list however the pages are counted.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {createApiClient} from '../../source/api/index.js';
import type {AccessToken} from '../../source/domain/token.js';
import {initialState, reducer, type Action, type AppState} from '../../source/state/index.js';
import {createLoader} from '../../source/sync/load.js';
import {startScriptedServer} from '../api/helpers.js';
import {makeToken} from '../state/fixtures.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
	await close?.();
	close = undefined;
});

/** A server answering page N with `pages[N - 1]`, claiming `numPages` pages (or `numPages(N)` on page N). */
async function load(pages: AccessToken[][], numPages: number | ((page: number) => number) = pages.length) {
	const server = await startScriptedServer((request, response) => {
		const page = Number(new URL(request.url!, 'http://x').searchParams.get('Page'));
		const tokens = pages[page - 1] ?? [];
		response.writeHead(200, {'content-type': 'application/json'});
		response.end(
			JSON.stringify({
				'@page': page,
				'@numpages': typeof numPages === 'number' ? numPages : numPages(page),
				'@pagesize': 1000,
				'@total': pages.flat().length,
				AccessTokens: tokens,
			}),
		);
	});
	close = server.close;
	let state: AppState = initialState({now: Date.now(), serverUrl: server.url, accountSid: 'IRAgencyDemo1'});
	const client = createApiClient({
		apiUrl: server.url,
		accountSid: 'IRAgencyDemo1',
		authToken: 'x',
		retry: {limit: 0},
	});
	const loader = createLoader({client, dispatch: (action: Action) => (state = reducer(state, action))});
	await loader.refresh();
	return state;
}

describe('the first load', () => {
	it('shows every token of every page, each as the server sent it', async () => {
		const pages = [[makeToken(), makeToken()], [makeToken()], [makeToken(), makeToken()]];
		const state = await load(pages);
		expect(state.tokens.loaded).toBe(true);
		expect(state.tokens.rows.map((row) => row.token)).toEqual(pages.flat());
	});

	it('keeps the tokens of a first page that counts no pages', async () => {
		const tokens = [makeToken(), makeToken()];
		const state = await load([tokens], 0);
		expect(state.tokens.rows.map((row) => row.token)).toEqual(tokens);
	});

	it('keeps the pages already shown when a later page counts no pages', async () => {
		const pages = [[makeToken(), makeToken()], [makeToken()]];
		// Page 1 (shown alone, at once) counts two pages; page 2, the last, counts none.
		const state = await load(pages, (page) => (page === 1 ? 2 : 0));
		expect(state.tokens.loaded).toBe(true);
		expect(state.tokens.rows.map((row) => row.token)).toEqual(pages.flat());
	});
});
