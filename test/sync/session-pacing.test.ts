/**
 * The background refresh is paced by what a load costs: at least 30 s apart,
 * and at least 20 times as long as the last load took, so the largest lists
 * are not reloaded back to back while the operator is working.
 */
import {afterAll, afterEach, beforeAll, expect, test, vi} from 'vitest';
import {createApiClient} from '../../source/api/index.js';
import {initialState, reducer, type Action, type AppState} from '../../source/state/index.js';
import {refreshIntervalMs} from '../../source/sync/load.js';
import {createSession, refreshCostFactor, type Session} from '../../source/sync/session.js';
import {accountSid, startTestServer, type TestServer} from '../support/server.js';

let server: TestServer;
let session: Session | undefined;
beforeAll(async () => {
	server = await startTestServer();
});
afterEach(() => {
	session?.stop();
	vi.restoreAllMocks();
});
afterAll(async () => {
	await server.close();
});

/** A session whose clock moves on by `loadMs` while the list is being fetched; the delays it schedules. */
async function startSessionWithLoadsTaking(loadMs: number) {
	let clock = 1_000_000;
	let state: AppState = initialState({now: clock, serverUrl: server.url, accountSid, listHeight: 20});
	const client = createApiClient({apiUrl: server.url, accountSid, authToken: 'demo-admin'});
	const listAll = client.listAllTokens.bind(client);
	vi.spyOn(client, 'listAllTokens').mockImplementation(async (...args) => {
		const tokens = await listAll(...args);
		clock += loadMs;
		return tokens;
	});
	const timeouts = vi.spyOn(globalThis, 'setTimeout');
	session = createSession(
		client,
		(action: Action) => {
			state = reducer(state, action);
		},
		() => clock,
	);
	await session.start();
	expect(state.tokens.rows.length).toBeGreaterThan(0);
	return timeouts.mock.calls.map(([, delay]) => delay ?? 0).filter((delay) => delay >= refreshIntervalMs);
}

test('a list that loads quickly is refreshed every 30 s', async () => {
	expect(await startSessionWithLoadsTaking(200)).toEqual([refreshIntervalMs]);
});

test('a list that takes a minute to load is refreshed twenty minutes later, not thirty seconds', async () => {
	expect(await startSessionWithLoadsTaking(60_000)).toEqual([60_000 * refreshCostFactor]);
});

test('a refresh asked for by hand sets the next background one from its own cost', async () => {
	await startSessionWithLoadsTaking(200);
	const timeouts = vi.spyOn(globalThis, 'setTimeout');
	await session!.reload();
	expect(timeouts.mock.calls.map(([, delay]) => delay)).toContain(refreshIntervalMs);
});
