// patches/string-width+8.3.0.patch adds a fast path for text whose characters are each their own
// visible cluster (Latin, punctuation, box drawing, kana, CJK…). It must give exactly the width the
// segmenter path gives. That path is still there for anything else: appending an emoji (width 2)
// sends a string down it, so `stringWidth(text + emoji) - 2` is the unpatched answer.
import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it, vi} from 'vitest';
import {loneCharacters, loneText} from './lone-characters.js';

const emoji = '\u{1F600}';
const bySegments = (text: string, options?: {ambiguousIsNarrow: boolean}) => stringWidth(text + emoji, options) - 2;

describe('string-width patch', () => {
	it('measures such text without segmenting it, and anything else by segments as before', () => {
		const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
		try {
			expect(stringWidth('› 結算同步 – 広告 · ━━ …')).toBe(24);
			expect(segment).not.toHaveBeenCalled();
			expect(stringWidth(`ok ${emoji}`)).toBe(5);
			expect(segment).toHaveBeenCalled();
		} finally {
			segment.mockRestore();
		}
	});

	it('gives every character of the fast path the width the segmenter path gives, narrow or wide ambiguous', () => {
		const differing = loneCharacters.filter(
			(character) =>
				stringWidth(character) !== bySegments(character) ||
				stringWidth(character, {ambiguousIsNarrow: false}) !== bySegments(character, {ambiguousIsNarrow: false}),
		);
		expect(differing).toEqual([]);
		expect(loneCharacters.length).toBeGreaterThan(40_000);
	});

	it('gives strings of them the same width too', () => {
		fc.assert(
			fc.property(loneText, (text) => {
				expect(stringWidth(text)).toBe(bySegments(text));
			}),
			{numRuns: 500},
		);
	});

	it('leaves combining marks, joiners, controls and emoji to the segmenter path', () => {
		expect(stringWidth('e\u0301')).toBe(1);
		expect(stringWidth('a\u200Bb')).toBe(2);
		expect(stringWidth('\u{1F469}\u200D\u{1F4BB}')).toBe(2);
		expect(stringWidth('ｶﾞ')).toBe(2);
		expect(stringWidth('› 結算同步 · 5 h ago …')).toBe(22);
	});
});
