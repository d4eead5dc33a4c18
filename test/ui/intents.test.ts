/**
 * What a token action key does before anything is sent: which tokens it
 * targets, and which confirmation or choice it opens (pure: a store over the
 * real reducer, no Ink).
 */
import {describe, expect, test} from 'vitest';
import type {AppState, ConfirmRequest, Overlay} from '../../source/state/index.js';
import {startTokenAction, type TokenActionId} from '../../source/ui/intents.js';
import {admin, createTestStore, legacy, reader, sleeper, writer, type TestStore} from './action-fixtures.js';

function start(store: TestStore, action: TokenActionId, options: {single?: boolean} = {}) {
	startTokenAction(store, action, (intent) => store.performed.push(intent), options);
}

function confirmOf(state: AppState): Extract<Overlay, {kind: 'confirm'}> {
	const {overlay} = state;
	if (overlay?.kind !== 'confirm') throw new Error(`expected a confirmation, got ${JSON.stringify(overlay)}`);
	return overlay;
}

function choiceOf(state: AppState): Extract<Overlay, {kind: 'choose'}> {
	const {overlay} = state;
	if (overlay?.kind !== 'choose') throw new Error(`expected a choice, got ${JSON.stringify(overlay)}`);
	return overlay;
}

const text = (request: ConfirmRequest) => [request.title, ...request.body].join('\n');

describe('a confirmation for one token', () => {
	test.each([
		{
			action: 'reset',
			token: reader,
			title: 'Reset the auth token of "Reader"?',
			says: 'The old auth token stops working at once',
			intent: {kind: 'reset', tokenIds: ['reader']},
		},
		{
			action: 'toggleState',
			token: reader,
			title: 'Disable "Reader"?',
			says: 'cannot authenticate',
			intent: {kind: 'disable', tokenIds: ['reader']},
		},
		{
			action: 'toggleState',
			token: sleeper,
			title: 'Enable "Sleeper"?',
			says: 'can authenticate again',
			intent: {kind: 'enable', tokenIds: ['sleeper']},
		},
		{
			action: 'delete',
			token: reader,
			title: 'Delete "Reader"?',
			says: 'its auth token stops working at once',
			intent: {kind: 'delete', tokenIds: ['reader']},
		},
	] as const)(
		'$action of "$token.Name" names it, says what happens, and starts on Cancel',
		({action, token, title, says, intent}) => {
			const store = createTestStore();
			store.select(token.Id);
			start(store, action);
			const confirm = confirmOf(store.getState());
			expect(confirm.focus).toBe('cancel');
			expect(confirm.typed).toBe('');
			expect(confirm.request.title).toBe(title);
			expect(text(confirm.request)).toContain(says);
			expect(confirm.request.intent).toEqual(intent);
			expect(store.performed).toEqual([]);
		},
	);

	test('enabling also offers "enable and reset" on r', () => {
		const store = createTestStore();
		store.select(sleeper.Id);
		start(store, 'toggleState');
		expect(confirmOf(store.getState()).request.alternate).toEqual({
			key: 'r',
			label: 'enable and reset',
			intent: {kind: 'enable', tokenIds: ['sleeper'], andReset: true},
		});
	});
});

describe('typing the name to confirm a delete', () => {
	test.each([
		{token: writer, typed: 'Writer', why: 'write scopes'},
		{token: legacy, typed: 'Old pair', why: 'a legacy Read/Write pair'},
		{token: reader, typed: undefined, why: 'read-only scopes: y is enough'},
	])('is asked for a token with $why', ({token, typed}) => {
		const store = createTestStore();
		store.select(token.Id);
		start(store, 'delete');
		expect(confirmOf(store.getState()).request.typeToConfirm).toBe(typed);
	});

	test('is asked whatever the scopes while the scope catalogue has not loaded', () => {
		const store = createTestStore({catalogues: false});
		store.select(reader.Id);
		start(store, 'delete');
		expect(confirmOf(store.getState()).request.typeToConfirm).toBe('Reader');
	});

	test.each(['reset', 'toggleState'] as const)(
		'is not asked for %s, even of a token with write scopes',
		(action) => {
			const store = createTestStore();
			store.select(writer.Id);
			start(store, action);
			expect(confirmOf(store.getState()).request.typeToConfirm).toBeUndefined();
		},
	);

	test('is asked for a bulk delete when any marked token can change data', () => {
		const store = createTestStore();
		store.select(reader.Id);
		store.dispatch({type: 'marks/toggle'});
		store.select(writer.Id);
		store.dispatch({type: 'marks/toggle'});
		start(store, 'delete');
		expect(confirmOf(store.getState()).request.typeToConfirm).toBe('delete 2 tokens');
	});

	test('is not asked for a bulk delete of read-only tokens', () => {
		const store = createTestStore();
		for (const id of [reader.Id, sleeper.Id]) {
			store.select(id);
			store.dispatch({type: 'marks/toggle'});
		}

		start(store, 'delete');
		expect(confirmOf(store.getState()).request.typeToConfirm).toBeUndefined();
	});
});

