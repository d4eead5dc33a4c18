import {describe, expect, test} from 'vitest';
import type {Operator} from '../../source/domain/token.js';
import {
	initialState,
	sameToken,
	selectCounts,
	selectVisibleRows,
	type AppState,
} from '../../source/state/index.js';
import {packToken} from '../../source/state/packed-tokens.js';
import {sameTokenFields} from '../../source/state/token-rows.js';
import {ids, makeToken, namedTokens, now, refreshed, run, stateWith} from './fixtures.js';

const fresh = initialState({now, serverUrl: 'http://127.0.0.1:4000', accountSid: 'IRAgencyDemo1'});
const [a, b, c, d] = namedTokens('a', 'b', 'c', 'd');

describe('the first load streams in page by page', () => {
	test('starts empty, connecting, not loaded', () => {
		expect(fresh.tokens.rows).toEqual([]);
		expect(fresh.tokens.loaded).toBe(false);
		expect(fresh.connection).toMatchObject({status: 'connecting', loading: false, lastRefreshAt: null});
	});

	test('each page shows at once; the last one marks the set loaded', () => {
		const started = run(fresh, {type: 'tokens/loadStarted'});
		expect(started.connection).toMatchObject({loading: true, expectedTotal: null});
		const page1 = run(started, {type: 'tokens/appended', tokens: [c, a], expectedTotal: 4});
		expect(ids(selectVisibleRows(page1))).toEqual(['id-a', 'id-c']);
		expect(page1.tokens.loaded).toBe(false);
		expect(page1.connection).toMatchObject({status: 'online', loading: true, expectedTotal: 4});
		const page2 = run(page1, {type: 'tokens/appended', tokens: [b, d], done: true, at: now + 10});
		expect(ids(selectVisibleRows(page2))).toEqual(['id-a', 'id-b', 'id-c', 'id-d']);
		expect(page2.tokens.loaded).toBe(true);
		expect(page2.connection).toMatchObject({loading: false, lastRefreshAt: now + 10});
	});

	test('pages merge by Id: a token arriving again replaces its earlier copy', () => {
		const renamed = {...a, Name: 'a renamed'};
		const state = run(
			fresh,
			{type: 'tokens/appended', tokens: [a, b]},
			{type: 'tokens/appended', tokens: [renamed]},
		);
		expect(state.tokens.rows).toHaveLength(2);
		expect(state.tokens.byId.get('id-a')?.token).toEqual(renamed);
	});

	test('a page with a token twice, or one already held among new ones, keeps one row each, the latest copy', () => {
		const [e, f] = namedTokens('e', 'f');
		const state = run(
			fresh,
			{type: 'tokens/appended', tokens: [a, b]},
			{type: 'tokens/appended', tokens: [c, {...d, Name: 'd first'}, {...d, Name: 'd again'}]},
			{type: 'tokens/appended', tokens: [e, {...a, Name: 'a again'}, f]},
		);
		expect(ids(selectVisibleRows(state)).sort()).toEqual(['id-a', 'id-b', 'id-c', 'id-d', 'id-e', 'id-f']);
		expect(state.tokens.byId.size).toBe(6);
		expect(state.tokens.byId.get('id-d')?.token.Name).toBe('d again');
		expect(state.tokens.byId.get('id-a')?.token.Name).toBe('a again');
	});
});

