import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {noFilters, tokenMatcher, type Filters} from '../../source/domain/filters.js';
import {tokenComparator} from '../../source/domain/sort.js';
import {
	filterRows,
	lastVisibleStats,
	makeRow,
	refines,
	reducer,
	selectCounts,
	selectCursor,
	selectVisibleRows,
	selectWindow,
	selectWindowRows,
	type Action,
} from '../../source/state/index.js';
import {indexesBuilt} from '../../source/state/search-index.js';
import {day, daysAgo, ids, makeToken, now, refreshed, run, stateWith} from './fixtures.js';

/** 1,000 tokens: names "Token 0" … "Token 999", alternately enabled, one a day older each. */
const many = Array.from({length: 1000}, (_, index) =>
	makeToken({
		Id: `m${String(index).padStart(4, '0')}`,
		Name: `Token ${index}`,
		State: index % 2 === 0 ? 'Enabled' : 'Disabled',
		CreatedAt: daysAgo(index / 10),
	}),
);
const base = stateWith(many, 20);

describe('narrowing: a growing query filters the previous result, not every row', () => {
	test('typing one more character examines only the rows that matched before', () => {
		const one = run(base, {type: 'filter/setName', name: '1'});
		const matchingOne = selectVisibleRows(one);
		expect(lastVisibleStats()).toMatchObject({examined: 1000});
		const two = run(one, {type: 'filter/setName', name: '12'});
		expect(lastVisibleStats()).toMatchObject({strategy: 'narrowed', examined: matchingOne.length});
		const matchingTwo = selectVisibleRows(two);
		expect(matchingOne.length).toBeLessThan(1000);
		expect(ids(matchingTwo)).toEqual(
			ids(selectVisibleRows(stateWith(many, 20)).filter((row) => row.token.Name.includes('12'))),
		);
	});

	test('backspace recalls the earlier result: nothing is filtered, and the list is the very same array', () => {
		const typed = run(base, {type: 'filter/setName', name: '9'});
		const nines = selectVisibleRows(typed);
		const more = run(typed, {type: 'filter/setName', name: '99'});
		selectVisibleRows(more);
		const back = run(more, {type: 'filter/setName', name: '9'});
		expect(lastVisibleStats()).toMatchObject({strategy: 'recalled', examined: 0});
		expect(selectVisibleRows(back)).toBe(nines);
	});

	test('a shorter query never shown before filters every row', () => {
		// A fresh collection: no earlier result over it exists.
		const state = run(
			stateWith(many, 20),
			{type: 'filter/setName', name: '123'},
			{type: 'filter/setName', name: '23'},
		);
		selectVisibleRows(state);
		expect(lastVisibleStats()).toMatchObject({strategy: 'full', examined: 1000});
	});

	test('a longer query narrows from the smallest earlier result it refines', () => {
		const state = run(
			stateWith(many, 20),
			{type: 'filter/setName', name: '7'},
			{type: 'filter/setName', name: '77'},
			{type: 'filter/setName', name: '7'},
		);
		const sevenSeven = run(state, {type: 'filter/setName', name: '77'});
		expect(lastVisibleStats()).toMatchObject({strategy: 'recalled'});
		const longer = run(sevenSeven, {type: 'filter/setName', name: '777'});
		expect(lastVisibleStats()).toMatchObject({
			strategy: 'narrowed',
			examined: selectVisibleRows(sevenSeven).length,
		});
		expect(ids(selectVisibleRows(longer))).toEqual(['m0777']);
	});

	test('filterRows narrows from a previous run over the same rows, and says so', () => {
		const rows = many.map((token) => makeRow(token));
		const first = filterRows(rows, {...noFilters, name: 'token 1'}, now);
		expect(first).toMatchObject({narrowed: false, examined: 1000});
		const previous = {source: rows, filters: {...noFilters, name: 'token 1'}, now, rows: first.rows};
		const second = filterRows(rows, {...noFilters, name: 'token 19'}, now, previous);
		expect(second).toMatchObject({narrowed: true, examined: first.rows.length});
		expect(second.rows.map((row) => row.token.Name)).toEqual(
			many.filter((token) => token.Name.startsWith('Token 19')).map((token) => token.Name),
		);
		// Another source (say, another sort) cannot be narrowed from.
		expect(filterRows(rows.slice(), {...noFilters, name: 'token 19'}, now, previous).narrowed).toBe(false);
	});

	test.each<[string, Partial<Filters>, number, Partial<Filters>, number, boolean]>([
		['a longer query', {name: 'ab'}, now, {name: 'abc'}, now, true],
		['the query in other case', {name: 'AB'}, now, {name: 'xabx'}, now, true],
		['a shorter query', {name: 'abc'}, now, {name: 'ab'}, now, false],
		['a different query', {name: 'abc'}, now, {name: 'abd'}, now, false],
		['any state → enabled', {}, now, {state: 'Enabled'}, now, true],
		['enabled → disabled', {state: 'Enabled'}, now, {state: 'Disabled'}, now, false],
		['any created → last 7 days', {}, now, {createdOn: 'Last7Days'}, now, true],
		['last 30 days → last 7 days', {createdOn: 'Last30Days'}, now, {createdOn: 'Last7Days'}, now, true],
		['last 7 days → last 30 days', {createdOn: 'Last7Days'}, now, {createdOn: 'Last30Days'}, now, false],
		['last 7 days, later clock', {createdOn: 'Last7Days'}, now, {createdOn: 'Last7Days'}, now + day, true],
		['last 7 days, earlier clock', {createdOn: 'Last7Days'}, now, {createdOn: 'Last7Days'}, now - day, false],
		[
			'older than 30 days, later clock',
			{createdOn: 'MoreThan30Days'},
			now,
			{createdOn: 'MoreThan30Days'},
			now + day,
			false,
		],
		['a created filter → any', {createdOn: 'Last7Days'}, now, {}, now, false],
	])('refines: %s → %s', (_case, previous, previousNow, next, nextNow, expected) => {
		expect(refines({...noFilters, ...next}, nextNow, {...noFilters, ...previous}, previousNow)).toBe(
			expected,
		);
	});

	const filtersArbitrary = fc.record({
		name: fc.constantFrom('', 't', 'to', 'token 1', 'TOKEN 12', '9', 'x'),
		createdOn: fc.constantFrom('Any', 'Last7Days', 'Last30Days', 'MoreThan30Days'),
		state: fc.constantFrom('Any', 'Enabled', 'Disabled'),
	}) as fc.Arbitrary<Filters>;

	test('any sequence of filter changes (narrowing or not) shows what the domain filter selects', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(filtersArbitrary, fc.integer({min: 0, max: 40})), {maxLength: 8}),
				(steps) => {
					for (const [filters, days] of steps) {
						const at = now + days * day;
						const state = {...base, filters, now: at};
						const expected = many
							.filter(tokenMatcher(filters, at))
							.sort(tokenComparator('created'))
							.map((token) => token.Id);
						expect(ids(selectVisibleRows(state))).toEqual(expected);
					}
				},
			),
			{numRuns: 50},
		);
	});
});

