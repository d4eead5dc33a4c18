/** fast-check generators shared by the property tests: hostile text above all. */
import fc from 'fast-check';

/** Characters that break terminals, parsers and naive length checks. */
export const nastyCharacters = [
	'\u0000',
	'\u0007',
	'\u001B',
	'\u007F',
	'\u0085',
	'\u009B',
	'\u202E',
	'\u2066',
	'\u200B',
	'\uFEFF',
	'\uD800',
	'\uDFFF',
	'\n',
	'\r',
	'\t',
	'%',
	'"',
	'\\',
	'/',
	'..',
	'😀',
	'東',
	'Ａ',
	'ﬁ',
	'İ',
	'ß',
];

/** Any string at all: every code point (astral, lone surrogates), mixed with the nasty ones. */
export const anyText = (maxLength = 40) =>
	fc.string({
		unit: fc.oneof(
			{weight: 3, arbitrary: fc.string({unit: 'binary', minLength: 1, maxLength: 1})},
			{weight: 1, arbitrary: fc.constantFrom(...nastyCharacters)},
		),
		maxLength,
	});

/** C0, DEL, C1 and the bidi controls the validation refuses in names. */
export const controlCharacter = fc
	.oneof(
		fc.integer({min: 0, max: 0x1f}),
		fc.integer({min: 0x7f, max: 0x9f}),
		fc.integer({min: 0x202a, max: 0x202e}),
		fc.integer({min: 0x2066, max: 0x2069}),
	)
	.map((code) => String.fromCodePoint(code));

/** Printable text with no control character: letters of several scripts, digits, punctuation, emoji. */
export const printable = (minLength: number, maxLength: number) =>
	fc.string({
		unit: fc.oneof(
			fc.constantFrom(...'abcXYZ019 -_.()&/#@'.split('')),
			fc.constantFrom('é', 'ß', '東', '京', '광', '😀', '𝄞', 'Ａ', 'ﬁ'),
		),
		minLength,
		maxLength,
	});

/** Length in characters (code points), as the validation counts. */
export const characters = (text: string) => [...text].length;
