import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {foldName} from '../../source/domain/filters.js';
import {makeRow} from '../../source/state/index.js';
import {indexesBuilt, lastSearchWay, rowsNamed, warmNameSearch} from '../../source/state/search-index.js';
import {makeToken} from './fixtures.js';

const rowsOf = (names: string[]) =>
	names.map((name, index) => makeRow(makeToken({Id: `t${index}`, Name: name})));
const visitingEachRow = (rows: ReturnType<typeof rowsOf>, query: string) =>
	rows.filter((row) => foldName(row.token.Name).includes(query));

describe('the name index', () => {
	const rows = rowsOf([
		'Billing sync – production',
		'billing',
		'結算同步',
		'Payouts 9',
		'ébilling',
		'Sync billing',
	]);

	it('finds every row whose folded name contains the query, in list order, each once', () => {
		expect(rowsNamed(rows, 'billing')!.map((row) => row.token.Name)).toEqual([
			'Billing sync – production',
			'billing',
			'ébilling',
			'Sync billing',
		]);
		expect(rowsNamed(rows, foldName('結算'))!.map((row) => row.token.Name)).toEqual(['結算同步']);
		expect(rowsNamed(rows, 'i')).toHaveLength(4);
		expect(rowsNamed(rows, 'nothing like it')).toEqual([]);
	});

	it('never matches across two names', () => {
		// "production" + "billing": "nbil" only exists where two names meet.
		expect(rowsNamed(rows, 'nbil')).toEqual([]);
		expect(rowsNamed(rowsOf(['ab', 'cd']), 'bc')).toEqual([]);
	});

	it('leaves a query holding its separator to the slow path; names holding it still match on their own', () => {
		expect(rowsNamed(rows, 'a\nb')).toBeUndefined();
		const odd = rowsOf(['line one\nline two', 'plain']);
		expect(rowsNamed(odd, 'two')!.map((row) => row.token.Id)).toEqual(['t0']);
		expect(rowsNamed(odd, 'plain')!.map((row) => row.token.Id)).toEqual(['t1']);
	});

	it('answers a search that hits thousands of rows, and a small one after it, exactly', () => {
		const many = rowsOf(
			Array.from({length: 5000}, (_, index) => (index % 3 === 0 ? `report ${index}` : `sync ${index}`)),
		);
		expect(rowsNamed(many, 'report')).toEqual(visitingEachRow(many, 'report'));
		expect(rowsNamed(many, ' ')).toHaveLength(5000);
		expect(rowsNamed(many, 'sync 4999')!.map((row) => row.token.Name)).toEqual(['sync 4999']);
	});

	it('is warmed up on a list of its own: every answer, and the index of the list searched, stay as they were', () => {
		const many = rowsOf(Array.from({length: 5000}, (_, index) => `billing sync ${index}`));
		const queries = ['b', 'i', 'sync 1', 'ng s', 'zz'];
		const before = queries.map((query) => rowsNamed(many, query));
		const built = indexesBuilt();
		warmNameSearch(2);
		expect(indexesBuilt()).toBe(built + 1);
		expect(queries.map((query) => rowsNamed(many, query))).toEqual(before);
		expect(indexesBuilt()).toBe(built + 1);
	});

	it('folds a name as it would alone, whatever name is beside it', () => {
		// A final sigma lower-cases by what follows it; a dotted capital I grows to two characters.
		const greek = rowsOf(['ΟΔΟΣ', 'Σ ALPHA', 'İstanbul', 'ﬁle ①']);
		for (const query of ['οδος', 'σ alpha', foldName('İst'), 'file 1']) {
			expect(rowsNamed(greek, query)).toEqual(visitingEachRow(greek, query));
			expect(rowsNamed(greek, query)).toHaveLength(1);
		}
	});

	it('finds names with a few wide characters by them, and none by the codes that stand in for them', () => {
		const list = rowsOf(['Billing – EMEA', 'Sync – dev', '広告レポート', 'plain']);
		expect(rowsNamed(list, 'g – e')!.map((row) => row.token.Name)).toEqual(['Billing – EMEA']);
		expect(rowsNamed(list, ' – ')).toHaveLength(2);
		expect(rowsNamed(list, 'レポ')!.map((row) => row.token.Name)).toEqual(['広告レポート']);
		// The first free one-byte codes stand in for the wide characters: no name holds them as themselves.
		for (const code of [0, 1, 2, 3, 4, 5]) expect(rowsNamed(list, String.fromCharCode(code))).toEqual([]);
		expect(rowsNamed(list, 'é')).toEqual([]);
	});

	it("answers a one-character query from the rows' character bits when the character is common, from the text when not", () => {
		// 40 characters, the first in every name and the last in every fortieth: more than the 32 that get bits.
		const letters = [...'abcdefghijklmnopqrstuvwxyz0123456789#$%&'];
		const names = Array.from({length: 400}, (_, index) =>
			letters.filter((_, letter) => index % (letter + 1) === 0).join(''),
		);
		const list = rowsOf([...names, 'Sync – dev', '広告レポート']);
		for (const letter of [...letters, '–', '広']) {
			expect(rowsNamed(list, letter)).toEqual(visitingEachRow(list, letter));
		}

		expect(rowsNamed(list, 'a')).toHaveLength(400);
		expect(lastSearchWay()).toBe('characters');
		expect(rowsNamed(list, '&')).toHaveLength(10);
		expect(lastSearchWay()).toBe('text');
		expect(rowsNamed(list, 'ab')).toHaveLength(200);
		expect(lastSearchWay()).toBe('text');
	});

	it('reads the bits of names past the characters counted to choose them', () => {
		// ~1.3 million characters of names: more than are counted to pick the common characters.
		const long = rowsOf(
			Array.from({length: 52_000}, (_, index) => `${index % 100 === 0 ? 'b' : 'a'}${'a'.repeat(23)}`),
		);
		const found = rowsNamed(long, 'b')!;
		expect(lastSearchWay()).toBe('characters');
		expect(found).toEqual(visitingEachRow(long, 'b'));
		expect(found.at(-1)!.token.Id).toBe('t51900');
	});

	it('keeps the text as it is when the names use many wide characters', () => {
		const cjk = rowsOf(Array.from({length: 200}, (_, index) => String.fromCharCode(0x4e_00 + index)));
		expect(rowsNamed(cjk, String.fromCharCode(0x4e_00 + 150))!.map((row) => row.token.Id)).toEqual(['t150']);
	});

	it('answers as visiting each row would, for any names and query', () => {
		fc.assert(
			fc.property(
				fc.array(fc.string({maxLength: 12}), {maxLength: 40}),
				fc.string({minLength: 1, maxLength: 3}),
				(names, raw) => {
					const list = rowsOf(names);
					const query = foldName(raw);
					fc.pre(query !== '' && !query.includes('\n'));
					expect(rowsNamed(list, query)).toEqual(visitingEachRow(list, query));
				},
			),
		);
	});

	it('answers as visiting each row would, for any names and query in any script', () => {
		const text = (maxLength: number) =>
			fc.string({
				unit: fc.constantFrom('a', 'B', ' ', '–', 'Σ', 'İ', 'ﬁ', '広', 'é', '\u0000', '\n'),
				maxLength,
			});
		fc.assert(
			fc.property(fc.array(text(8), {maxLength: 30}), text(3), (names, raw) => {
				const list = rowsOf(names);
				const query = foldName(raw);
				fc.pre(query !== '' && !query.includes('\n'));
				expect(rowsNamed(list, query)).toEqual(visitingEachRow(list, query));
			}),
		);
	});
});
