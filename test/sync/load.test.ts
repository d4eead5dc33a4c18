/**
 * Loads against servers whose paging is scripted: the first load streams page
 * by page, and what it shows is the whole list however the pages are counted;
 * a refresh passes on what changed as the pages arrive, and leaves alone what
 * the app changed while it walked the pages.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {createApiClient} from '../../source/api/index.js';
import type {AccessToken} from '../../source/domain/token.js';
import {
	initialState,
	reducer,
	unlistedTokenIds,
	type Action,
	type AppState,
} from '../../source/state/index.js';
import {confirmAtMost, createLoader} from '../../source/sync/load.js';
import {startScriptedServer} from '../api/helpers.js';
import {makeToken} from '../state/fixtures.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
	await close?.();
	close = undefined;
});

type Response = Parameters<Parameters<typeof startScriptedServer>[0]>[1];

/** The page number a list request asks for. */
const pageAsked = (url: string | undefined) => Number(new URL(url!, 'http://x').searchParams.get('Page'));

/** Answers page `page` of `pages`, claiming `numPages` pages. */
function answerPage(response: Response, pages: AccessToken[][], page: number, numPages: number) {
	response.writeHead(200, {'content-type': 'application/json'});
	response.end(
		JSON.stringify({
			'@page': page,
			'@numpages': numPages,
			'@pagesize': 1000,
			'@total': pages.flat().length,
			AccessTokens: pages[page - 1] ?? [],
		}),
	);
}

/** A client of the scripted server that never retries, and a state for it to load into. */
function clientOf(url: string) {
	return {
		client: createApiClient({apiUrl: url, accountSid: 'IRAgencyDemo1', authToken: 'x', retry: {limit: 0}}),
		state: initialState({now: Date.now(), serverUrl: url, accountSid: 'IRAgencyDemo1'}),
	};
}

