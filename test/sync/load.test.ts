/**
 * Loads against servers whose paging is scripted: the first load streams page
 * by page, and what it shows is the whole list however the pages are counted;
 * a refresh merges each page as it arrives, and leaves alone what the app
 * changed while it walked the pages.
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

/** Two pages, each answered from `pages` as it is when asked; page 2 only once `releasePage2` is called. */
async function heldPages(pages: AccessToken[][]) {
	let release!: () => void;
	let held = new Promise<void>((resolve) => {
		release = resolve;
	});
	let askedForPage2!: () => void;
	let page2Asked = new Promise<void>((resolve) => {
		askedForPage2 = resolve;
	});
	const server = await startScriptedServer(async (request, response) => {
		const page = Number(new URL(request.url!, 'http://x').searchParams.get('Page'));
		if (page === 2) {
			askedForPage2();
			await held;
		}

		response.writeHead(200, {'content-type': 'application/json'});
		response.end(
			JSON.stringify({
				'@page': page,
				'@numpages': 2,
				'@pagesize': 1000,
				'@total': pages.flat().length,
				AccessTokens: pages[page - 1],
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
	const dispatch = (action: Action) => {
		state = reducer(state, action);
	};

	const loader = createLoader({client, dispatch});
	return {
		loader,
		dispatch,
		state: () => state,
		shown: (id: string) => state.tokens.byId.get(id)?.token,
		/** Resolves once the walk has asked for page 2 (page 1 is merged by then). */
		page2Asked: async () => page2Asked,
		releasePage2() {
			release();
		},
		/** Holds page 2 again, for the next walk. */
		holdAgain() {
			held = new Promise<void>((resolve) => {
				release = resolve;
			});
			page2Asked = new Promise<void>((resolve) => {
				askedForPage2 = resolve;
			});
		},
	};
}

describe('a refresh', () => {
	it('shows each page as it arrives, before the walk has ended', async () => {
		const [first, second] = [makeToken(), makeToken()];
		const pages = [[first], [second]];
		const walk = await heldPages(pages);
		walk.releasePage2();
		await walk.loader.refresh();
		walk.holdAgain();

		const renamed = {...first, Name: 'Renamed on the server', Version: first.Version + 1};
		pages[0] = [renamed];
		const refreshing = walk.loader.refresh();
		await walk.page2Asked();
		// Page 2 is still on its way; page 1's news is on screen already.
		await expect.poll(() => walk.shown(first.Id)?.Name).toBe('Renamed on the server');
		expect(walk.state().connection.loading).toBe(true);
		walk.releasePage2();
		await refreshing;
		expect(walk.state().connection.loading).toBe(false);
	});

	it('leaves alone what the app created, changed and deleted while it walked the pages', async () => {
		const [kept, edited, deleted] = [makeToken(), makeToken(), makeToken()];
		// Page 2, read by the server before the app's changes but arriving after them, has the old copies.
		const pages = [[kept], [edited, deleted]];
		const walk = await heldPages(pages);
		walk.releasePage2();
		await walk.loader.refresh();
		walk.holdAgain();

		const refreshing = walk.loader.refresh();
		await walk.page2Asked();
		// The app's own changes, each committed by the server while page 2 is on its way.
		const created = makeToken({Name: 'Created meanwhile'});
		const edit = {...edited, Name: 'Edited meanwhile', Version: edited.Version + 1};
		const start = (opId: string, tokenId: string, kind: 'insert' | 'update' | 'remove') => ({
			opId,
			tokenId,
			kind,
			label: kind,
			startedAt: Date.now(),
		});
		walk.dispatch({
			type: 'op/applied',
			op: start('create', 'tmp-1', 'insert'),
			next: {...created, Id: 'tmp-1'},
		});
		walk.dispatch({type: 'op/committed', opId: 'create', token: created});
		walk.dispatch({type: 'op/applied', op: start('edit', edited.Id, 'update'), next: edit});
		walk.dispatch({type: 'op/committed', opId: 'edit', token: edit});
		walk.dispatch({type: 'op/applied', op: start('delete', deleted.Id, 'remove'), next: null});
		walk.dispatch({type: 'op/committed', opId: 'delete', token: null});
		walk.releasePage2();
		await refreshing;

		expect(walk.shown(created.Id)).toEqual(created);
		expect(walk.shown(edited.Id)).toEqual(edit);
		expect(walk.shown(deleted.Id)).toBeUndefined();
		expect(walk.shown(kept.Id)).toEqual(kept);

		// The next walk takes the server's word again: it lists neither the new token nor the edit.
		walk.releasePage2();
		pages[0] = [kept];
		pages[1] = [];
		walk.holdAgain();
		walk.releasePage2();
		await walk.loader.refresh();
		expect(walk.state().tokens.rows.map((row) => row.token.Id)).toEqual([kept.Id]);
	});
});
