import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {count} from '../../source/ui/format.js';

describe('count', () => {
	it('groups thousands as en-US does', () => {
		expect(count(0)).toBe('0');
		expect(count(999)).toBe('999');
		expect(count(1000)).toBe('1,000');
		expect(count(94_870)).toBe('94,870');
		expect(count(1_000_000)).toBe('1,000,000');
		expect(count(-12_345)).toBe('-12,345');
	});

	it('writes any number as toLocaleString("en-US") does', () => {
		fc.assert(
			fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double()), (n) => {
				expect(count(n)).toBe(n.toLocaleString('en-US'));
			}),
			{numRuns: 1000},
		);
	});
});
