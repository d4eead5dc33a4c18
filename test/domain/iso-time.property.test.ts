import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {canonicalIsoMs} from '../../source/domain/iso-time.js';

/** What canonicalIsoMs must agree with: Date's own reading, kept only when it writes the text back. */
function byDate(text: string): number {
	const ms = Date.parse(text);
	return Number.isFinite(ms) && new Date(ms).toISOString() === text ? ms : Number.NaN;
}

const anyIsoMs = fc.integer({
	min: Date.parse('0000-01-01T00:00:00.000Z'),
	max: Date.parse('9999-12-31T23:59:59.999Z'),
});

describe('canonicalIsoMs', () => {
	test('reads back the ms of whatever toISOString writes, from year 0 to 9999', () => {
		fc.assert(
			fc.property(anyIsoMs, (ms) => {
				expect(canonicalIsoMs(new Date(ms).toISOString())).toBe(ms);
			}),
			{numRuns: 2000},
		);
		for (const text of ['1970-01-01T00:00:00.000Z', '2000-02-29T12:00:00.000Z', '0000-03-01T00:00:00.000Z'])
			expect(canonicalIsoMs(text)).toBe(Date.parse(text));
	});

	test('agrees with Date on texts one character away from a canonical time', () => {
		const alphabet = '0123456789-T:.Z tz+/';
		fc.assert(
			fc.property(anyIsoMs, fc.nat(23), fc.integer({min: 0, max: alphabet.length - 1}), (ms, at, pick) => {
				const iso = new Date(ms).toISOString();
				const text = iso.slice(0, at) + alphabet[pick] + iso.slice(at + 1);
				expect(canonicalIsoMs(text)).toBe(byDate(text));
			}),
			{numRuns: 5000},
		);
	});

	test('refuses what Date would read into another day or form', () => {
		for (const text of [
			'2026-02-29T00:00:00.000Z', // not a leap year: Date.parse rolls it over to March 1
			'2026-02-30T00:00:00.000Z',
			'2026-04-31T00:00:00.000Z',
			'2026-11-28T24:00:00.000Z',
			'2026-11-28T15:25:12Z',
			'2026-11-28T15:25:12.701+00:00',
			'2026-11-28t15:25:12.701Z',
			'2026-11-28T15:25:60.000Z',
			'+02026-11-28T15:25:12.701Z',
			'',
		]) {
			expect(canonicalIsoMs(text)).toBeNaN();
			expect(byDate(text)).toBeNaN();
		}
	});
});
