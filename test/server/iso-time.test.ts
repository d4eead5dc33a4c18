import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {isoTime} from '../../source/server/iso-time.js';

describe('isoTime', () => {
	it('writes what Date#toISOString writes, for any time a Date holds', () => {
		fc.assert(
			fc.property(fc.integer({min: -8.64e15, max: 8.64e15}), (ms) => {
				expect(isoTime(ms)).toBe(new Date(ms).toISOString());
			}),
			{numRuns: 2000},
		);
	});

	it('gets the edges of a day and of the four-digit years right', () => {
		for (const ms of [
			0, 999, 86_399_999, 86_400_000, 951_782_400_000, 253_402_300_799_999, 253_402_300_800_000, -1,
		]) {
			expect(isoTime(ms)).toBe(new Date(ms).toISOString());
		}
	});

	it('writes times of recent years, as tokens have, the same way', () => {
		const from = Date.parse('2020-01-01T00:00:00Z');
		fc.assert(
			fc.property(fc.integer({min: from, max: from + 10 * 366 * 86_400_000}), (ms) => {
				expect(isoTime(ms)).toBe(new Date(ms).toISOString());
			}),
			{numRuns: 2000},
		);
	});
});
