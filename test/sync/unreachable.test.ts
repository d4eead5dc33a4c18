/**
 * A write that cannot reach the server tells the session at once, so the
 * status line says "offline — retrying" without waiting for the next
 * background refresh; a write the server refused does not.
 */
import {afterEach, expect, test, vi} from 'vitest';
import {createApiClient} from '../../source/api/index.js';
import {initialState, reducer, type Action, type AppState} from '../../source/state/index.js';
import {createOperations} from '../../source/sync/operations.js';
import {createSession, type Session} from '../../source/sync/session.js';
import {accountSid, startTestServer, type TestServer} from '../support/server.js';
import {lastFlash} from './harness.js';

const servers: TestServer[] = [];
const sessions: Session[] = [];
afterEach(async () => {
	for (const session of sessions.splice(0)) session.stop();
	await Promise.allSettled(servers.splice(0).map(async (server) => server.close()));
});

/** The app's sync layer wired as run.tsx wires it, with the calls of `onUnreachable` counted. */
async function connect() {
	const server = await startTestServer();
	servers.push(server);
	let state: AppState = initialState({now: Date.now(), serverUrl: server.url, accountSid, listHeight: 100});
	const dispatch = (action: Action) => {
		state = reducer(state, action);
	};

	const client = createApiClient({
		apiUrl: server.url,
		accountSid,
		authToken: 'demo-admin',
		retry: {limit: 0},
		timeoutMs: 10_000,
	});
	const session = createSession(client, dispatch);
	sessions.push(session);
	let unreachable = 0;
	const operations = createOperations({
		client,
		getState: () => state,
		dispatch,
		onSecrets: () => undefined,
		onUnreachable() {
			unreachable++;
			session.refresh();
		},
	});
	await session.start();
	const enabled = [...state.tokens.byId.values()].find((row) => row.token.State === 'Enabled')!.token;
	return {server, operations, enabled, state: () => state, unreachable: () => unreachable};
}

test('a write refused for want of a server reverts, and the status turns offline without waiting for a refresh', async () => {
	const app = await connect();
	expect(app.state().connection.status).toBe('online');
	await app.server.close();

	await app.operations.perform({kind: 'disable', tokenIds: [app.enabled.Id]});

	expect(app.state().tokens.byId.get(app.enabled.Id)?.token.State).toBe('Enabled');
	expect(lastFlash(app.state())).toMatch(/Could not disable .*cannot reach/u);
	expect(app.unreachable()).toBe(1);
	// The background refresh is 30 s away: only the nudge can make this happen within the wait.
	await vi.waitFor(() => {
		expect(app.state().connection.status).toBe('offline');
	}, 5000);
});

test('a write the server answered with a refusal does not report the server unreachable', async () => {
	const app = await connect();
	const deleted = await app.server.request('DELETE', `/AccessTokens/${app.enabled.Id}`);
	expect(deleted.status).toBe(204);

	await app.operations.perform({kind: 'disable', tokenIds: [app.enabled.Id]});

	expect(lastFlash(app.state())).toMatch(/Could not disable/u);
	expect(app.unreachable()).toBe(0);
	expect(app.state().connection.status).toBe('online');
});
