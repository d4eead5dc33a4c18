// patches/slice-ansi+8.0.0.patch lets Ink clip a line without Intl.Segmenter when its characters
// are each a cluster of their own (ASCII, Latin, punctuation, box drawing, kana, CJK…): the first
// segmenter loads ICU's break data, ~20 ms of the first frame. The patched library must cut every
// line exactly where the library without the fast path cuts it. That library is the same file with
// the fast path taken out, loaded beside it.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import fc from 'fast-check';
import sliceAnsi from 'slice-ansi';
import {describe, expect, it, vi} from 'vitest';

type SliceAnsi = typeof sliceAnsi;

const require = createRequire(import.meta.url);
const libraryDir = join(require.resolve('slice-ansi'), '..');

/** The patched files with the fast path's two shortcuts turned off: the library's own behaviour. */
async function withoutFastPath(): Promise<SliceAnsi> {
	const dir = mkdtempSync(join(tmpdir(), 'slice-ansi-'));
	const tokenizer = readFileSync(join(libraryDir, 'tokenize-ansi.js'), 'utf8');
	const shortcuts = ['if (isLoneCharacter(string, index)) {', 'if (isLoneKind(leftValue.charCodeAt('];
	for (const shortcut of shortcuts) expect(tokenizer).toContain(shortcut);
	const plain = tokenizer
		.replace(shortcuts[0]!, 'if (false) {')
		.replace(shortcuts[1]!, 'if (false && isLoneKind(leftValue.charCodeAt(')
		.replace("from 'ansi-styles'", `from '${pathToFileURL(require.resolve('ansi-styles')).href}'`)
		.replace(
			"from 'is-fullwidth-code-point'",
			`from '${pathToFileURL(require.resolve('is-fullwidth-code-point')).href}'`,
		);
	writeFileSync(join(dir, 'tokenize-ansi.js'), plain);
	writeFileSync(join(dir, 'index.js'), readFileSync(join(libraryDir, 'index.js'), 'utf8'));
	writeFileSync(join(dir, 'package.json'), '{"type": "module"}');
	const module = (await import(pathToFileURL(join(dir, 'index.js')).href)) as {default: SliceAnsi};
	return module.default;
}

// Characters of the fast path, and those around which it must step aside: combining marks, CR LF,
// joiners, emoji and their modifiers, flags, Hangul jamo, a prepended mark, a spacing mark, a
// halfwidth voiced mark, an arrow that is also an emoji.
const characters = [
	'a', 'Z', '1', ' ', '-', '\r', '\n', '\t', '›', '–', '…', '·', 'é', 'Ω', 'Ж', '→', '↔', '│', '━', '広',
	'ア', '한', '！', '\u0301', '\u200D', '\uFE0F', '\u20E3', '\u{1F469}', '\u{1F3FD}', '\u{1F1EF}', '\u{1F1F5}',
	'\u1100', '\u1161', '\u11A8', '\u0600', '\u0903', '\u0915', '\uFF9E', '\u3099',
];
const sgr = ['\u001B[1m', '\u001B[22m', '\u001B[31m', '\u001B[39m', '\u001B[7m', '\u001B[27m', '\u001B[0m'];

describe('slice-ansi patch', () => {
	it('clips a line of such characters without segmenting it', () => {
		const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
		try {
			expect(sliceAnsi('\u001B[7m› billing – 広告 · x\u001B[27m', 2, 15)).toBe('\u001B[7mbilling – 広告\u001B[27m');
			expect(segment).not.toHaveBeenCalled();
			expect(sliceAnsi('ae\u0301b', 1, 2)).toBe('ae\u0301'.slice(1));
			expect(segment).toHaveBeenCalled();
		} finally {
			segment.mockRestore();
		}
	});

	it('cuts any mix of characters and styles where the library without the fast path cuts it', async () => {
		const plain = await withoutFastPath();
		fc.assert(
			fc.property(
				fc.array(fc.oneof(fc.constantFrom(...characters), fc.constantFrom(...characters), fc.constantFrom(...sgr)), {
					maxLength: 20,
				}),
				fc.nat(24),
				fc.nat(24),
				(parts, from, length) => {
					const line = parts.join('');
					expect(sliceAnsi(line, from, from + length)).toBe(plain(line, from, from + length));
					expect(sliceAnsi(line, from)).toBe(plain(line, from));
				},
			),
			{numRuns: 3000},
		);
	});
});
