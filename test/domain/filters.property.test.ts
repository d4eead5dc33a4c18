import fc from 'fast-check';
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
	type Filters,
} from '../../source/domain/filters.js';
import type {TokenState} from '../../source/domain/token.js';
import {anyText, printable} from './arbitraries.js';

const day = 24 * 60 * 60 * 1000;
const now = Date.parse('2026-06-15T12:00:00Z');
const createdAt = fc.integer({min: now - 400 * day, max: now + day});
const state = fc.constantFrom<TokenState>('Enabled', 'Disabled');
const filters: fc.Arbitrary<Filters> = fc.record({
	name: fc.oneof(fc.constant(''), printable(1, 6), anyText(6)),
	createdOn: fc.constantFrom(...createdOnValues),
	state: fc.constantFrom(...stateValues),
});

/** Flips the case of letters chosen by `flips`. */
function recase(text: string, flips: boolean[]): string {
	return [...text]
		.map((character, index) => (flips[index] ? character.toUpperCase() : character.toLowerCase()))
		.join('');
}

describe('name search', () => {
	test('never throws, and a name always finds itself, whatever it holds', () => {
		fc.assert(
			fc.property(anyText(60), (name) => {
				expect(nameMatches(foldName(name), foldName(name))).toBe(true);
				expect(nameMatches(foldName(name), '')).toBe(true);
			}),
			{numRuns: 2000},
		);
	});

	test('any part of a name, in any case, finds it (Latin, CJK, digits)', () => {
		const text = fc.string({
			unit: fc.constantFrom(...'abcdefXYZ 0123-東京광'.split('')),
			minLength: 1,
			maxLength: 30,
		});
		fc.assert(
			fc.property(
				text,
				fc.nat(),
				fc.nat(),
				fc.array(fc.boolean(), {maxLength: 30}),
				(name, start, length, flips) => {
					const points = [...name];
					const from = start % points.length;
					const part = points.slice(from, from + 1 + (length % (points.length - from))).join('');
					expect(nameMatches(foldName(name), foldName(recase(part, flips)))).toBe(true);
				},
			),
		);
	});

	test('full-width and compatibility forms match their plain spellings', () => {
		const latin = fc.string({
			unit: fc.constantFrom(...'abcxyzABCXYZ0189'.split('')),
			minLength: 1,
			maxLength: 12,
		});
		fc.assert(
			fc.property(latin, (plain) => {
				// U+FF01..FF5E are the full-width forms of U+0021..007E.
				const wide = [...plain].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join('');
				expect(nameMatches(foldName(`pre ${wide} post`), foldName(plain))).toBe(true);
			}),
		);
	});
});

describe('created on', () => {
	test('any matches everything; last 7 days lie within last 30; last 30 and more than 30 split every time', () => {
		fc.assert(
			fc.property(createdAt, (at) => {
				expect(createdOnMatches(at, 'Any', now)).toBe(true);
				if (createdOnMatches(at, 'Last7Days', now))
					expect(createdOnMatches(at, 'Last30Days', now)).toBe(true);
				expect(createdOnMatches(at, 'Last30Days', now)).not.toBe(createdOnMatches(at, 'MoreThan30Days', now));
			}),
		);
	});

	test('the window edges are exact, to the millisecond', () => {
		fc.assert(
			fc.property(fc.constantFrom(7, 30), fc.integer({min: -2, max: 2}), (days, offset) => {
				const at = now - days * day + offset;
				const window = days === 7 ? 'Last7Days' : 'Last30Days';
				expect(createdOnMatches(at, window, now)).toBe(offset >= 0);
			}),
		);
	});
});

describe('combined filters', () => {
	test('a token matches exactly when every filter does (they combine with AND)', () => {
		fc.assert(
			fc.property(filters, anyText(20), createdAt, state, (chosen, name, at, tokenState) => {
				const token = {Name: name, CreatedAt: new Date(at).toISOString(), State: tokenState};
				const expected =
					stateMatches(tokenState, chosen.state) &&
					createdOnMatches(at, chosen.createdOn, now) &&
					foldName(name).includes(foldName(chosen.name));
				expect(tokenMatcher(chosen, now)(token)).toBe(expected);
			}),
		);
	});

	test('no filters match everything, and only the defaults count as unfiltered', () => {
		fc.assert(
			fc.property(filters, anyText(20), createdAt, state, (chosen, name, at, tokenState) => {
				const token = {Name: name, CreatedAt: new Date(at).toISOString(), State: tokenState};
				expect(tokenMatcher(noFilters, now)(token)).toBe(true);
				expect(isUnfiltered(chosen)).toBe(
					chosen.name === '' && chosen.createdOn === 'Any' && chosen.state === 'Any',
				);
			}),
		);
	});

	test('cycling a filter through all its values comes back to where it started', () => {
		for (const values of [createdOnValues, stateValues] as const) {
			fc.assert(
				fc.property(fc.constantFrom(...values), (start) => {
					let value: string = start;
					const seen = new Set<string>();
					for (let step = 0; step < values.length; step++) {
						seen.add(value);
						value = cycle<string>(values, value);
					}

					expect(value).toBe(start);
					expect(seen.size).toBe(values.length);
				}),
			);
		}
	});
});
