/** A store over the real reducer, with tokens and catalogues loaded, for the token action keys without Ink. */
import type {AccessToken, ApiCategory, ApiVersion, Operator} from '../../source/domain/token.js';
import {initialState, reducer, type Action, type AppState, type Intent} from '../../source/state/index.js';
import type {KeyEffects} from '../../source/ui/key-router.js';
import {routeInput} from '../../source/ui/key-router.js';
import {daysAgo, makeToken, now} from '../state/fixtures.js';

export const versions: ApiVersion[] = [
	{Version: '13', ReleasedOn: '2022-09-19', Latest: false},
	{Version: '14', ReleasedOn: '2023-07-10', Latest: false},
	{Version: '15', ReleasedOn: '2024-08-26', Latest: false},
	{Version: '16', ReleasedOn: '2025-06-02', Latest: true},
];

export const categories: ApiCategory[] = [
	{
		Name: 'Reports',
		Scopes: [
			{Id: 'reports.get', Name: 'Read reports', Method: 'GET', Path: '/Reports'},
			{Id: 'reports.post', Name: 'Schedule reports', Method: 'POST', Path: '/Reports'},
		],
	},
];

/** Read-only scopes, write scopes, a legacy pair with read-only scopes, and one already on the latest version. */
export const reader = makeToken({
	Id: 'reader',
	Name: 'Reader',
	Scopes: ['reports.get'],
	CreatedAt: daysAgo(1),
});
export const writer = makeToken({
	Id: 'writer',
	Name: 'Writer',
	Scopes: ['reports.get', 'reports.post'],
	ApiVersion: '16',
	CreatedAt: daysAgo(2),
});
export const legacy = makeToken({
	Id: 'legacy',
	Name: 'Old pair',
	Legacy: true,
	Scopes: ['reports.get'],
	ApiVersion: '13',
	ReadOnly: {AccountSid: 'IRlegacyRO', AuthTokenHint: 'wxyz'},
	CreatedAt: daysAgo(3),
});
export const sleeper = makeToken({
	Id: 'sleeper',
	Name: 'Sleeper',
	State: 'Disabled',
	Scopes: ['reports.get'],
	CreatedAt: daysAgo(4),
});

export const admin: Operator = {
	Name: 'Ada Admin',
	Role: 'Account Administrator',
	UserId: 'U1',
	CanWrite: true,
};

export type TestStore = {
	getState(): AppState;
	dispatch(action: Action): void;
	/** Sends raw terminal input through the app's key router. */
	keys(data: string): void;
	/** Every intent the keys asked to perform, in order. */
	performed: unknown[];
	/** The token under the cursor becomes `id`. */
	select(id: string): void;
	/** The newest flash's words. */
	flash(): string | undefined;
};

export function createTestStore(
	options: {tokens?: AccessToken[]; operator?: Operator; catalogues?: boolean} = {},
): TestStore {
	let state = initialState({
		now,
		serverUrl: 'http://127.0.0.1:1',
		accountSid: 'IRAgencyDemo1',
		listHeight: 10,
	});
	const dispatch = (action: Action) => {
		state = reducer(state, action);
	};

	dispatch({
		type: 'tokens/appended',
		tokens: options.tokens ?? [reader, writer, legacy, sleeper],
		done: true,
		at: now,
	});
	dispatch({type: 'connection/operator', operator: options.operator ?? admin});
	if (options.catalogues !== false) {
		dispatch({type: 'catalogues/loaded', catalogues: {versions, categories, users: []}});
	}

	const performed: unknown[] = [];
	const effects = keyEffects((intent) => performed.push(intent));
	return {
		getState: () => state,
		dispatch,
		keys(data) {
			routeInput({getState: () => state, dispatch}, data, effects);
		},
		performed,
		select(id) {
			dispatch({type: 'cursor/select', tokenId: id});
		},
		flash: () => state.flashes.at(-1)?.message,
	};
}

/**
 * Effects for the router: `perform` records; every other effect (copy, quit,
 * refresh, and whatever the app adds later) does nothing, since no key under
 * test should reach it.
 */
function keyEffects(perform: (intent: Intent) => void): KeyEffects {
	const effects: Record<string | symbol, unknown> = {perform};
	return new Proxy(effects, {
		get: (target, name) => target[name] ?? (() => undefined),
	}) as unknown as KeyEffects;
}
