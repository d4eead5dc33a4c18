import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {sortKeys, tokenComparator, type SortKey} from '../../source/domain/sort.js';
import type {TokenState} from '../../source/domain/token.js';

type Sortable = {Id: string; Name: string; CreatedAt: string; LastUsedAt: string | null; State: TokenState};

function token(Id: string, fields: Partial<Sortable> = {}): Sortable {
	return {Id, Name: Id, CreatedAt: '2025-01-01T00:00:00.000Z', LastUsedAt: null, State: 'Enabled', ...fields};
}

const sample: Sortable[] = [
	token('a', {
		Name: 'Token 10',
		CreatedAt: '2025-03-01T00:00:00.000Z',
		LastUsedAt: '2025-06-01T00:00:00.000Z',
	}),
	token('b', {Name: 'token 9', CreatedAt: '2025-05-01T00:00:00.000Z', LastUsedAt: null, State: 'Disabled'}),
	token('c', {Name: 'Alpha', CreatedAt: '2025-04-01T00:00:00.000Z', LastUsedAt: '2025-06-20T00:00:00.000Z'}),
	token('d', {Name: 'alpha', CreatedAt: '2025-04-01T00:00:00.000Z', LastUsedAt: null}),
	token('e', {
		Name: 'Zulu',
		CreatedAt: '2024-12-01T00:00:00.000Z',
		LastUsedAt: '2025-01-05T00:00:00.000Z',
		State: 'Disabled',
	}),
];

describe('tokenComparator', () => {
	test.each<[SortKey, string[], string]>([
		['created', ['b', 'c', 'd', 'a', 'e'], 'newest first; equal times by Id'],
		[
			'name',
			['c', 'd', 'b', 'a', 'e'],
			'A–Z, case-insensitive, numbers by value; equal names newest first, then by Id',
		],
		['lastUsed', ['c', 'a', 'e', 'b', 'd'], 'most recent first; never used last, newest first among them'],
		['state', ['c', 'd', 'a', 'b', 'e'], 'enabled first, then newest first'],
	])('%s sorts %j (%s)', (key, expected) => {
		expect([...sample].sort(tokenComparator(key)).map((t) => t.Id)).toEqual(expected);
	});

	test('never-used tokens sort after the least recently used one', () => {
		const never = token('n', {LastUsedAt: null, CreatedAt: '2030-01-01T00:00:00.000Z'});
		const old = token('o', {LastUsedAt: '2000-01-01T00:00:00.000Z'});
		expect([never, old].sort(tokenComparator('lastUsed')).map((t) => t.Id)).toEqual(['o', 'n']);
	});

	test('equal names, ignoring case and accents, sort newest first', () => {
		const older = token('x', {Name: 'Café', CreatedAt: '2025-01-01T00:00:00.000Z'});
		const newer = token('y', {Name: 'cafe', CreatedAt: '2025-02-01T00:00:00.000Z'});
		expect([older, newer].sort(tokenComparator('name')).map((t) => t.Id)).toEqual(['y', 'x']);
	});

	const sortableArbitrary = fc.record({
		Id: fc.string({minLength: 1, maxLength: 3}),
		Name: fc.constantFrom('a', 'A', 'b', 'Token 2', 'token 10', '東京'),
		CreatedAt: fc.constantFrom('2025-01-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z'),
		LastUsedAt: fc.constantFrom(null, '2025-03-01T00:00:00.000Z', '2025-04-01T00:00:00.000Z'),
		State: fc.constantFrom<TokenState>('Enabled', 'Disabled'),
	});

	test.each(sortKeys)('%s is a total order: antisymmetric, and 0 only for the same Id', (key) => {
		const compare = tokenComparator(key);
		fc.assert(
			fc.property(sortableArbitrary, sortableArbitrary, (a, b) => {
				// Signs cancel out (a sum, not a negation: -0 is not +0 to toBe).
				expect(Math.sign(compare(a, b)) + Math.sign(compare(b, a))).toBe(0);
				if (a.Id !== b.Id) expect(compare(a, b)).not.toBe(0);
			}),
		);
	});
});
