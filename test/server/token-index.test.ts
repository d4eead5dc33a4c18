import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {noFilters} from '../../source/domain/filters.js';
import type {StoredToken} from '../../source/server/model.js';
import {TokenIndex} from '../../source/server/token-index.js';
import {token} from './store-fixtures.js';

const withLegacy = (index: number, legacy: boolean): StoredToken => ({...token(index), Legacy: legacy});
const listed = (index: TokenIndex) => index.list(noFilters, Date.now(), 'r', false);

describe('the list without legacy tokens', () => {
	it('gives the pages of the filtered list, read in any order, across inserts and removals', () => {
		const operation = fc.oneof(
			// A read goes on from where the one before ended, as a walk through the pages does.
			fc.record({read: fc.integer({min: 1, max: 8})}),
			fc.record({jump: fc.nat(40)}),
			fc.record({add: fc.nat(1000), legacy: fc.boolean()}),
			fc.record({remove: fc.nat(200)}),
		);
		fc.assert(
			fc.property(
				fc.array(fc.boolean(), {maxLength: 60}),
				fc.array(operation, {maxLength: 40}),
				(flags, operations) => {
					const index = new TokenIndex(flags.map((legacy, at) => withLegacy(at, legacy)));
					let from = 0;
					for (const step of operations) {
						if ('add' in step) {
							index.add(withLegacy(step.add, step.legacy));
						} else if ('jump' in step) {
							from = step.jump;
						} else if ('remove' in step) {
							const all = [...index.tokens.values()];
							if (all.length > 0) index.delete(all[step.remove % all.length]!);
						} else {
							const expected = [...index.tokens.values()]
								.filter((each) => !each.Legacy)
								.sort((a, b) => b.CreatedAt - a.CreatedAt || (a.Id < b.Id ? -1 : 1));
							const view = listed(index);
							expect(view.length).toBe(expected.length);
							expect(view.slice(from, from + step.read)).toEqual(expected.slice(from, from + step.read));
							from = from + step.read < expected.length ? from + step.read : 0;
						}
					}
				},
			),
			{numRuns: 500},
		);
	});

	it('gives every listed token once, read page after page', () => {
		const index = new TokenIndex(Array.from({length: 3000}, (_, at) => withLegacy(at, at % 7 === 0)));
		const view = listed(index);
		const pages = Array.from({length: Math.ceil(view.length / 100)}, (_, page) =>
			view.slice(page * 100, page * 100 + 100),
		);
		expect(pages.flat()).toEqual(view.slice(0, view.length));
		expect(pages.flat().some((each) => each.Legacy)).toBe(false);
	});
});