describe('selector identity: an unchanged input gives the same object', () => {
	test('the same state gives the same arrays and objects, every time', () => {
		const state = run(base, {type: 'filter/setName', name: '1'}, {type: 'cursor/move', delta: 3});
		for (const select of [selectVisibleRows, selectCursor, selectWindow, selectWindowRows, selectCounts]) {
			expect(select(state)).toBe(select(state));
		}
	});

	test.each<[string, Action]>([
		['a flash', {type: 'flash/show', message: 'hi', level: 'info', at: now}],
		['an overlay', {type: 'overlay/open', overlay: {kind: 'help'}}],
		['a clock tick without a created-on filter', {type: 'clock/tick', now: now + day}],
		['the connection', {type: 'connection/status', status: 'offline'}],
	])('%s leaves the visible rows, cursor, window and counts as they were', (_case, action) => {
		const state = run(base, {type: 'filter/setName', name: '1'});
		const before = [selectVisibleRows(state), selectCursor(state), selectWindow(state), selectCounts(state)];
		const after = reducer(state, action);
		expect(after).not.toBe(state);
		expect([selectVisibleRows(after), selectCursor(after), selectWindow(after), selectCounts(after)]).toEqual(
			before,
		);
		before.forEach((value, index) =>
			expect([selectVisibleRows, selectCursor, selectWindow, selectCounts][index]!(after)).toBe(value),
		);
	});

	test('a recomputation with the same outcome returns the previous array', () => {
		// Every name contains "token", so "token" and "toke" select the same rows.
		const state = run(base, {type: 'filter/setName', name: 'token'});
		const rows = selectVisibleRows(state);
		const same = run(state, {type: 'filter/setName', name: 'toke'});
		expect(selectVisibleRows(same)).toBe(rows);
	});

	test('an action that changes nothing returns the very same state', () => {
		for (const action of [
			{type: 'overlay/close'},
			{type: 'search/accept'},
			{type: 'cursor/move', delta: -1},
			{type: 'cursor/pageUp'},
			{type: 'cursor/first'},
			{type: 'marks/clear'},
			{type: 'viewport/resize', listHeight: 20},
			{type: 'tokens/upserted', token: {...many[5]!}},
			{type: 'tokens/removed', tokenId: 'absent'},
			{type: 'flash/dismiss', id: 999},
			{type: 'op/committed', opId: 'unknown', token: null},
		] as Action[]) {
			expect(reducer(base, action), action.type).toBe(base);
		}
	});
});

