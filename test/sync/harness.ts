/**
 * The sync layer wired as the app wires it, without a terminal: the real API
 * client against the real server, and a plain store over the real reducer.
 */
import {createApiClient, type ApiClient} from '../../source/api/index.js';
import type {RetryInfo, RetryOptions} from '../../source/api/retry.js';
import type {AccessToken, Credentials} from '../../source/domain/token.js';
import {
	initialState,
	reducer,
	type Action,
	type AppState,
	type Intent,
	type RevealedSecret,
} from '../../source/state/index.js';
import {createOperations, type Operations} from '../../source/sync/operations.js';
import {refreshed} from '../state/fixtures.js';
import {accountSid, type TestServer} from '../support/server.js';

export type Harness = {
	client: ApiClient;
	operations: Operations;
	state(): AppState;
	dispatch(action: Action): void;
	/** Every call of `onSecrets`, in order. */
	secretCalls: Array<{secrets: RevealedSecret[]; intent: Intent}>;
	/** Every retry the client announced. */
	retries: RetryInfo[];
	/** The token as the app's state holds it now. */
	token(id: string): AccessToken | undefined;
	/** Loads the whole list as a refresh does. */
	load(): Promise<void>;
	/** The one `onSecrets` call since the last take; fails unless there was exactly one. */
	takeSecrets(): {secrets: RevealedSecret[]; intent: Intent};
};

/** Fast, bounded retries unless a test asks otherwise. */
const quickRetry: RetryOptions = {limit: 0, baseDelayMs: 10, maxDelayMs: 20, maxRetryAfterMs: 0};

export function createHarness(server: TestServer, retry: RetryOptions = quickRetry): Harness {
	let state = initialState({now: Date.now(), serverUrl: server.url, accountSid, listHeight: 100});
	const retries: RetryInfo[] = [];
	const client = createApiClient({
		apiUrl: server.url,
		accountSid,
		authToken: 'demo-admin',
		retry,
		timeoutMs: 10_000,
		onRetry(info) {
			retries.push(info);
		},
	});
	const dispatch = (action: Action) => {
		state = reducer(state, action);
	};

	const secretCalls: Harness['secretCalls'] = [];
	const operations = createOperations({
		client,
		getState: () => state,
		dispatch,
		onSecrets(secrets, intent) {
			secretCalls.push({secrets, intent});
		},
	});
	return {
		client,
		operations,
		state: () => state,
		dispatch,
		secretCalls,
		retries,
		token: (id) => state.tokens.byId.get(id)?.token,
		async load() {
			const tokens = await client.listAllTokens({}, () => undefined);
			for (const action of refreshed(tokens, Date.now())) dispatch(action);
		},
		takeSecrets() {
			const calls = secretCalls.splice(0);
			if (calls.length !== 1) throw new Error(`expected one onSecrets call, got ${calls.length}`);
			return calls[0]!;
		},
	};
}

export type Created = {token: AccessToken; credentials: Credentials};

/** A new token straight on the server (not through the app), with its credentials. */
export async function createToken(
	server: TestServer,
	name: string,
	fields: Record<string, unknown> = {},
): Promise<Created> {
	const response = await server.request('POST', '/AccessTokens', {
		body: {Name: name, Scopes: ['account.company-information.get', 'reports.reports.get'], ...fields},
	});
	if (response.status !== 201) throw new Error(`create "${name}": HTTP ${response.status} ${response.text}`);
	return {token: response.json.AccessToken, credentials: response.json.Credentials};
}

/** The token as the server holds it now; undefined when it is gone. */
export async function serverToken(server: TestServer, id: string): Promise<AccessToken | undefined> {
	const response = await server.request('GET', `/AccessTokens/${id}`);
	if (response.status === 404) return undefined;
	if (response.status !== 200) throw new Error(`GET ${id}: HTTP ${response.status} ${response.text}`);
	return response.json as AccessToken;
}

/** The status a token's owner gets with these credentials: 200 while they work, 401 once they do not. */
export async function companyInformationStatus(
	server: TestServer,
	credentials: Credentials,
): Promise<number> {
	const response = await server.request('GET', `/Agencies/${credentials.AccountSid}/CompanyInformation`, {
		auth: [credentials.AccountSid, credentials.AuthToken],
	});
	return response.status;
}

/** Every token field of the state, as text: where a leaked secret would show. */
export function tokenRowsText(state: AppState): string {
	return JSON.stringify(state.tokens.rows.map((row) => row.token));
}

/** The newest flash's words. */
export function lastFlash(state: AppState): string | undefined {
	return state.flashes.at(-1)?.message;
}
