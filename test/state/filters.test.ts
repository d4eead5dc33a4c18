import {describe, expect, test} from 'vitest';
import {createdOnValues, stateValues, tokenMatcher, type Filters} from '../../source/domain/filters.js';
import {sortKeys, tokenComparator} from '../../source/domain/sort.js';
import {selectVisibleRows, type Action} from '../../source/state/index.js';
import {day, daysAgo, ids, makeToken, now, run, stateWith} from './fixtures.js';

const tokens = [
	makeToken({
		Id: 'prod-eu',
		Name: 'Production EU',
		State: 'Enabled',
		CreatedAt: daysAgo(1),
		LastUsedAt: daysAgo(0.5),
	}),
	makeToken({Id: 'qa', Name: 'staging QA', State: 'Disabled', CreatedAt: daysAgo(3)}),
	makeToken({
		Id: 'tokyo-7',
		Name: 'テスト 東京',
		State: 'Disabled',
		CreatedAt: daysAgo(7),
		LastUsedAt: daysAgo(2),
	}),
	makeToken({Id: 'prod-us', Name: 'Production US', State: 'Disabled', CreatedAt: daysAgo(10)}),
	makeToken({Id: 'edge-30', Name: 'Edge of thirty', State: 'Enabled', CreatedAt: daysAgo(30)}),
	makeToken({
		Id: 'tokyo-40',
		Name: 'Staging 東京',
		State: 'Enabled',
		CreatedAt: daysAgo(40),
		LastUsedAt: daysAgo(1),
	}),
	makeToken({Id: 'import', Name: 'Legacy import', State: 'Enabled', CreatedAt: daysAgo(100)}),
];

const base = stateWith(tokens, 5);

function presses(count: number, action: Action): Action[] {
	return Array.from({length: count}, () => action);
}

function visibleWith(filters: Partial<Filters>): string[] {
	// Reach the filters as an operator does: typed text, and so many presses of `t` and `s`.
	const actions: Action[] = [
		...(filters.name === undefined ? [] : [{type: 'filter/setName', name: filters.name} as const]),
		...presses(createdOnValues.indexOf(filters.createdOn ?? 'Any'), {type: 'filter/cycleCreatedOn'}),
		...presses(stateValues.indexOf(filters.state ?? 'Any'), {type: 'filter/cycleState'}),
	];
	const state = run(base, ...actions);
	expect(state.filters).toEqual({name: '', createdOn: 'Any', state: 'Any', ...filters});
	return ids(selectVisibleRows(state));
}

describe('each filter, and filters combined', () => {
	test.each<[Partial<Filters>, string[]]>([
		[{}, ['prod-eu', 'qa', 'tokyo-7', 'prod-us', 'edge-30', 'tokyo-40', 'import']],
		[{name: 'production'}, ['prod-eu', 'prod-us']],
		[{name: 'PRODUCTION'}, ['prod-eu', 'prod-us']],
		[{name: 'staging'}, ['qa', 'tokyo-40']],
		[{name: '東京'}, ['tokyo-7', 'tokyo-40']],
		[{name: 'ｔｅｓｔ'}, []],
		[{name: 'テスト'}, ['tokyo-7']],
		[{name: 'nothing like it'}, []],
		[{createdOn: 'Last7Days'}, ['prod-eu', 'qa', 'tokyo-7']],
		[{createdOn: 'Last30Days'}, ['prod-eu', 'qa', 'tokyo-7', 'prod-us', 'edge-30']],
		[{createdOn: 'MoreThan30Days'}, ['tokyo-40', 'import']],
		[{state: 'Enabled'}, ['prod-eu', 'edge-30', 'tokyo-40', 'import']],
		[{state: 'Disabled'}, ['qa', 'tokyo-7', 'prod-us']],
		[{name: 'production', state: 'Disabled'}, ['prod-us']],
		[{name: '東京', createdOn: 'MoreThan30Days'}, ['tokyo-40']],
		[{createdOn: 'Last7Days', state: 'Enabled'}, ['prod-eu']],
		[{name: 'staging', createdOn: 'Last30Days', state: 'Disabled'}, ['qa']],
		[{name: 'staging', createdOn: 'Last30Days', state: 'Enabled'}, []],
	])('%j shows %j', (filters, expected) => {
		expect(visibleWith(filters)).toEqual(expected);
	});

	const names = ['', 'prod', 'STAGING', '東京', 'o', 'zzz'];
	const combinations = names.flatMap((name) =>
		createdOnValues.flatMap((createdOn) => stateValues.map((state): Filters => ({name, createdOn, state}))),
	);

	test.each(combinations)('every combination agrees with the domain: %j', (filters) => {
		const expected = tokens
			.filter(tokenMatcher(filters, now))
			.sort(tokenComparator('created'))
			.map((token) => token.Id);
		expect(visibleWith(filters)).toEqual(expected);
	});
});