describe('upgrade', () => {
	test('offers the newer versions only, latest first, and starts on the latest', () => {
		const store = createTestStore();
		store.select(reader.Id);
		start(store, 'upgrade');
		const choice = choiceOf(store.getState());
		expect(choice.index).toBe(0);
		expect(choice.request.title).toBe('Upgrade "Reader" from v14 to');
		expect(choice.request.options.map((option) => option.value)).toEqual(['16', '15']);
		expect(choice.request.options[0]!.label).toContain('(latest)');
		expect(choice.request.purpose).toEqual({kind: 'upgrade', tokenIds: ['reader']});
	});

	test('says the token is already on the latest version, and opens nothing', () => {
		const store = createTestStore();
		store.select(writer.Id);
		start(store, 'upgrade');
		expect(store.getState().overlay).toBeNull();
		expect(store.flash()).toBe('"Writer" is already on the latest API version (v16)');
	});

	test('says to wait while the versions have not loaded', () => {
		const store = createTestStore({catalogues: false});
		start(store, 'upgrade');
		expect(store.getState().overlay).toBeNull();
		expect(store.flash()).toContain('have not loaded yet');
	});
});

describe('reset of a legacy token', () => {
	test('asks which pair first', () => {
		const store = createTestStore();
		store.select(legacy.Id);
		start(store, 'reset');
		const choice = choiceOf(store.getState());
		expect(choice.request.options).toEqual([
			{label: 'Read/Write', value: 'ReadWrite'},
			{label: 'Read-Only', value: 'ReadOnly'},
		]);
		expect(choice.request.purpose).toEqual({kind: 'resetCredential', tokenIds: ['legacy']});
	});
});

describe('targets', () => {
	function markReaderAndSleeper(store: TestStore) {
		for (const id of [reader.Id, sleeper.Id]) {
			store.select(id);
			store.dispatch({type: 'marks/toggle'});
		}

		store.select(writer.Id);
	}

	test('a bulk action takes the marked tokens, not the one under the cursor, and names them', () => {
		const store = createTestStore();
		markReaderAndSleeper(store);
		start(store, 'reset');
		const {request} = confirmOf(store.getState());
		expect(request.intent).toEqual({kind: 'reset', tokenIds: ['reader', 'sleeper']});
		expect(request.title).toBe('Reset the auth token of 2 tokens?');
		expect(request.body.slice(0, 2)).toEqual(['  • Reader', '  • Sleeper']);
	});

	test('from a token’s details, an action is on that token whatever is marked', () => {
		const store = createTestStore();
		markReaderAndSleeper(store);
		start(store, 'delete', {single: true});
		expect(confirmOf(store.getState()).request.intent).toEqual({kind: 'delete', tokenIds: ['writer']});
	});

	test('duplicate acts at once on the token under the cursor, marks or not', () => {
		const store = createTestStore();
		markReaderAndSleeper(store);
		start(store, 'duplicate');
		expect(store.getState().overlay).toBeNull();
		expect(store.performed).toEqual([{kind: 'duplicate', tokenIds: ['writer']}]);
	});

	test('says so when no token is selected', () => {
		const store = createTestStore({tokens: []});
		start(store, 'delete');
		expect(store.getState().overlay).toBeNull();
		expect(store.flash()).toBe('No token is selected');
	});
});

describe('an operator whose role cannot change tokens', () => {
	test.each(['duplicate', 'reset', 'upgrade', 'toggleState', 'delete'] as const)(
		'%s says read-only and opens nothing',
		(action) => {
			const store = createTestStore({operator: {...admin, Role: 'Read-Only', CanWrite: false}});
			start(store, action);
			expect(store.getState().overlay).toBeNull();
			expect(store.performed).toEqual([]);
			expect(store.flash()).toMatch(/^read-only: your role\b.*cannot change tokens$/u);
		},
	);
});
