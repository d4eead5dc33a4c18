/** Builders for state tests: tokens as plain data, states reached by real actions. */
import type {AccessToken} from '../../source/domain/token.js';
import {initialState, reducer, type Action, type AppState} from '../../source/state/index.js';

export const day = 24 * 60 * 60 * 1000;

/** The tests' fixed clock: 1 July 2025, midnight UTC. */
export const now = Date.parse('2025-07-01T00:00:00.000Z');

/** An ISO timestamp `days` (may be fractional) before `now`. */
export function daysAgo(days: number): string {
	return new Date(now - days * day).toISOString();
}

let serial = 0;

/** A token with plausible defaults; override what the test is about. */
export function makeToken(overrides: Partial<AccessToken> = {}): AccessToken {
	serial++;
	const id = overrides.Id ?? `tok-${String(serial).padStart(4, '0')}`;
	return {
		Id: id,
		Name: `Token ${serial}`,
		Description: '',
		ApiVersion: '14',
		State: 'Enabled',
		Legacy: false,
		CreatedAt: daysAgo(1),
		UpdatedAt: daysAgo(1),
		LastUsedAt: null,
		PrimaryContact: 'U1',
		DeveloperEmails: [],
		Scopes: ['account.users.get'],
		AccountSid: `IR${id}`,
		AuthTokenHint: 'abcd',
		ReadOnly: null,
		Version: 1,
		...overrides,
	};
}

/** Tokens named by the given names, with Ids `id-<name>`, created one day apart (first is newest). */
export function namedTokens<const Names extends readonly string[]>(
	...names: Names
): {[K in keyof Names]: AccessToken} {
	return names.map((Name, index) => makeToken({Id: `id-${Name}`, Name, CreatedAt: daysAgo(index + 1)})) as {
		[K in keyof Names]: AccessToken;
	};
}

/** Reduces the actions in order. */
export function run(state: AppState, ...actions: Action[]): AppState {
	return actions.reduce(reducer, state);
}

/** What a refresh that lists `tokens` (in one page) dispatches, ending at `at`. */
export function refreshed(tokens: readonly AccessToken[], at: number): Action[] {
	return [
		{type: 'tokens/loadStarted'},
		{type: 'tokens/appended', tokens: [...tokens]},
		{type: 'tokens/listed', ids: new Set(tokens.map((token) => token.Id)), at},
	];
}

/** A fresh state at `now` holding `tokens` (as a completed refresh), with a list of `listHeight` rows. */
export function stateWith(tokens: readonly AccessToken[], listHeight = 5): AppState {
	const start = initialState({now, serverUrl: 'http://127.0.0.1:1', accountSid: 'IRAgencyDemo1', listHeight});
	return run(start, ...refreshed(tokens, now));
}

/** The Ids of the visible rows, in order. */
export function ids(rows: readonly {token: AccessToken}[]): string[] {
	return rows.map((row) => row.token.Id);
}
