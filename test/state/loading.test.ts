import {expect, test} from 'vitest';
import {appendBatchSize} from '../../source/state/index.js';

test.each([
	[0, 1, 'the first page goes alone, at once'],
	[100, 1000, 'then at least a page of 1,000'],
	[1000, 1000, 'still 1,000'],
	[40_000, 10_000, 'a quarter of what is held'],
	[199_999, 50_000, 'rounded up'],
	[1_000_000, 50_000, 'never more than 50,000 at once'],
])('holding %d, gather %d before dispatching (%s)', (held, size) => {
	expect(appendBatchSize(held)).toBe(size);
});

test('a load of 1,000,000 takes a few dozen dispatches, not a thousand', () => {
	let held = 0;
	let dispatches = 0;
	while (held < 1_000_000) {
		held += Math.max(appendBatchSize(held), 1000);
		dispatches++;
	}

	expect(dispatches).toBeLessThan(40);
});
