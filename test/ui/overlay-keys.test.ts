/**
 * Keys in the confirmation and choice overlays, through the app's key router
 * as raw terminal input: Esc and Enter alone never confirm, `y` does, and a
 * name that must be typed is typed exactly.
 */
import {describe, expect, test} from 'vitest';
import {keys} from '../support/ink.js';
import {createTestStore, legacy, reader, sleeper, writer, type TestStore} from './action-fixtures.js';

/** A store with the confirmation of `key` open on `tokenId`. */
function asking(tokenId: string, key: string): TestStore {
	const store = createTestStore();
	store.select(tokenId);
	store.keys(key);
	expect(store.getState().overlay?.kind).toBe('confirm');
	return store;
}

const cancelled = (store: TestStore) => {
	expect(store.getState().overlay).toBeNull();
	expect(store.performed).toEqual([]);
	expect(store.flash()).toBe('Cancelled: nothing was changed');
};

describe('a confirmation', () => {
	test.each([
		['Enter alone (focus starts on Cancel)', keys.enter],
		['Esc', keys.escape],
		['n', 'n'],
		['Tab twice, then Enter', `${keys.tab}${keys.tab}${keys.enter}`],
	])('is cancelled by %s', (_, input) => {
		const store = asking(reader.Id, 'e');
		store.keys(input);
		cancelled(store);
	});

	test('is confirmed by y, performing its intent once', () => {
		const store = asking(reader.Id, 'e');
		store.keys('y');
		expect(store.getState().overlay).toBeNull();
		expect(store.performed).toEqual([{kind: 'disable', tokenIds: ['reader']}]);
	});

	test.each([
		['Tab', keys.tab],
		['→', keys.right],
	])('is confirmed by %s then Enter', (_, move) => {
		const store = asking(reader.Id, 'r');
		store.keys(move);
		expect(store.getState().overlay).toMatchObject({kind: 'confirm', focus: 'confirm'});
		store.keys(keys.enter);
		expect(store.performed).toEqual([{kind: 'reset', tokenIds: ['reader']}]);
	});

	test('of an enable performs "enable and reset" on r', () => {
		const store = asking(sleeper.Id, 'e');
		store.keys('r');
		expect(store.getState().overlay).toBeNull();
		expect(store.performed).toEqual([{kind: 'enable', tokenIds: ['sleeper'], andReset: true}]);
	});

	test('of a disable ignores r: it has no second way to confirm', () => {
		const store = asking(reader.Id, 'e');
		store.keys('r');
		expect(store.getState().overlay?.kind).toBe('confirm');
		expect(store.performed).toEqual([]);
	});

	test('ignores keys it does not know, and list keys do not leak through it', () => {
		const store = asking(reader.Id, 'd');
		store.keys('jdxq');
		expect(store.getState().overlay).toMatchObject({kind: 'confirm', focus: 'cancel'});
		expect(store.getState().selection.cursorId).toBe(reader.Id);
		expect(store.performed).toEqual([]);
	});

	test('typed ahead in one chunk is still cancelled by Enter alone', () => {
		const store = createTestStore();
		store.select(reader.Id);
		store.keys(`d${keys.enter}`);
		cancelled(store);
	});

	test('of a bulk action clears the marks once confirmed', () => {
		const store = createTestStore();
		for (const id of [reader.Id, sleeper.Id]) {
			store.select(id);
			store.keys(' ');
		}

		store.keys('dy');
		expect(store.performed).toEqual([{kind: 'delete', tokenIds: ['reader', 'sleeper']}]);
		expect(store.getState().selection.marks.size).toBe(0);
	});
});

describe('a delete that asks for the name', () => {
	test('takes y as text, not as a yes', () => {
		const store = asking(writer.Id, 'd');
		store.keys('y');
		expect(store.getState().overlay).toMatchObject({kind: 'confirm', typed: 'y'});
		expect(store.performed).toEqual([]);
	});

	test('does not confirm on Enter with a wrong name, and says what to type', () => {
		const store = asking(writer.Id, 'd');
		store.keys(`writer${keys.enter}`);
		expect(store.getState().overlay).toMatchObject({kind: 'confirm', typed: 'writer'});
		expect(store.performed).toEqual([]);
		expect(store.flash()).toBe('Type "Writer" exactly to confirm');
	});

	test('confirms on Enter once the name is typed exactly, after a correction', () => {
		const store = asking(writer.Id, 'd');
		store.keys('Writex');
		store.keys(keys.backspace);
		store.keys(`r${keys.enter}`);
		expect(store.getState().overlay).toBeNull();
		expect(store.performed).toEqual([{kind: 'delete', tokenIds: ['writer']}]);
	});

	test('is cancelled by Esc whatever has been typed', () => {
		const store = asking(writer.Id, 'd');
		store.keys('Writer');
		store.keys(keys.escape);
		cancelled(store);
	});
});

describe('a choice', () => {
	test('of an upgrade performs it with the version picked', () => {
		const store = createTestStore();
		store.select(reader.Id);
		store.keys('u');
		store.keys(keys.down);
		store.keys(keys.enter);
		expect(store.getState().overlay).toBeNull();
		expect(store.performed).toEqual([{kind: 'upgrade', tokenIds: ['reader'], apiVersion: '15'}]);
	});

	test('is left with Esc, changing nothing', () => {
		const store = createTestStore();
		store.select(reader.Id);
		store.keys('u');
		store.keys(keys.escape);
		expect(store.getState().overlay).toBeNull();
		expect(store.performed).toEqual([]);
	});

	test('of a legacy pair leads to a confirmation of that pair’s reset', () => {
		const store = createTestStore();
		store.select(legacy.Id);
		store.keys('r');
		store.keys(`j${keys.enter}`);
		const {overlay} = store.getState();
		expect(overlay).toMatchObject({kind: 'confirm', focus: 'cancel'});
		if (overlay?.kind !== 'confirm') return;
		expect(overlay.request.title).toBe('Reset the Read-Only auth token of "Old pair"?');
		expect(store.performed).toEqual([]);
		store.keys('y');
		expect(store.performed).toEqual([{kind: 'reset', tokenIds: ['legacy'], credential: 'ReadOnly'}]);
	});
});
