import {describe, expect, it} from 'vitest';
import {decodeKeys} from '../../source/ui/key-decoder.js';

describe('decoding input events into keys', () => {
	it.each([
		['\u001B[A', [{input: '', key: {upArrow: true}}]],
		['\u001BOB', [{input: '', key: {downArrow: true}}]],
		['\u001B[5~', [{input: '', key: {pageUp: true}}]],
		['\u001B[6~', [{input: '', key: {pageDown: true}}]],
		['\u001B[3~', [{input: '', key: {delete: true}}]],
		['\u001B[Z', [{input: '', key: {tab: true, shift: true}}]],
		['\u001B', [{input: '', key: {escape: true}}]],
		['\u007F', [{input: '', key: {backspace: true}}]],
		['\r', [{input: '', key: {return: true}}]],
		['\u0012', [{input: 'r', key: {ctrl: true}}]],
		['\u0003', [{input: 'c', key: {ctrl: true}}]],
	])('%j is one key', (data, expected) => {
		expect(decodeKeys(data)).toEqual(expected);
	});

	it('splits text typed within one read into its characters, CJK included', () => {
		expect(decodeKeys('/结算\r').map(({input, key}) => input || Object.keys(key)[0])).toEqual([
			'/',
			'结',
			'算',
			'return',
		]);
	});

	it('keeps an Escape glued to the next key (Esc then / over a slow link) as Escape, then /', () => {
		expect(decodeKeys('\u001B/')).toEqual([
			{input: '', key: {escape: true}},
			{input: '/', key: {}},
		]);
	});

	it('drops escape sequences it does not know instead of typing them', () => {
		expect(decodeKeys('\u001B[200~')).toEqual([]);
	});
});
