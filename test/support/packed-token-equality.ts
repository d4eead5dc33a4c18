/**
 * The collection holds tokens packed (`source/state/packed-tokens.ts`): their
 * fields are getters, which `toEqual` would not see. A packed token equals
 * whatever its plain form equals, so tests compare tokens by their fields.
 */
import {expect} from 'vitest';
import {PackedToken, plainToken} from '../../source/state/packed-tokens.js';

expect.addEqualityTesters([
	function packedTokens(this: unknown, a: unknown, b: unknown, testers) {
		if (!(a instanceof PackedToken) && !(b instanceof PackedToken)) return undefined;
		const plain = (value: unknown) => (value instanceof PackedToken ? plainToken(value) : value);
		return (this as {equals: (a: unknown, b: unknown, testers: unknown[]) => boolean}).equals(
			plain(a),
			plain(b),
			testers,
		);
	},
]);
