/**
 * A session started while its server is away: once the server answers, the
 * list loads by itself and so do the operator and the catalogues, which were
 * asked for only at start before.
 */
import {rm} from 'node:fs/promises';
import {afterAll, expect, test, vi} from 'vitest';
import {createApiClient} from '../../source/api/index.js';
import {initialState, reducer, type Action, type AppState} from '../../source/state/index.js';
import {createSession, type Session} from '../../source/sync/session.js';
import {accountSid, makeDataDir, startTestServer, type TestServer} from '../support/server.js';

let server: TestServer | undefined;
let session: Session | undefined;
let dataDir: string | undefined;
afterAll(async () => {
	session?.stop();
	await server?.close();
	if (dataDir) await rm(dataDir, {recursive: true, force: true});
});

test('started while the server is away, the session loads the operator, catalogues and list once it is back', async () => {
	dataDir = await makeDataDir();
	// A port that refuses: the server's own, just closed.
	const gone = await startTestServer({dataDir});
	const {port} = gone.server;
	await gone.close();

	let state: AppState = initialState({now: Date.now(), serverUrl: gone.url, accountSid, listHeight: 100});
	const dispatch = (action: Action) => {
		state = reducer(state, action);
	};

	const client = createApiClient({
		apiUrl: gone.url,
		accountSid,
		authToken: 'demo-admin',
		retry: {limit: 0},
	});
	const operatorCalls = vi.spyOn(client, 'operator');
	session = createSession(client, dispatch);
	await session.start();
	expect(state.connection.status).toBe('offline');
	expect(state.connection.operator).toBeNull();
	expect(state.catalogues).toBeNull();

	server = await startTestServer({dataDir, port});
	// The session's own retry (every few seconds while offline) finds it: nothing is pressed.
	await vi.waitFor(
		() => {
			expect(state.connection.status).toBe('online');
			expect(state.tokens.rows.length).toBeGreaterThan(0);
			expect(state.connection.operator?.Role).toBe('Account Administrator');
			expect(state.catalogues?.versions.length).toBeGreaterThan(0);
		},
		{timeout: 15_000, interval: 50},
	);

	// Known now: later refreshes do not ask for the operator again.
	const asked = operatorCalls.mock.calls.length;
	await session.reload();
	expect(operatorCalls.mock.calls.length).toBe(asked);
}, 30_000);
