// patches/@alcalzone+ansi-tokenize+0.2.5.patch speeds up how Ink draws a changed line: ASCII (and
// the other characters of ./lone-characters.ts) is split into characters without Intl.Segmenter, the characters between two codes share one styles
// array, and turning them back into text skips the diff between two that share it. Each must give
// exactly what the unpatched library gave: the clusters the segmenter finds, and the string that
// diffing every pair of neighbours makes.
import {
	ansiCodesToString,
	diffAnsiCodes,
	styledCharsFromTokens,
	styledCharsToString,
	tokenize,
} from '@alcalzone/ansi-tokenize';
import fc from 'fast-check';
import {describe, expect, it, vi} from 'vitest';
import {loneCharacters} from './lone-characters.js';

type StyledChar = ReturnType<typeof styledCharsFromTokens>[number];

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const bySegmenter = (text: string) => [...segmenter.segment(text)].map(({segment}) => segment);
const charsOf = (text: string) => tokenize(text).flatMap((token) => (token.type === 'char' ? [token.value] : []));

/** styledCharsToString as published: a diff between every two neighbours. */
function diffingEveryPair(chars: StyledChar[]): string {
	let text = '';
	for (const [index, char] of chars.entries()) {
		text += ansiCodesToString(index === 0 ? char.styles : diffAnsiCodes(chars[index - 1]!.styles, char.styles));
		text += char.value;
		if (index === chars.length - 1) text += ansiCodesToString(diffAnsiCodes(char.styles, []));
	}

	return text;
}

// Characters that join others into one cluster, or are joined: combining marks, CR LF, joiners,
// emoji and their modifiers, flags, Hangul jamo, a prepended mark, a spacing mark, wide CJK.
const tricky = [
	'a', 'e', 'Z', '1', '#', ' ', '-', '\r', '\n', '\t', '\u0301', '\u0308', '\u200D', '\uFE0F', '\u20E3',
	'\u{1F469}', '\u{1F4BB}', '\u{1F3FD}', '\u{1F1EF}', '\u{1F1F5}', '\u1100', '\u1161', '\u11A8', '\u0600',
	'\u0903', '\u0915', '広', '–', '›', '…', 'é', '·', 'Ω', 'Ж', '→', '↔', '│', 'ア', '한', '！', '\u1160', '\uFF9E',
	'\u3099',
];
const sgr = ['\u001B[1m', '\u001B[22m', '\u001B[31m', '\u001B[39m', '\u001B[7m', '\u001B[27m', '\u001B[4;32m', '\u001B[0m'];

describe('ansi-tokenize patch', () => {
	it('splits ASCII and the other lone characters without the segmenter, and anything else with it', () => {
		const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
		try {
			expect(charsOf('\u001B[7mbilling sync 9\u001B[27m')).toEqual([...'billing sync 9']);
			expect(charsOf('› 広告 – ア · x')).toEqual([...'› 広告 – ア · x']);
			expect(segment).not.toHaveBeenCalled();
			expect(charsOf('ae\u0301 – x')).toEqual(['a', 'e\u0301', ' ', '–', ' ', 'x']);
			expect(segment).toHaveBeenCalled();
		} finally {
			segment.mockRestore();
		}
	});

	it('splits every lone character from its neighbours as the segmenter does', () => {
		const differing = loneCharacters.filter((character) => {
			const text = `${character}${character}a${character}-\u0301${character}`;
			return JSON.stringify(charsOf(text)) !== JSON.stringify(bySegmenter(text));
		});
		expect(differing).toEqual([]);
		expect(loneCharacters.length).toBeGreaterThan(40_000);
	});

	it('finds the clusters the segmenter finds, in any mix of ASCII and joining characters', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...tricky), {maxLength: 16}), (characters) => {
				const text = characters.join('');
				expect(charsOf(text)).toEqual(bySegmenter(text));
			}),
			{numRuns: 2000},
		);
	});

	it('gives the characters between two codes one styles array', () => {
		const chars = styledCharsFromTokens(tokenize('\u001B[31mred\u001B[39m plain'));
		expect(chars.map((char) => char.value).join('')).toBe('red plain');
		expect(chars[0]!.styles).toBe(chars[2]!.styles);
		expect(chars[3]!.styles).toBe(chars[8]!.styles);
		expect(chars[0]!.styles).not.toBe(chars[3]!.styles);
	});

	it('writes styled text back as diffing every pair of neighbours would', () => {
		fc.assert(
			fc.property(fc.array(fc.oneof(fc.constantFrom(...sgr), fc.constantFrom(...tricky)), {maxLength: 24}), (parts) => {
				const chars = styledCharsFromTokens(tokenize(parts.join('')));
				expect(styledCharsToString(chars)).toBe(diffingEveryPair(chars));
			}),
			{numRuns: 1000},
		);
	});
});
