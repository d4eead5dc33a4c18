// The characters the patched string-width, ansi-tokenize and slice-ansi handle without
// Intl.Segmenter: BMP characters that are each a visible grapheme cluster of their own and never
// join a neighbour of the same kind (Latin, Greek, Cyrillic, punctuation, letterlike symbols,
// arrows, box drawing, CJK punctuation, kana, ideographs, Hangul syllables, fullwidth forms).
import fc from 'fast-check';

export const loneRanges: ReadonlyArray<readonly [number, number]> = [
	[0x20, 0x7e], [0xa0, 0xac], [0xae, 0x2ff], [0x370, 0x482], [0x48a, 0x52f], [0x2010, 0x2027],
	[0x2030, 0x205e], [0x2070, 0x20cf], [0x2100, 0x21ff], [0x2500, 0x25ff], [0x3000, 0x3029],
	[0x3030, 0x303f], [0x3041, 0x3096], [0x309b, 0x30ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff],
	[0xac00, 0xd7a3], [0xff01, 0xff60], [0xffe0, 0xffe6],
];

export const loneCharacters: readonly string[] = loneRanges.flatMap(([from, to]) =>
	Array.from({length: to - from + 1}, (_, index) => String.fromCharCode(from + index)),
);

/** Strings of up to 30 such characters. */
export const loneText = fc
	.array(fc.constantFrom(...loneCharacters), {maxLength: 30})
	.map((characters) => characters.join(''));
