/**
 * The hint a list shows for a token's secret: its last four characters. Derived
 * secrets' hints are kept once computed (an HMAC each); these check that what
 * is kept is always what would be computed, whichever key file asks and
 * whatever the token became.
 */
import {rm} from 'node:fs/promises';
import {afterEach, expect, test} from 'vitest';
import {loadKeys, revealSecret, seal, type Keys} from '../../source/server/crypto.js';
import {toAccessToken, type StoredToken} from '../../source/server/model.js';
import {makeDataDir} from '../support/server.js';
import {token} from './store-fixtures.js';

const dirs: string[] = [];
afterEach(async () => {
	for (const dir of dirs.splice(0)) await rm(dir, {recursive: true, force: true});
});

async function freshKeys(): Promise<Keys> {
	const dir = await makeDataDir();
	dirs.push(dir);
	return loadKeys(dir);
}

const shownHint = (stored: StoredToken, keys: Keys) => toAccessToken(stored, keys).AuthTokenHint;
const secretEnd = (stored: StoredToken, keys: Keys) =>
	revealSecret(keys, stored.Id, 'ReadWrite', stored.Secret).slice(-4);

test('a derived secret’s hint is its last four characters, the first time and every time after', async () => {
	const keys = await freshKeys();
	const tokens = Array.from({length: 50}, (_, index) => token(index));
	for (let round = 0; round < 3; round++) {
		expect(tokens.map((stored) => shownHint(stored, keys))).toEqual(
			tokens.map((stored) => secretEnd(stored, keys)),
		);
	}
});

test('the same token under another key file shows that key file’s hint', async () => {
	const [first, second] = [await freshKeys(), await freshKeys()];
	const tokens = Array.from({length: 50}, (_, index) => token(index));
	const firstHints = tokens.map((stored) => shownHint(stored, first));
	expect(tokens.map((stored) => shownHint(stored, second))).toEqual(
		tokens.map((stored) => secretEnd(stored, second)),
	);
	// Four characters of 64 each: 50 tokens all alike under two keys would be a kept hint shown to the wrong key.
	expect(tokens.map((stored) => shownHint(stored, second))).not.toEqual(firstHints);
});

test('a token whose secret was reset shows the new secret’s hint, not the derived one kept for its old version', async () => {
	const keys = await freshKeys();
	const before = token(0);
	expect(shownHint(before, keys)).toBe(secretEnd(before, keys));
	const value = 'a-new-secret-that-ends-in-WXYZ';
	const after: StoredToken = {...before, Version: 2, Secret: seal(keys, before.Id, 'ReadWrite', value)};
	expect(shownHint(after, keys)).toBe('WXYZ');
	expect(shownHint(before, keys)).toBe(secretEnd(before, keys));
});
