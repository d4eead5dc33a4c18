/**
 * How a session starts: the list is asked for at once, beside the operator, not
 * after it; and shown only once the operator is known, so a role that may only
 * read never sees rows it could act on.
 */
import {afterAll, beforeAll, expect, test, vi} from 'vitest';
import {createApiClient} from '../../source/api/index.js';
import {initialState, reducer, type Action, type AppState} from '../../source/state/index.js';
import {createSession} from '../../source/sync/session.js';
import {accountSid, startTestServer, type TestServer} from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server.close();
});

test('the first page is asked for before the operator has answered, and shown after', async () => {
	let state: AppState = initialState({now: Date.now(), serverUrl: server.url, accountSid, listHeight: 20});
	const client = createApiClient({apiUrl: server.url, accountSid, authToken: 'demo-admin'});
	const asked: string[] = [];
	let listAsked!: () => void;
	const listWasAsked = new Promise<void>((resolve) => {
		listAsked = resolve;
	});
	const operator = client.operator.bind(client);
	vi.spyOn(client, 'operator').mockImplementation(async () => {
		asked.push('operator');
		// The operator's answer is held until the list has been asked for: a session that waited
		// for the operator first would never get there (and this test would time out).
		await listWasAsked;
		return operator();
	});
	const listAll = client.listAllTokens.bind(client);
	vi.spyOn(client, 'listAllTokens').mockImplementation(async (...args) => {
		asked.push('list');
		listAsked();
		return listAll(...args);
	});
	let operatorWhenRowsCame: unknown = 'no rows came';
	const session = createSession(client, (action: Action) => {
		state = reducer(state, action);
		if (state.tokens.rows.length > 0 && operatorWhenRowsCame === 'no rows came')
			operatorWhenRowsCame = state.connection.operator;
	});
	try {
		await session.start();
	} finally {
		session.stop();
	}

	expect(asked.slice(0, 2).sort()).toEqual(['list', 'operator']);
	expect(state.tokens.rows.length).toBeGreaterThan(0);
	expect(state.connection.operator?.Name).toBeTruthy();
	expect(operatorWhenRowsCame).toEqual(state.connection.operator);
}, 5000);
