import {describe, expect, test} from 'vitest';
import {
	scrollWindow,
	selectCounts,
	selectCursor,
	selectMarkedTokens,
	selectVisibleRows,
	selectWindow,
	selectWindowRows,
	type Action,
	type AppState,
} from '../../source/state/index.js';
import {ids, makeToken, namedTokens, refreshed, run, stateWith} from './fixtures.js';

/** Ten tokens t0 (newest) … t9, a list window of 4 rows. */
const ten = namedTokens('t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9');
const base = stateWith(ten, 4);

function at(state: AppState) {
	const {index, row} = selectCursor(state);
	const {start, end} = selectWindow(state);
	return {index, id: row?.token.Id, window: [start, end]};
}

const down = (delta = 1): Action => ({type: 'cursor/move', delta});

describe('cursor movement', () => {
	test.each<[string, Action[], {index: number; window: number[]}]>([
		['starts on the first row', [], {index: 0, window: [0, 4]}],
		['down one', [down()], {index: 1, window: [0, 4]}],
		['down three stays in the window', [down(), down(), down()], {index: 3, window: [0, 4]}],
		['down past the window scrolls by one', [down(), down(), down(), down()], {index: 4, window: [1, 5]}],
		['up from the top stays on the first row', [down(-1)], {index: 0, window: [0, 4]}],
		['a big move is clamped to the last row', [down(100)], {index: 9, window: [6, 10]}],
		['a big move up is clamped to the first row', [down(5), down(-100)], {index: 0, window: [0, 4]}],
		['last', [{type: 'cursor/last'}], {index: 9, window: [6, 10]}],
		['first after last', [{type: 'cursor/last'}, {type: 'cursor/first'}], {index: 0, window: [0, 4]}],
		['page down moves cursor and window by a page', [{type: 'cursor/pageDown'}], {index: 4, window: [4, 8]}],
		[
			'page down keeps the cursor at its place in the window',
			[down(), {type: 'cursor/pageDown'}],
			{index: 5, window: [4, 8]},
		],
		[
			'page down near the end stops at the last row, window full',
			[{type: 'cursor/pageDown'}, {type: 'cursor/pageDown'}, {type: 'cursor/pageDown'}],
			{index: 9, window: [6, 10]},
		],
		[
			'page up from the last row',
			[{type: 'cursor/last'}, {type: 'cursor/pageUp'}],
			{index: 5, window: [2, 6]},
		],
		['page up at the top stays', [{type: 'cursor/pageUp'}], {index: 0, window: [0, 4]}],
		[
			'up inside the window does not scroll it',
			[{type: 'cursor/last'}, down(-1), down(-1), down(-1)],
			{index: 6, window: [6, 10]},
		],
		[
			'up past the window top scrolls by one',
			[{type: 'cursor/last'}, down(-1), down(-1), down(-1), down(-1)],
			{index: 5, window: [5, 9]},
		],
		['select a token by Id', [{type: 'cursor/select', tokenId: 'id-t7'}], {index: 7, window: [4, 8]}],
	])('%s', (_behaviour, actions, expected) => {
		const {index, window} = at(run(base, ...actions));
		expect({index, window}).toEqual(expected);
	});

	test('the cursor follows its token when rows arrive above it', () => {
		const state = run(base, down(2));
		expect(at(state).id).toBe('id-t2');
		const newer = makeToken({Id: 'newest', CreatedAt: new Date().toISOString()});
		const after = run(state, {type: 'tokens/upserted', token: newer});
		expect(at(after)).toEqual({index: 3, id: 'id-t2', window: [0, 4]});
	});

	test('an empty list has the cursor at 0 on no row, and moves change nothing', () => {
		const empty = stateWith([], 4);
		expect(selectCursor(empty)).toEqual({index: 0, row: undefined});
		expect(selectWindow(empty)).toEqual({start: 0, end: 0});
		for (const action of [
			down(),
			{type: 'cursor/last'},
			{type: 'cursor/pageDown'},
			{type: 'marks/toggle'},
		] as Action[]) {
			expect(run(empty, action)).toBe(empty);
		}
	});
});

