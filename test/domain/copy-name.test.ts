import {describe, expect, test} from 'vitest';
import {copyName} from '../../source/domain/copy-name.js';
import {limits} from '../../source/domain/validation.js';

describe('the name of a duplicated token', () => {
	const long = (length: number, end = '') => 'x'.repeat(length - end.length) + end;

	test.each([
		['short', 'Billing sync', 'Billing sync (copy)'],
		['CJK', '结算同步', '结算同步 (copy)'],
		['exactly at the limit with the suffix', long(93), `${long(93)} (copy)`],
		['one over the limit', long(94), `${long(93)} (copy)`],
		['long, with a space where it is cut', `${long(92)} tail of the name`, `${long(92)} (copy)`],
		['long, with astral characters', '𝒜'.repeat(120), `${'𝒜'.repeat(93)} (copy)`],
	])('%s', (_, name, expected) => {
		expect(copyName(name)).toBe(expected);
		expect([...copyName(name)].length).toBeLessThanOrEqual(limits.nameLength);
	});
});