describe('cycling filters and the sort', () => {
	test('created on cycles any → 7 days → 30 days → more than 30 days → any', () => {
		const seen = [];
		let state = base;
		for (let press = 0; press < 5; press++) {
			state = run(state, {type: 'filter/cycleCreatedOn'});
			seen.push(state.filters.createdOn);
		}

		expect(seen).toEqual(['Last7Days', 'Last30Days', 'MoreThan30Days', 'Any', 'Last7Days']);
	});

	test('state cycles any → enabled → disabled → any', () => {
		const seen = [];
		let state = base;
		for (let press = 0; press < 4; press++) {
			state = run(state, {type: 'filter/cycleState'});
			seen.push(state.filters.state);
		}

		expect(seen).toEqual(['Enabled', 'Disabled', 'Any', 'Enabled']);
	});

	test('the sort cycles created → name → last used → state → created, and the list follows it', () => {
		let state = base;
		const orders: Record<string, string[]> = {};
		for (let press = 0; press < sortKeys.length; press++) {
			orders[state.sort] = ids(selectVisibleRows(state));
			state = run(state, {type: 'sort/cycle'});
		}

		expect(state.sort).toBe('created');
		expect(orders).toEqual({
			created: ['prod-eu', 'qa', 'tokyo-7', 'prod-us', 'edge-30', 'tokyo-40', 'import'],
			name: ['edge-30', 'import', 'prod-eu', 'prod-us', 'qa', 'tokyo-40', 'tokyo-7'],
			lastUsed: ['prod-eu', 'tokyo-40', 'tokyo-7', 'qa', 'prod-us', 'edge-30', 'import'],
			state: ['prod-eu', 'edge-30', 'tokyo-40', 'import', 'qa', 'tokyo-7', 'prod-us'],
		});
	});
});

describe('clear all', () => {
	test('puts every filter back to its default and leaves search mode', () => {
		const filtered = run(
			base,
			{type: 'search/start'},
			{type: 'filter/setName', name: 'prod'},
			{type: 'filter/cycleCreatedOn'},
			{type: 'filter/cycleState'},
		);
		expect(ids(selectVisibleRows(filtered))).toEqual(['prod-eu']);
		const cleared = run(filtered, {type: 'filter/clear'});
		expect(cleared.filters).toEqual({name: '', createdOn: 'Any', state: 'Any'});
		expect(cleared.mode).toBe('list');
		expect(selectVisibleRows(cleared)).toHaveLength(tokens.length);
	});

	test('with nothing to clear, changes nothing at all', () => {
		expect(run(base, {type: 'filter/clear'})).toBe(base);
	});

	test('keeps the sort: it is not a filter', () => {
		const sorted = run(base, {type: 'sort/cycle'}, {type: 'filter/cycleState'}, {type: 'filter/clear'});
		expect(sorted.sort).toBe('name');
	});
});

describe('search mode', () => {
	test.each<[string, Action[], {mode: string; name: string}]>([
		['/ starts a search', [{type: 'search/start'}], {mode: 'search', name: ''}],
		[
			'typing filters live',
			[{type: 'search/start'}, {type: 'filter/setName', name: 'stag'}],
			{mode: 'search', name: 'stag'},
		],
		[
			'Enter keeps the text and returns to the list',
			[{type: 'search/start'}, {type: 'filter/setName', name: 'stag'}, {type: 'search/accept'}],
			{mode: 'list', name: 'stag'},
		],
		[
			'Esc clears the text and returns to the list',
			[{type: 'search/start'}, {type: 'filter/setName', name: 'stag'}, {type: 'search/cancel'}],
			{mode: 'list', name: ''},
		],
		[
			'a new search starts from the kept text',
			[{type: 'filter/setName', name: 'stag'}, {type: 'search/accept'}, {type: 'search/start'}],
			{mode: 'search', name: 'stag'},
		],
	])('%s', (_behaviour, actions, expected) => {
		const state = run(base, ...actions);
		expect({mode: state.mode, name: state.filters.name}).toEqual(expected);
	});

	test('the live text filters the list on every keystroke', () => {
		let state = run(base, {type: 'search/start'});
		const counts = [];
		for (const name of ['s', 'st', 'sta', 'stag', 'stagi', 'stagx']) {
			state = run(state, {type: 'filter/setName', name});
			counts.push(selectVisibleRows(state).length);
		}

		expect(counts).toEqual([3, 2, 2, 2, 2, 0]);
	});
});

describe('the created-on window moves with the clock', () => {
	test('a token leaves "last 7 days" once it is older than 7×24 h', () => {
		const state = run(base, {type: 'filter/cycleCreatedOn'});
		expect(ids(selectVisibleRows(state))).toContain('tokyo-7');
		const later = run(state, {type: 'clock/tick', now: now + 1});
		expect(ids(selectVisibleRows(later))).toEqual(['prod-eu', 'qa']);
		const muchLater = run(state, {type: 'clock/tick', now: now + 5 * day});
		expect(ids(selectVisibleRows(muchLater))).toEqual(['prod-eu']);
	});
});
