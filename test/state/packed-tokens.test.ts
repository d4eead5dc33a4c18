import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import type {AccessToken} from '../../source/domain/token.js';
import {compactPacked, PackedToken, packToken, plainToken} from '../../source/state/packed-tokens.js';
import {sameToken} from '../../source/state/token-rows.js';
import {anyText} from '../domain/arbitraries.js';
import {makeToken} from './fixtures.js';

/** Every field as the packed token reads it, with its type: `toEqual` alone would accept a handle. */
function readBack(token: AccessToken): AccessToken {
	const plain = plainToken(packToken(token));
	expect(plain).not.toBeInstanceOf(PackedToken);
	return plain;
}

describe('a packed token', () => {
	test('reads back every field exactly, and serialises as the plain token', () => {
		const token = makeToken({
			Name: 'Billing – EMEA 7',
			Description: 'Nightly export',
			State: 'Disabled',
			Legacy: true,
			CreatedAt: '2024-03-01T10:20:30.456Z',
			UpdatedAt: '2026-11-28T15:25:12.701Z',
			LastUsedAt: '2026-11-28T16:00:00.000Z',
			DeveloperEmails: ['dev@example.com'],
			ReadOnly: {AccountSid: 'IRro', AuthTokenHint: 'wxyz'},
			Version: 49,
		});
		expect(readBack(token)).toStrictEqual(token);
		expect(JSON.parse(JSON.stringify(packToken(token)))).toStrictEqual(token);
	});

	test('keeps times, SIDs and hints that fit no column as they were given', () => {
		const odd = [
			{CreatedAt: '2026-11-28T15:25:12Z', UpdatedAt: 'yesterday', LastUsedAt: ''},
			{CreatedAt: '2026-02-30T00:00:00.000Z', UpdatedAt: '2026-02-30T00:00:00.000Z', LastUsedAt: null},
			{CreatedAt: 'not a date at all, 24 ch', LastUsedAt: '2026-11-28t15:25:12.701Z'},
			{AccountSid: 'IR–wide', AuthTokenHint: '····'},
			{AccountSid: 'x'.repeat(300), AuthTokenHint: ''},
			{AccountSid: '', AuthTokenHint: 'é\u00ff\u0000!'},
			{Version: 1.5, Legacy: true, State: 'Enabled' as const},
		];
		for (const fields of odd) {
			const token = makeToken(fields);
			expect(readBack(token)).toStrictEqual(token);
		}
	});

	test('a token without a ReadOnly field reads back without it, and its refresh changes nothing', () => {
		const token = makeToken({ReadOnly: undefined as unknown as AccessToken['ReadOnly']});
		const packed = packToken(token);
		expect(packed.ReadOnly).toBeUndefined();
		expect(readBack(token)).toStrictEqual(token);
		expect(sameToken(packed, {...token})).toBe(true);
		expect(sameToken(packToken(makeToken({Id: token.Id, ReadOnly: null})), {...token})).toBe(false);
		// Against a copy that has the field, either way round: different, and no TypeError.
		const hint = {AccountSid: 'IRro', AuthTokenHint: 'wxyz'};
		expect(sameToken(packed, {...token, ReadOnly: hint})).toBe(false);
		expect(sameToken(packToken({...token, ReadOnly: hint}), {...token})).toBe(false);
	});

	test('any token reads back as it was packed', () => {
		const time = fc.oneof(
			fc
				.date({min: new Date(0), max: new Date('2100-01-01'), noInvalidDate: true})
				.map((date) => date.toISOString()),
			anyText(30),
		);
		fc.assert(
			fc.property(
				fc.record({
					Name: anyText(),
					Description: anyText(),
					ApiVersion: fc.constantFrom('13', '14', '16'),
					State: fc.constantFrom('Enabled' as const, 'Disabled' as const),
					Legacy: fc.boolean(),
					CreatedAt: time,
					UpdatedAt: time,
					LastUsedAt: fc.option(time),
					AccountSid: anyText(20),
					AuthTokenHint: anyText(4),
					Version: fc.oneof(fc.nat(), fc.double({noNaN: true})),
				}),
				(fields) => {
					const token = makeToken(fields);
					expect(readBack(token)).toStrictEqual(token);
				},
			),
		);
	});

	test('is its own row, with the times the filter and the sort compare as numbers', () => {
		const used = packToken(
			makeToken({CreatedAt: '2026-11-28T15:25:12.701Z', LastUsedAt: '2026-11-28T16:00:00.000Z'}),
		);
		expect(used.token).toBe(used);
		expect(used.createdAtMs).toBe(Date.parse('2026-11-28T15:25:12.701Z'));
		expect(used.lastUsedAtMs).toBe(Date.parse('2026-11-28T16:00:00.000Z'));

		const never = packToken(makeToken({CreatedAt: '2026-11-28T15:25:12Z', LastUsedAt: null}));
		expect(never.createdAtMs).toBe(Date.parse('2026-11-28T15:25:12Z'));
		expect(never.lastUsedAtMs).toBe(Number.NEGATIVE_INFINITY);

		const unreadable = packToken(makeToken({CreatedAt: 'soon', LastUsedAt: 'later'}));
		expect(unreadable.createdAtMs).toBeNaN();
		expect(unreadable.lastUsedAtMs).toBeNaN();
	});

	test('packing a packed token gives the same handle', () => {
		const packed = packToken(makeToken());
		expect(packToken(packed)).toBe(packed);
		const plain = makeToken();
		expect(plainToken(plain)).toBe(plain);
	});

	test('tokens spread over many chunks and profiles each read back their own fields', () => {
		// Past one chunk of 4,096 tokens, and past the 65,535 shared profiles (each contact is new).
		const tokens = Array.from({length: 70_000}, (_, index) =>
			makeToken({
				Id: `t${index}`,
				Description: `d${index}`,
				PrimaryContact: `U${index}`,
				Version: index,
				AuthTokenHint: String(index % 9999),
			}),
		);
		const packed = tokens.map((token) => packToken(token));
		for (const index of [0, 4095, 4096, 65_534, 65_535, 65_536, 69_999])
			expect(plainToken(packed[index]!)).toStrictEqual(tokens[index]);
	});

	test("lists too many to share stay the token's own, and read back", () => {
		// Lists are shared up to 32 per first entry: the rest are each token's own.
		const tokens = Array.from({length: 40}, (_, index) =>
			makeToken({Scopes: ['same.first', `scope.${index}`], DeveloperEmails: [`dev${index}@example.com`]}),
		);
		for (const token of tokens) expect(readBack(token)).toStrictEqual(token);
	});
});