/** A server answering page N with `pages[N - 1]`, claiming `numPages` pages (or `numPages(N)` on page N). */
async function load(pages: AccessToken[][], numPages: number | ((page: number) => number) = pages.length) {
	const server = await startScriptedServer((request, response) => {
		const page = pageAsked(request.url);
		answerPage(response, pages, page, typeof numPages === 'number' ? numPages : numPages(page));
	});
	close = server.close;
	const scripted = clientOf(server.url);
	const {client} = scripted;
	let state: AppState = scripted.state;
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

/** The Id a request for one token asks for, if it is one. */
const idAsked = (url: string | undefined) => /\/AccessTokens\/([^/?]+)/u.exec(url ?? '')?.[1];

/**
 * A server answering page N from `pages` as it is when asked, the last page
 * only once `releaseLast` is called, and a token by Id from the pages as they
 * are; a loader on it whose clock the test sets, and which compares pages with
 * the rows it holds as the app's loader does.
 */
async function heldPages(
	pages: AccessToken[][],
	onAsked: (page: number, clock: {now: number}) => void = () => undefined,
) {
	const clock = {now: 0};
	const last = pages.length;
	let release!: () => void;
	let held = new Promise<void>((resolve) => {
		release = resolve;
	});
	let askedForLast!: () => void;
	let lastAsked = new Promise<void>((resolve) => {
		askedForLast = resolve;
	});
	const idsAsked: string[] = [];
	const lookups = {failing: false};
	const server = await startScriptedServer(async (request, response) => {
		const id = idAsked(request.url);
		if (id !== undefined) {
			idsAsked.push(id);
			const token = pages.flat().find((each) => each.Id === id);
			response.writeHead(lookups.failing ? 500 : token ? 200 : 404, {'content-type': 'application/json'});
			response.end(JSON.stringify(token ?? {Status: 'ERROR', Message: 'No such token'}));
			return;
		}

		const page = pageAsked(request.url);
		onAsked(page, clock);
		if (page === last) {
			askedForLast();
			await held;
		}

		answerPage(response, pages, page, last);
	});
	close = server.close;
	const scripted = clientOf(server.url);
	const {client} = scripted;
	let state: AppState = scripted.state;
	const dispatched: Action[] = [];
	const dispatch = (action: Action) => {
		dispatched.push(action);
		state = reducer(state, action);
	};

	const loader = createLoader({
		client,
		dispatch,
		now: () => clock.now,
		current: (id) => state.tokens.byId.get(id)?.token,
		unlisted: (listed, limit) => unlistedTokenIds(state, listed, limit),
	});
	return {
		loader,
		dispatch,
		dispatched,
		clock,
		/** The Ids asked for one by one, in order. */
		idsAsked,
		/** Set `failing` for the lookups by Id to answer 500. */
		lookups,
		state: () => state,
		shown: (id: string) => state.tokens.byId.get(id)?.token,
		/** Resolves once the walk has asked for the last page. */
		lastAsked: async () => lastAsked,
		releaseLast() {
			release();
		},
		/** Holds the last page again, for the next walk. */
		holdAgain() {
			held = new Promise<void>((resolve) => {
				release = resolve;
			});
			lastAsked = new Promise<void>((resolve) => {
				askedForLast = resolve;
			});
		},
	};
}

/** A refresh through the held pages, its last page let through as soon as it is asked for. */
async function refreshed(walk: Awaited<ReturnType<typeof heldPages>>) {
	const refreshing = walk.loader.refresh();
	await walk.lastAsked();
	walk.releaseLast();
	await refreshing;
}

/** A first load through the held pages, then the last page held again for the walk to come. */
async function loaded(walk: Awaited<ReturnType<typeof heldPages>>) {
	walk.releaseLast();
	await walk.loader.refresh();
	walk.holdAgain();
	walk.dispatched.length = 0;
}

describe('a refresh', () => {
	it('passes on what changed about once a second, before the walk has ended', async () => {
		const [first, second, third] = [makeToken(), makeToken(), makeToken()];
		const pages = [[first], [second], [third]];
		// Page 2 arrives a second and a half after page 1 (the clock is the test's).
		const walk = await heldPages(pages, (page, clock) => {
			if (page === 2) clock.now += 1500;
		});
		await loaded(walk);

		const renamed = {...first, Name: 'Renamed on the server', Version: first.Version + 1};
		pages[0] = [renamed];
		const refreshing = walk.loader.refresh();
		await walk.lastAsked();
		// Page 3 is still on its way; page 1's news is on screen already.
		await expect.poll(() => walk.shown(first.Id)?.Name).toBe('Renamed on the server');
		expect(walk.state().connection.loading).toBe(true);
		walk.releaseLast();
		await refreshing;
		expect(walk.state().connection.loading).toBe(false);
	});

	it('passes on no token when nothing changed, and says at page 1 that the server answered', async () => {
		const pages = [[makeToken(), makeToken()], [makeToken()]];
		const walk = await heldPages(pages);
		await loaded(walk);
		walk.dispatch({type: 'tokens/loadFailed', message: 'connect ECONNREFUSED', offline: true, at: 1});
		walk.dispatched.length = 0;
		const before = walk.state().tokens;
		walk.clock.now += 5000;
		const refreshing = walk.loader.refresh();
		await walk.lastAsked();
		expect(walk.state().connection.status).toBe('online');
		walk.releaseLast();
		await refreshing;
		expect(walk.dispatched.map((action) => action.type)).toEqual([
			'tokens/loadStarted',
			'tokens/appended',
			'tokens/listed',
		]);
		expect(
			walk.dispatched.flatMap((action) => (action.type === 'tokens/appended' ? action.tokens : [])),
		).toEqual([]);
		expect(walk.state().tokens.rows).toBe(before.rows);
	});

	it('that fails midway still shows what its pages had brought', async () => {
		const second = makeToken();
		const pages = [[makeToken()], [second], [makeToken()]];
		let failing = false;
		const walk = await heldPages(pages, (page) => {
			// Page 3 never comes: the server is gone by then.
			if (page === 3 && failing) void close?.();
		});
		await loaded(walk);
		failing = true;
		// Page 2's news is held back (less than a second has passed) when page 3 fails.
		pages[1] = [{...second, Name: 'Renamed before the failure', Version: second.Version + 1}];
		await walk.loader.refresh();
		expect(walk.state().connection.lastError).not.toBeNull();
		expect(walk.shown(second.Id)?.Name).toBe('Renamed before the failure');
	});

	it('keeps a token that a deletion moved onto a page already read, and drops the deleted one next time', async () => {
		const [a, b, c, d] = [makeToken(), makeToken(), makeToken(), makeToken()];
		const pages = [
			[a, b],
			[c, d],
		];
		let deleting = false;
		const walk = await heldPages(pages, (page) => {
			// Between the walk's page 1 and page 2, `a` is deleted elsewhere: every later token moves
			// up one place, and page 2 no longer starts with `c`.
			if (page === 2 && deleting) pages.splice(0, 2, [b, c], [d]);
		});
		await loaded(walk);
		deleting = true;
		await refreshed(walk);
		// `c` was on neither page the walk read; `a` was, before it went.
		expect(walk.shown(c.Id)).toEqual(c);
		expect(walk.shown(a.Id)).toEqual(a);
		expect(walk.idsAsked).toEqual([c.Id]);

		deleting = false;
		walk.holdAgain();
		await refreshed(walk);
		const shownIds = walk.state().tokens.rows.map((row) => row.token.Id);
		expect(shownIds.sort()).toEqual([b.Id, c.Id, d.Id].sort());
		expect(walk.idsAsked).toEqual([c.Id, a.Id]);
	});

	it('takes more unlisted tokens than it would ask about as deleted, without asking', async () => {
		const gone = Array.from({length: confirmAtMost + 1}, () => makeToken());
		const kept = makeToken();
		const pages = [[kept], gone];
		const walk = await heldPages(pages);
		await loaded(walk);
		pages[1] = [];
		await refreshed(walk);

		expect(walk.state().tokens.rows.map((row) => row.token.Id)).toEqual([kept.Id]);
		expect(walk.idsAsked).toEqual([]);
	});

	it('keeps the unlisted tokens when the server cannot say whether they are gone, asking no more', async () => {
		const [kept, unsure, unasked] = [makeToken(), makeToken(), makeToken()];
		const pages = [[kept], [unsure, unasked]];
		const walk = await heldPages(pages);
		await loaded(walk);
		pages[1] = [];
		walk.lookups.failing = true;
		await refreshed(walk);

		expect(walk.idsAsked).toHaveLength(1);
		expect(walk.shown(unsure.Id)).toEqual(unsure);
		expect(walk.shown(unasked.Id)).toEqual(unasked);
		expect(walk.state().connection.lastError).toBeNull();
	});

	it('asks nothing about a row whose op is in flight: a new token has no Id on the server yet', async () => {
		const pages = [[makeToken()], [makeToken()]];
		const walk = await heldPages(pages);
		await loaded(walk);
		const op = {opId: 'dup', tokenId: 'pending:dup', kind: 'insert' as const, label: 'insert', startedAt: 0};
		walk.dispatch({type: 'op/applied', op, next: makeToken({Id: 'pending:dup'})});
		await refreshed(walk);

		expect(walk.idsAsked).toEqual([]);
		expect(walk.shown('pending:dup')).toBeDefined();
	});

	it('leaves alone what the app created, changed and deleted while it walked the pages', async () => {
		const [kept, edited, deleted] = [makeToken(), makeToken(), makeToken()];
		// Page 2, read by the server before the app's changes but arriving after them, has the old copies.
		const pages = [[kept], [edited, deleted]];
		const walk = await heldPages(pages);
		await loaded(walk);

		const refreshing = walk.loader.refresh();
		await walk.lastAsked();
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
		walk.releaseLast();
		await refreshing;

		expect(walk.shown(created.Id)).toEqual(created);
		expect(walk.shown(edited.Id)).toEqual(edit);
		expect(walk.shown(deleted.Id)).toBeUndefined();
		expect(walk.shown(kept.Id)).toEqual(kept);

		// The next walk takes the server's word again: it lists neither the new token nor the edit.
		pages[0] = [kept];
		pages[1] = [];
		walk.releaseLast();
		await walk.loader.refresh();
		expect(walk.state().tokens.rows.map((row) => row.token.Id)).toEqual([kept.Id]);
	});
});