describe('the selection stays valid when the list shrinks', () => {
	test('a filter hiding the cursor token keeps the cursor at its index, clamped', () => {
		const state = run(base, {type: 'cursor/select', tokenId: 'id-t8'});
		expect(at(state).index).toBe(8);
		// Only t1 matches "1": the cursor clamps to it.
		const narrowed = run(state, {type: 'filter/setName', name: '1'});
		expect(at(narrowed)).toEqual({index: 0, id: 'id-t1', window: [0, 1]});
		// Widening the filter again finds the cursor token where it was.
		const widened = run(narrowed, {type: 'filter/setName', name: ''});
		expect(at(widened)).toEqual({index: 8, id: 'id-t8', window: [5, 9]});
	});

	test('a filter keeping the cursor token moves the cursor with it', () => {
		const state = run(base, {type: 'cursor/select', tokenId: 'id-t8'}, {type: 'filter/setName', name: '8'});
		expect(at(state)).toEqual({index: 0, id: 'id-t8', window: [0, 1]});
	});

	test('deleting the cursor token puts the cursor on the row now in its place, and it stays on that token', () => {
		const state = run(base, down(3));
		const deleted = run(state, {type: 'tokens/removed', tokenId: 'id-t3'});
		expect(at(deleted)).toEqual({index: 3, id: 'id-t4', window: [0, 4]});
		expect(deleted.selection.cursorId).toBe('id-t4');
		const newer = makeToken({Id: 'newest', CreatedAt: new Date().toISOString()});
		expect(at(run(deleted, {type: 'tokens/upserted', token: newer})).id).toBe('id-t4');
	});

	test('deleting the last row moves the cursor up to the new last row', () => {
		const state = run(base, {type: 'cursor/last'}, {type: 'tokens/removed', tokenId: 'id-t9'});
		expect(at(state)).toEqual({index: 8, id: 'id-t8', window: [5, 9]});
	});

	test('a list emptied by a filter, then refilled, still has a valid cursor', () => {
		const state = run(base, down(5), {type: 'filter/setName', name: 'nothing'});
		expect(at(state)).toEqual({index: 0, id: undefined, window: [0, 0]});
		expect(at(run(state, {type: 'filter/clear'}))).toEqual({index: 5, id: 'id-t5', window: [2, 6]});
	});

	test('a refresh that drops most tokens keeps the cursor and window inside the list', () => {
		const state = run(base, {type: 'cursor/last'});
		const after = run(state, ...refreshed(ten.slice(0, 2), 1));
		expect(at(after)).toEqual({index: 1, id: 'id-t1', window: [0, 2]});
	});
});

describe('marks', () => {
	test('space marks the token under the cursor and moves down one', () => {
		const state = run(base, {type: 'marks/toggle'}, {type: 'marks/toggle'});
		expect([...state.selection.marks]).toEqual(['id-t0', 'id-t1']);
		expect(at(state).index).toBe(2);
		expect(selectCounts(state)).toEqual({visible: 10, total: 10, marked: 2});
	});

	test('space on a marked token unmarks it', () => {
		const state = run(base, {type: 'marks/toggle'}, down(-1), {type: 'marks/toggle'});
		expect(state.selection.marks.size).toBe(0);
	});

	test('on the last row, space marks it and the cursor stays', () => {
		const state = run(base, {type: 'cursor/last'}, {type: 'marks/toggle'});
		expect([...state.selection.marks]).toEqual(['id-t9']);
		expect(at(state).index).toBe(9);
	});

	test('marked tokens come in list order, hidden ones included; clearing unmarks all', () => {
		const state = run(base, down(5), {type: 'marks/toggle'}, {type: 'cursor/first'}, {type: 'marks/toggle'});
		const filtered = run(state, {type: 'filter/setName', name: '5'});
		expect(selectMarkedTokens(filtered).map((token) => token.Id)).toEqual(['id-t0', 'id-t5']);
		expect(selectCounts(filtered)).toEqual({visible: 1, total: 10, marked: 2});
		expect(run(filtered, {type: 'marks/clear'}).selection.marks.size).toBe(0);
	});

	test('a token that leaves the collection leaves the marks', () => {
		const state = run(base, {type: 'marks/toggle'}, {type: 'marks/toggle'});
		const after = run(state, {type: 'tokens/removed', tokenId: 'id-t0'});
		expect([...after.selection.marks]).toEqual(['id-t1']);
	});
});

describe('the list window', () => {
	test.each([
		// top, cursor, height, total → new top
		[0, 0, 4, 10, 0, 'cursor inside: no scroll'],
		[0, 3, 4, 10, 0, 'cursor on the last line: no scroll'],
		[0, 4, 4, 10, 1, 'one below: scroll one'],
		[0, 9, 4, 10, 6, 'far below: cursor on the last line'],
		[5, 4, 4, 10, 4, 'one above: scroll one'],
		[5, 0, 4, 10, 0, 'far above: cursor on the first line'],
		[8, 8, 4, 10, 6, 'window past the end is pulled back to show a full page'],
		[3, 1, 4, 2, 0, 'fewer rows than lines: top is 0'],
		[0, 0, 4, 0, 0, 'empty list'],
		[0, 2, 0, 10, 2, 'a zero height still shows the cursor row'],
	])('scrollWindow(%d, %d, %d, %d) = %d: %s', (top, cursor, height, total, expected) => {
		expect(scrollWindow(top, cursor, height, total)).toBe(expected);
	});

	test('a resize keeps the cursor in view', () => {
		const state = run(base, {type: 'cursor/last'});
		expect(at(state).window).toEqual([6, 10]);
		expect(at(run(state, {type: 'viewport/resize', listHeight: 2})).window).toEqual([8, 10]);
		expect(at(run(state, {type: 'viewport/resize', listHeight: 20})).window).toEqual([0, 10]);
	});

	test('the rows on screen are the window of the visible rows', () => {
		const state = run(base, {type: 'cursor/pageDown'});
		expect(ids(selectWindowRows(state))).toEqual(ids(selectVisibleRows(state).slice(4, 8)));
	});
});