describe('a refresh replaces the set', () => {
	const loaded = stateWith([a, b, c]);

	test('adds, updates and removes, and records the refresh', () => {
		const updated = {...b, State: 'Disabled' as const, Version: 2};
		const state = run(loaded, ...refreshed([updated, c, d], now + 30_000));
		expect(ids(selectVisibleRows(state))).toEqual(['id-b', 'id-c', 'id-d']);
		expect(state.tokens.byId.get('id-b')?.token).toEqual(updated);
		expect(state.tokens.revision).toBeGreaterThan(loaded.tokens.revision);
		expect(state.connection).toMatchObject({status: 'online', lastRefreshAt: now + 30_000, lastError: null});
	});

	test('as a refresh sends it, only what differs: the rows listed unchanged stay, the row not listed goes', () => {
		const renamed = {...b, Name: 'renamed', Version: b.Version + 1};
		const state = run(
			loaded,
			{type: 'tokens/loadStarted'},
			{type: 'tokens/appended', tokens: [renamed]},
			{type: 'tokens/listed', ids: new Set(['id-b', 'id-c']), at: now + 1},
		);
		expect(ids(selectVisibleRows(state))).toEqual(['id-b', 'id-c']);
		expect(state.tokens.byId.get('id-b')?.token).toEqual(renamed);
		expect(state.tokens.byId.get('id-c')).toBe(loaded.tokens.byId.get('id-c'));
	});

	test('an unchanged set (equal copies from the server) keeps every row and the revision', () => {
		const copies = [a, b, c].map((token) => structuredClone(token));
		const state = run(loaded, ...refreshed(copies, now + 30_000));
		expect(state.tokens).toBe(loaded.tokens);
		expect(state.connection.lastRefreshAt).toBe(now + 30_000);
	});

	test('refreshes that change most tokens, again and again, keep every row as the server sent it', () => {
		// Enough dead slots (each change is packed anew) for a refresh to move the live tokens together.
		const server = Array.from({length: 12_000}, (_, index) => makeToken({Id: `bulk-${index}`}));
		let state = stateWith(server);
		const steady = state.tokens.byId.get('bulk-0')!;
		// Where the unchanged token's fields live (private; read to see that a refresh moved it).
		const chunkOf = (row: {token: unknown}) => (row.token as {chunk: object}).chunk;
		const firstChunk = chunkOf(steady);
		for (let version = 2; version <= 6; version++) {
			for (let index = 1; index < server.length; index++)
				if (index % 5 !== 0) server[index] = {...server[index]!, Version: version};
			state = run(
				state,
				...refreshed(
					server.map((token) => ({...token})),
					now + version,
				),
			);
		}

		expect(state.tokens.rows.map((row) => row.token)).toEqual(server);
		expect(state.tokens.byId.get('bulk-0')).toBe(steady);
		expect(state.tokens.byId.get('bulk-0')!.token).toEqual(server[0]);
		// Its first chunk was four-fifths dead: the token moved out, the same row all along.
		expect(chunkOf(steady)).not.toBe(firstChunk);
	});

	test('clears the last error and brings the status back online', () => {
		const failed = run(loaded, {
			type: 'tokens/loadFailed',
			message: 'connect ECONNREFUSED',
			at: now + 1,
			offline: true,
		});
		const state = run(failed, ...refreshed([a], now + 2));
		expect(state.connection).toMatchObject({status: 'online', lastError: null, lastErrorAt: null});
	});
});

describe('news the app had while a load ran', () => {
	const loaded = stateWith([a, b]);
	const fetched = {...b, Name: 'as the load read it'};
	const upserted = {...b, Name: 'as the app heard it since', Version: b.Version + 1};
	const during = run(
		loaded,
		{type: 'tokens/loadStarted'},
		{type: 'tokens/upserted', token: upserted},
		{type: 'tokens/removed', tokenId: 'id-a'},
		{type: 'tokens/appended', tokens: [a, fetched]},
	);

	test('outranks the load’s older copies, and the end of the load removes nothing the app knows of', () => {
		const state = run(during, {type: 'tokens/listed', ids: new Set(['id-a']), at: now + 1});
		expect(state.tokens.byId.get('id-b')?.token).toEqual(upserted);
		expect(state.tokens.byId.get('id-a')).toBeUndefined();
		expect(state.changedDuringLoad).toBeNull();
	});

	test('counts only for that load: after it ends, or fails, the next one is taken as it comes', () => {
		for (const ended of [
			run(during, {type: 'tokens/listed', ids: new Set(['id-b']), at: now + 1}),
			run(during, {type: 'tokens/loadFailed', message: 'HTTP 503', offline: false, at: now + 1}),
		]) {
			const next = run(ended, ...refreshed([fetched], now + 2));
			expect(ids(selectVisibleRows(next))).toEqual(['id-b']);
			expect(next.tokens.byId.get('id-b')?.token).toEqual(fetched);
		}
	});

	test('is not kept between loads', () => {
		expect(run(loaded, {type: 'tokens/upserted', token: upserted}).changedDuringLoad).toBeNull();
	});
});

describe('single tokens', () => {
	const loaded = stateWith([a, b]);

	test.each([
		[
			'an upsert of a new token adds it',
			{type: 'tokens/upserted', token: c} as const,
			['id-a', 'id-b', 'id-c'],
		],
		[
			'an upsert of a known token replaces it',
			{type: 'tokens/upserted', token: {...a, Name: 'z'}} as const,
			['id-a', 'id-b'],
		],
		['a removal removes it', {type: 'tokens/removed', tokenId: 'id-a'} as const, ['id-b']],
	])('%s', (_case, action, expected) => {
		const state = run(loaded, action);
		expect(ids(selectVisibleRows(state))).toEqual(expected);
		expect(state.tokens.revision).toBeGreaterThan(loaded.tokens.revision);
		expect(selectCounts(state).total).toBe(expected.length);
	});
});

