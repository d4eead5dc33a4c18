import {describe, expect, test} from 'vitest';
import {copyName as serverCopyName} from '../../source/server/routes-actions.js';
import {copyName} from '../../source/sync/optimistic.js';

describe('the optimistic copy name', () => {
	const long = (length: number, end = '') => 'x'.repeat(length - end.length) + end;

	test.each([
		['short', 'Billing sync'],
		['CJK', '结算同步'],
		['exactly at the limit with the suffix', long(93)],
		['one over the limit', long(94)],
		['long, with a space where it is cut', `${long(92)} tail of the name`],
		['long, with astral characters', '𝒜'.repeat(120)],
	])('is the name the server gives the copy: %s', (_, name) => {
		expect(copyName(name)).toBe(serverCopyName(name));
		expect([...copyName(name)].length).toBeLessThanOrEqual(100);
	});
});
