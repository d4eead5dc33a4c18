import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {maxPageSize, pageInfo, pageSlice} from '../../source/domain/paging.js';

const total = fc.nat({max: 100_000});
const pageSize = fc.integer({min: 1, max: maxPageSize});
const page = fc.oneof(fc.integer({min: 1, max: 200}), fc.integer({min: 1, max: Number.MAX_SAFE_INTEGER}));

describe('paging', () => {
	test('a page lies within the list, holds at most a page size, and is empty only past the end', () => {
		fc.assert(
			fc.property(total, page, pageSize, (count, number, size) => {
				const slice = pageSlice(count, number, size);
				expect(0 <= slice.from && slice.from <= slice.to && slice.to <= count).toBe(true);
				expect(slice.to - slice.from).toBeLessThanOrEqual(size);
				expect(slice.numPages).toBe(Math.max(1, Math.ceil(count / size)));
				expect(slice.from === slice.to).toBe(count === 0 || number > slice.numPages);
				for (const value of Object.values(slice)) expect(Number.isSafeInteger(value)).toBe(true);
			}),
		);
	});

	test('the pages, one after another, hold every item exactly once and in order', () => {
		fc.assert(
			fc.property(fc.nat({max: 3000}), pageSize, (count, size) => {
				const {numPages} = pageSlice(count, 1, size);
				let next = 0;
				for (let number = 1; number <= numPages; number++) {
					const slice = pageSlice(count, number, size);
					expect(slice.from).toBe(next);
					next = slice.to;
				}

				expect(next).toBe(count);
			}),
		);
	});

	test('the links agree with the slice: start and end, previous and next, first and last', () => {
		fc.assert(
			fc.property(total, page, pageSize, (count, number, size) => {
				const slice = pageSlice(count, number, size);
				const info = pageInfo(slice, count, (n) => `?Page=${n}`);
				expect(info['@total']).toBe(count);
				expect(info['@start']).toBe(slice.from === slice.to ? 0 : slice.from + 1);
				expect(info['@end']).toBe(slice.to);
				expect(info['@firstpageuri']).toBe('?Page=1');
				expect(info['@lastpageuri']).toBe(`?Page=${slice.numPages}`);
				expect(info['@previouspageuri'] === '').toBe(number === 1);
				expect(info['@nextpageuri']).toBe(number < slice.numPages ? `?Page=${number + 1}` : '');
				// Past the end, "previous" leads back to the last real page, never further out.
				if (number > 1) {
					expect(info['@previouspageuri']).toBe(`?Page=${Math.min(number - 1, slice.numPages)}`);
				}
			}),
		);
	});
});
