// patches/string-width+8.3.0.patch adds a fast path for text whose characters are each their own
// visible cluster (Latin, punctuation, box drawing, kana, CJK…). It must give exactly the width the
// segmenter path gives. That path is still there for anything else: appending an emoji (width 2)
// sends a string down it, so `stringWidth(text + emoji) - 2` is the unpatched answer.
import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it, vi} from 'vitest';

const emoji = '\u{1F600}';
const bySegments = (text: string, options?: {ambiguousIsNarrow: boolean}) => stringWidth(text + emoji, options) - 2;

const fastRanges: Array<[number, number]> = [
	[0x20, 0x7e], [0xa0, 0xac], [0xae, 0x2ff], [0x370, 0x482], [0x48a, 0x52f], [0x2010, 0x2027],
	[0x2030, 0x205e], [0x2070, 0x20cf], [0x2100, 0x21ff], [0x2500, 0x25ff], [0x3000, 0x3029],
	[0x3030, 0x303f], [0x3041, 0x3096], [0x309b, 0x30ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff],
	[0xac00, 0xd7a3], [0xff01, 0xff60], [0xffe0, 0xffe6],
];
const fastCharacters = fastRanges.flatMap(([from, to]) =>
	Array.from({length: to - from + 1}, (_, index) => String.fromCharCode(from + index)),
);

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
		const differing = fastCharacters.filter(
			(character) =>
				stringWidth(character) !== bySegments(character) ||
				stringWidth(character, {ambiguousIsNarrow: false}) !== bySegments(character, {ambiguousIsNarrow: false}),
		);
		expect(differing).toEqual([]);
		expect(fastCharacters.length).toBeGreaterThan(40_000);
	});

	it('gives strings of them the same width too', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...fastCharacters), {maxLength: 30}), (characters) => {
				const text = characters.join('');
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
