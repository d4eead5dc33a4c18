// patches/@sindresorhus+is+7.2.0.patch: got imports this module on every start, and it made two
// Intl.ListFormat at import (a process's first loads ICU's list patterns, ~30 ms, on the way to the
// first rows). They are made when a message needs them, and the message reads as before.
import {describe, expect, it} from 'vitest';

describe('@sindresorhus/is patch', () => {
	it('makes no list format at import, and still lists types in its messages', async () => {
		const {ListFormat} = Intl;
		const intl = Intl as {ListFormat: typeof ListFormat};
		let made = 0;
		intl.ListFormat = new Proxy(ListFormat, {
			construct(target, args: ConstructorParameters<typeof ListFormat>) {
				made++;
				return new target(...args);
			},
		});
		try {
			const {assert, isNumber, isString} = await import('@sindresorhus/is');
			expect(made).toBe(0);
			expect(() => assert.any([isString, isNumber], true, 1n)).toThrow(
				'Expected values which are `string` or `number`. Received values of types `boolean` and `bigint`.',
			);
			expect(made).toBe(2);
		} finally {
			intl.ListFormat = ListFormat;
		}
	});
});
