import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {sortKeys, tokenComparator} from '../../source/domain/sort.js';
import type {AccessToken, TokenState} from '../../source/domain/token.js';
import {rowComparator} from '../../source/state/row-order.js';
import {anyText} from './arbitraries.js';

const iso = fc
	.integer({min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z')})
	.map((ms) => new Date(ms).toISOString());
const token = fc.record({
	Id: fc.string({minLength: 1, maxLength: 4}),
	Name: fc.oneof(anyText(12), fc.constantFrom('a', 'A', 'Token 2', 'token 10', '東京')),
	CreatedAt: fc.oneof(iso, fc.constant('2025-01-01T00:00:00.000Z')),
	LastUsedAt: fc.option(iso),
	// A lenient server may send a state this app does not know; the order must stay total.
	State: fc.oneof(
		fc.constantFrom<TokenState>('Enabled', 'Disabled'),
		fc.constantFrom('Suspended', 'pending', '', undefined, null) as unknown as fc.Arbitrary<TokenState>,
	),
});
type Sortable = typeof token extends fc.Arbitrary<infer T> ? T : never;
const tokens = fc.uniqueArray(token, {selector: (t) => t.Id, maxLength: 30});

describe.each(sortKeys)('sorting by %s', (key) => {
	const compare = tokenComparator(key);

	test('is transitive, so any arrival order sorts to the same list', () => {
		fc.assert(
			fc.property(tokens, fc.infiniteStream(fc.nat()), (list, dice) => {
				const sorted = [...list].sort(compare);
				const shuffled = [...list];
				for (let index = shuffled.length - 1; index > 0; index--) {
					const other = dice.next().value % (index + 1);
					[shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!];
				}

				expect(shuffled.sort(compare).map((t) => t.Id)).toEqual(sorted.map((t) => t.Id));
				for (let index = 1; index < sorted.length; index++) {
					expect(compare(sorted[index - 1]!, sorted[index]!)).toBeLessThan(0);
				}
			}),
		);
	});
});

describe.each(sortKeys)('sorting rows by %s', (key) => {
	const compare = tokenComparator(key);
	const rowCompare = rowComparator(key);
	const row = (t: Sortable) => ({
		token: t as unknown as AccessToken,
		createdAtMs: Date.parse(t.CreatedAt),
		lastUsedAtMs: t.LastUsedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(t.LastUsedAt),
	});

	test('is antisymmetric (the binary searches rely on it) and agrees with the domain', () => {
		fc.assert(
			fc.property(token, token, (a, b) => {
				// Signs summed: a tie (two copies of one Id) is 0 both ways, and -0 is not 0 to toBe.
				expect(Math.sign(compare(a, b)) + Math.sign(compare(b, a))).toBe(0);
				expect(Math.sign(rowCompare(row(a), row(b))) + Math.sign(rowCompare(row(b), row(a)))).toBe(0);
				expect(Math.sign(rowCompare(row(a), row(b))) + 0).toBe(Math.sign(compare(a, b)) + 0);
			}),
		);
	});
});

describe('what each order means', () => {
	test('created: newest first; state: enabled, then disabled, then others; last used: most recent first, never-used last', () => {
		fc.assert(
			fc.property(tokens, (list) => {
				const by = (key: (typeof sortKeys)[number]) => [...list].sort(tokenComparator(key));
				const created = by('created');
				for (let index = 1; index < created.length; index++) {
					expect(created[index - 1]!.CreatedAt >= created[index]!.CreatedAt).toBe(true);
				}

				const states = by('state').map((t) => t.State);
				// Enabled, Disabled, other texts (in order), then a state left out.
				const rank = (state: unknown) =>
					state === 'Enabled' ? 0 : state === 'Disabled' ? 1 : typeof state === 'string' ? 2 : 3;
				const text = String;
				expect(states).toEqual(
					[...states].sort(
						(a, b) => rank(a) - rank(b) || (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0),
					),
				);
				const used = by('lastUsed').map((t) => t.LastUsedAt);
				const firstNever = used.indexOf(null);
				if (firstNever >= 0) expect(used.slice(firstNever).every((at) => at === null)).toBe(true);
				const recent = used.filter((at) => at !== null);
				expect(recent).toEqual([...recent].sort().reverse());
			}),
		);
	});
});