describe('compacting the packed tokens', () => {
	/** Where a handle's fields live: private, read here to see that a handle moved. */
	const chunkOf = (token: AccessToken) => (token as unknown as {chunk: object}).chunk;

	test('moves the live tokens out of mostly-dead chunks, keeping each handle and its values', () => {
		// Four chunks' worth; three of each four tokens then change three times over, as refreshes do.
		// Each sort of field a chunk keeps beside its columns, among ordinary tokens.
		const unusual: Array<Partial<AccessToken>> = [
			{CreatedAt: '2026-11-28T15:25:12Z', UpdatedAt: 'yesterday', LastUsedAt: ''},
			{AccountSid: 'IR–wide', AuthTokenHint: '····'},
			{AccountSid: 'x'.repeat(300)},
			{ReadOnly: {AccountSid: 'IRro', AuthTokenHint: 'wxyz'}},
			{ReadOnly: undefined as unknown as AccessToken['ReadOnly']},
			{Scopes: ['compact.first', 'a'], DeveloperEmails: ['x@example.com']},
			{Description: 'Nightly export', Name: '広告レポート', LastUsedAt: '2026-11-28T16:00:00.000Z'},
		];
		const originals = Array.from({length: 4 * 4096}, (_, index) =>
			packToken(
				makeToken({Id: `c${index}`, Version: 1, ...(index % 3 ? {} : unusual[index % unusual.length])}),
			),
		);
		const changed = (version: number) =>
			originals.map((token, index) =>
				index % 4 === 0 ? token : packToken({...plainToken(token), Version: version}),
			);
		changed(2);
		changed(3);
		const rows = changed(4);
		const before = rows.map((token) => plainToken(token));
		const oldChunks = new Set(originals.filter((_, index) => index % 4 === 0).map((token) => chunkOf(token)));

		const moved = compactPacked(rows);

		expect(moved).toBeGreaterThanOrEqual(4096);
		// The same handles (the array is the caller's) read the same values from their new chunks.
		expect(rows.map((token) => plainToken(token))).toStrictEqual(before);

		expect(rows.filter((token) => oldChunks.has(chunkOf(token)))).toEqual([]);
		// The dead slots were counted anew: nothing is left worth moving.
		expect(compactPacked(rows)).toBe(0);
	});
});
