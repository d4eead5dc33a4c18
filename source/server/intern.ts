/**
 * Sharing of equal scope lists, e-mail lists and short strings between tokens.
 * Tokens repeat a handful of scope sets, contacts and versions; a million
 * separate copies, as JSON.parse makes them, would cost hundreds of megabytes.
 * Interned arrays are never mutated: every change builds a new token.
 */
import {derivedSecret} from './crypto.js';
import type {StoredToken} from './model.js';

/** Strings longer than this are rarely shared and not worth a lookup. */
const shortString = 64;

export function interner(): (token: StoredToken) => StoredToken {
	// Keyed cheaply by length and ends; equal keys are confirmed element by element.
	const arrays = new Map<string, string[][]>();
	const strings = new Map<string, string>();

	const array = (values: string[]): string[] => {
		const key = `${values.length}\u0000${values[0]}\u0000${values.at(-1)}`;
		const candidates = arrays.get(key);
		const shared = candidates?.find((candidate) =>
			candidate.every((value, index) => value === values[index]),
		);
		if (shared) return shared;
		if (candidates) {
			// Many different lists with the same ends: sharing will not pay, stop collecting them.
			if (candidates.length < 8) candidates.push(values);
		} else {
			arrays.set(key, [values]);
		}

		return values;
	};

	const text = (value: string): string => {
		if (value.length > shortString) return value;
		const shared = strings.get(value);
		if (shared !== undefined) return shared;
		strings.set(value, value);
		return value;
	};

	return (token) => {
		if ('Derived' in token.Secret) token.Secret = derivedSecret;
		if (token.ReadOnlySecret && 'Derived' in token.ReadOnlySecret) token.ReadOnlySecret = derivedSecret;
		token.Scopes = array(token.Scopes);
		token.DeveloperEmails = array(token.DeveloperEmails);
		token.ApiVersion = text(token.ApiVersion);
		token.PrimaryContact = text(token.PrimaryContact);
		token.Description = text(token.Description);
		return token;
	};
}