describe('sorting: cached per rows and sort key, kept up to date by changes', () => {
	test('a filter change never sorts', () => {
		let state = base;
		for (const action of [
			{type: 'filter/setName', name: '3'},
			{type: 'filter/cycleState'},
			{type: 'filter/cycleCreatedOn'},
			{type: 'filter/clear'},
		] as Action[]) {
			state = run(state, action);
			selectVisibleRows(state);
			expect(lastVisibleStats().sorted).toBe(false);
		}
	});

	test('a sort key is sorted once; cycling back to it uses the cached order', () => {
		let state = base;
		const sortedFresh: boolean[] = [];
		for (let press = 0; press < 8; press++) {
			state = run(state, {type: 'sort/cycle'});
			selectVisibleRows(state);
			sortedFresh.push(lastVisibleStats().sorted);
		}

		// The created order was already cached; the other three sort once each.
		expect(sortedFresh).toEqual([true, true, true, false, false, false, false, false]);
	});

	test('a change to one token updates the list without sorting or filtering everything', () => {
		const state = run(base, {type: 'filter/cycleState'});
		selectVisibleRows(state);
		// m0011 was disabled: enabling it brings it into the list.
		const renamed = {...many[11]!, Name: 'Renamed', State: 'Enabled' as const, CreatedAt: daysAgo(-1)};
		const after = run(state, {type: 'tokens/upserted', token: renamed});
		const rows = selectVisibleRows(after);
		expect(lastVisibleStats()).toMatchObject({sorted: false});
		expect(rows[0]?.token).toEqual(renamed);
		expect(rows).toHaveLength(501);
	});

	const editArbitrary = fc.oneof(
		fc.record({
			kind: fc.constant('put' as const),
			index: fc.integer({min: 0, max: 1100}),
			days: fc.integer({min: 0, max: 120}),
			state: fc.constantFrom('Enabled' as const, 'Disabled' as const),
		}),
		fc.record({kind: fc.constant('remove' as const), index: fc.integer({min: 0, max: 1100})}),
		fc.record({kind: fc.constant('sort' as const), index: fc.constant(0)}),
		fc.record({kind: fc.constant('filter' as const), index: fc.constant(0)}),
	);

	test('after any sequence of changes, sorts and filters the list equals one computed from scratch', () => {
		fc.assert(
			fc.property(
				fc.constantFrom('created', 'name', 'lastUsed', 'state' as const),
				fc.array(editArbitrary, {maxLength: 25}),
				fc.integer({min: 1, max: 60}),
				(sort, edits, batch) => {
					let state = run({...base, sort}, {type: 'filter/cycleState'});
					selectVisibleRows(state);
					for (let start = 0; start < edits.length; start += batch) {
						const put = [];
						for (const edit of edits.slice(start, start + batch)) {
							const id = `m${String(edit.index).padStart(4, '0')}`;
							if (edit.kind === 'remove') state = reducer(state, {type: 'tokens/removed', tokenId: id});
							else if (edit.kind === 'sort') state = reducer(state, {type: 'sort/cycle'});
							else if (edit.kind === 'filter') state = reducer(state, {type: 'filter/cycleState'});
							else
								put.push(
									makeToken({
										Id: id,
										Name: `Edited ${edit.index}`,
										State: edit.state,
										CreatedAt: daysAgo(edit.days),
									}),
								);
						}

						state = reducer(state, {type: 'tokens/appended', tokens: put});
						const fresh = [...state.tokens.rows]
							.map((row) => row.token)
							.filter(tokenMatcher(state.filters, state.now))
							.sort(tokenComparator(state.sort));
						expect(ids(selectVisibleRows(state))).toEqual(fresh.map((token) => token.Id));
					}
				},
			),
			{numRuns: 60},
		);
	});
});

describe('the name index across changes', () => {
	/** Above the size from which a name search uses the index. */
	const large = Array.from({length: 5000}, (_, index) =>
		makeToken({
			Id: `x${String(index).padStart(5, '0')}`,
			Name: `Feed ${index}`,
			CreatedAt: daysAgo(index / 100),
		}),
	);
	const searched = (state: ReturnType<typeof stateWith>, name: string) =>
		selectVisibleRows(run(state, {type: 'filter/setName', name}));

	test('a token disabled keeps the index: the next search builds none and finds the new row', () => {
		const before = stateWith(large);
		expect(ids(searched(before, 'feed 42'))).toContain('x00042');
		expect(lastVisibleStats().strategy).toBe('indexed');
		const built = indexesBuilt();
		const disabled = {...large[42]!, State: 'Disabled' as const, Version: large[42]!.Version + 1};
		const after = run(before, ...refreshed(large.with(42, disabled), now));
		const found = searched(after, 'feed 42');
		expect(found.find((row) => row.token.Id === 'x00042')?.token.State).toBe('Disabled');
		expect(indexesBuilt()).toBe(built);
	});

	test('a token renamed gets a new index that finds it by its new name only', () => {
		const before = stateWith(large);
		searched(before, 'feed');
		const built = indexesBuilt();
		const renamed = {...large[7]!, Name: 'Billing sync', Version: large[7]!.Version + 1};
		const after = run(before, ...refreshed(large.with(7, renamed), now));
		expect(ids(searched(after, 'billing'))).toEqual(['x00007']);
		expect(ids(searched(after, 'feed 7'))).not.toContain('x00007');
		expect(indexesBuilt()).toBe(built + 1);
	});
});