describe('failures and the connection', () => {
	const loaded = stateWith([a, b]);

	test.each<[string, boolean, AppState['connection']['status']]>([
		['a network error: offline', true, 'offline'],
		['an HTTP error: the server answered', false, 'online'],
	])('a failed load keeps the data on screen; %s', (_case, offline, status) => {
		const state = run(loaded, {
			type: 'tokens/loadFailed',
			message: 'HTTP 503: unavailable',
			at: now + 5,
			offline,
		});
		expect(state.tokens).toBe(loaded.tokens);
		expect(state.connection).toMatchObject({
			status,
			lastError: 'HTTP 503: unavailable',
			lastErrorAt: now + 5,
			loading: false,
		});
	});

	test('the operator and the status are recorded', () => {
		const operator: Operator = {
			Name: 'Demo Admin',
			Role: 'Account Administrator',
			UserId: 'U1001',
			CanWrite: true,
		};
		const state = run(
			fresh,
			{type: 'connection/operator', operator},
			{type: 'connection/status', status: 'offline', error: 'socket hang up', at: now},
		);
		expect(state.connection).toMatchObject({
			operator,
			status: 'offline',
			lastError: 'socket hang up',
			lastErrorAt: now,
		});
		const back = run(state, {type: 'connection/status', status: 'online'});
		expect(back.connection).toMatchObject({status: 'online', lastError: 'socket hang up'});
		expect(
			run(back, {type: 'connection/status', status: 'online', error: null}).connection.lastError,
		).toBeNull();
	});
});

describe('the server and its catalogues', () => {
	test('the server URL, once the embedded sandbox has started, replaces the placeholder', () => {
		const state = run(fresh, {type: 'connection/server', serverUrl: 'http://127.0.0.1:51234'});
		expect(state.connection.serverUrl).toBe('http://127.0.0.1:51234');
	});

	test('catalogues start unknown and are kept once loaded', () => {
		const catalogues = {
			versions: [{Version: '16', ReleasedOn: '2025-06-02', Latest: true}],
			categories: [],
			users: [{Id: 'U1001', Name: 'Ada Lindqvist', Email: 'ada@example.com'}],
		};
		expect(fresh.catalogues).toBeNull();
		expect(run(fresh, {type: 'catalogues/loaded', catalogues}).catalogues).toBe(catalogues);
	});
});

describe('sameToken: what counts as an unchanged token on a refresh', () => {
	const token = makeToken({
		DeveloperEmails: ['dev@example.com'],
		ReadOnly: {AccountSid: 'IRro', AuthTokenHint: 'wxyz'},
	});

	test('an equal copy is the same, held plain or packed', () => {
		expect(sameToken(token, structuredClone(token))).toBe(true);
		expect(sameToken(packToken(token), structuredClone(token))).toBe(true);
	});

	test('every field is listed', () => {
		expect([...sameTokenFields].sort()).toEqual(Object.keys(token).sort());
	});

	test.each(sameTokenFields)('a change of %s is a change', (field) => {
		const value: unknown = token[field];
		const changed =
			typeof value === 'string'
				? `${value}!`
				: typeof value === 'number'
					? value + 1
					: typeof value === 'boolean'
						? !value
						: Array.isArray(value)
							? [...(value as string[]), 'more']
							: value === null
								? {AccountSid: 'IRx', AuthTokenHint: 'x'}
								: {...(value as object), AuthTokenHint: 'other'};
		expect(sameToken(token, {...token, [field]: changed})).toBe(false);
		// A packed token compares off its columns: the same answer.
		expect(sameToken(packToken(token), {...token, [field]: changed})).toBe(false);
	});

	test('a packed token compares its odd values too: times in other forms, SIDs beyond Latin-1, null and empty', () => {
		const odd = makeToken({
			CreatedAt: '2026-11-28T15:25:12Z',
			LastUsedAt: null,
			AccountSid: 'IR–wide',
			AuthTokenHint: '',
		});
		const packed = packToken(odd);
		expect(sameToken(packed, structuredClone(odd))).toBe(true);
		for (const change of [
			{CreatedAt: '2026-11-28T15:25:12.000Z'},
			{LastUsedAt: '2026-11-28T15:25:12.000Z'},
			{AccountSid: 'IR-wide'},
			{AuthTokenHint: 'abcd'},
			{UpdatedAt: 'soon'},
		])
			expect(sameToken(packed, {...odd, ...change})).toBe(false);
	});
});
