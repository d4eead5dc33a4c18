import {describe, expect, test} from 'vitest';
import {
	createdOnMatches,
	createdOnValues,
	cycle,
	foldName,
	isUnfiltered,
	nameMatches,
	noFilters,
	stateMatches,
	stateValues,
	tokenMatcher,
	type CreatedOn,
	type Filters,
} from '../../source/domain/filters.js';
import type {TokenState} from '../../source/domain/token.js';

const day = 24 * 60 * 60 * 1000;
const now = Date.parse('2025-07-01T00:00:00.000Z');

describe('foldName', () => {
	test.each([
		['Production Key', 'production key'],
		['ＡＰＩ　Ｋｅｙ', 'api key'], // full-width Latin and ideographic space fold to plain
		['東京トークン', '東京トークン'], // CJK is unchanged
		['ｶﾀｶﾅ', 'カタカナ'], // half-width katakana folds to full-width
		['ÉTÉ', 'été'],
		['', ''],
	])('%j folds to %j', (name, folded) => {
		expect(foldName(name)).toBe(folded);
	});
});

describe('name search: part of a name, case-insensitive, CJK too', () => {
	test.each([
		['Production Key', 'prod', true],
		['Production Key', 'PROD', true],
		['Production Key', 'key', true],
		['Production Key', 'staging', false],
		['Production Key', '', true],
		['東京オフィス用トークン', 'オフィス', true],
		['東京オフィス用トークン', '大阪', false],
		['北京 API 密钥', 'api 密钥', true],
		['ＡＰＩ Key', 'api', true],
		['api key', 'ＡＰＩ', true],
		['Ünïcode Partner', 'ünï', true],
	])('%j matches %j: %s', (name, query, expected) => {
		expect(nameMatches(foldName(name), foldName(query))).toBe(expected);
	});
});

describe('created on: windows relative to now, 7 and 30 days of 24 h', () => {
	test.each<[string, number, CreatedOn, boolean]>([
		['just now', 0, 'Last7Days', true],
		['exactly 7×24 h ago', 7 * day, 'Last7Days', true],
		['7×24 h and 1 ms ago', 7 * day + 1, 'Last7Days', false],
		['exactly 7×24 h ago', 7 * day, 'Last30Days', true],
		['exactly 30×24 h ago', 30 * day, 'Last30Days', true],
		['30×24 h and 1 ms ago', 30 * day + 1, 'Last30Days', false],
		['exactly 30×24 h ago', 30 * day, 'MoreThan30Days', false],
		['30×24 h and 1 ms ago', 30 * day + 1, 'MoreThan30Days', true],
		['a year ago', 365 * day, 'MoreThan30Days', true],
		['a year ago', 365 * day, 'Any', true],
		['in the future (clock skew)', -day, 'Last7Days', true],
		['in the future (clock skew)', -day, 'MoreThan30Days', false],
	])('%s (%d ms) is in %s: %s', (_when, age, createdOn, expected) => {
		expect(createdOnMatches(now - age, createdOn, now)).toBe(expected);
	});

	test.each<[CreatedOn, boolean]>([
		['Any', true],
		['Last7Days', false],
		['Last30Days', false],
		['MoreThan30Days', false],
	])('an unparseable creation date is in %s: %s', (createdOn, expected) => {
		expect(createdOnMatches(Number.NaN, createdOn, now)).toBe(expected);
	});
});

describe('state filter', () => {
	test.each<[TokenState, Filters['state'], boolean]>([
		['Enabled', 'Any', true],
		['Disabled', 'Any', true],
		['Enabled', 'Enabled', true],
		['Disabled', 'Enabled', false],
		['Enabled', 'Disabled', false],
		['Disabled', 'Disabled', true],
	])('a %s token passes %s: %s', (state, filter, expected) => {
		expect(stateMatches(state, filter)).toBe(expected);
	});
});

describe('tokenMatcher: every filter combines with AND', () => {
	const token = {
		Name: 'Staging 東京',
		CreatedAt: new Date(now - 10 * day).toISOString(),
		State: 'Disabled' as const,
	};
	test.each<[Partial<Filters>, boolean]>([
		[{}, true],
		[{name: 'staging'}, true],
		[{name: '東京'}, true],
		[{name: 'prod'}, false],
		[{createdOn: 'Last30Days'}, true],
		[{createdOn: 'Last7Days'}, false],
		[{state: 'Disabled'}, true],
		[{state: 'Enabled'}, false],
		[{name: 'STAG', createdOn: 'Last30Days', state: 'Disabled'}, true],
		[{name: 'STAG', createdOn: 'Last30Days', state: 'Enabled'}, false],
		[{name: 'STAG', createdOn: 'MoreThan30Days', state: 'Disabled'}, false],
		[{name: 'nope', createdOn: 'Last30Days', state: 'Disabled'}, false],
	])('%j → %s', (filters, expected) => {
		expect(tokenMatcher({...noFilters, ...filters}, now)(token)).toBe(expected);
	});
});

describe('isUnfiltered and cycles', () => {
	test.each<[Filters, boolean]>([
		[noFilters, true],
		[{...noFilters, name: 'a'}, false],
		[{...noFilters, createdOn: 'Last7Days'}, false],
		[{...noFilters, state: 'Enabled'}, false],
	])('%j is unfiltered: %s', (filters, expected) => {
		expect(isUnfiltered(filters)).toBe(expected);
	});

	test.each([
		['Any', 'Last7Days'],
		['Last7Days', 'Last30Days'],
		['Last30Days', 'MoreThan30Days'],
		['MoreThan30Days', 'Any'],
	] as const)('created on cycles %s → %s', (from, to) => {
		expect(cycle(createdOnValues, from)).toBe(to);
	});

	test.each([
		['Any', 'Enabled'],
		['Enabled', 'Disabled'],
		['Disabled', 'Any'],
	] as const)('state cycles %s → %s', (from, to) => {
		expect(cycle(stateValues, from)).toBe(to);
	});
});
