/**
 * A text's grapheme clusters (what a user sees as one character). The
 * segmenter is made at first use: a process's first Intl.Segmenter loads
 * ICU's break data (~20 ms on a 2-core machine), which nothing on the first
 * frame needs, nor the first rows when their names are plain text.
 */
let segmenter: Intl.Segmenter | undefined;

/**
 * Text whose characters are each a cluster of their own: BMP characters that
 * never join a neighbour (no combining or spacing marks, joiners, variation
 * selectors, jamo, prepend, controls or regional indicators). The same set as
 * the patched string-width, slice-ansi and ansi-tokenize take without a
 * segmenter (test/patches/lone-characters.ts).
 */
const loneCharacters =
	/^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u0370-\u0482\u048A-\u052F\u2010-\u2027\u2030-\u205E\u2070-\u20CF\u2100-\u21FF\u2500-\u25FF\u3000-\u3029\u3030-\u303F\u3041-\u3096\u309B-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7A3\uFF01-\uFF60\uFFE0-\uFFE6]*$/u;

export type Grapheme = {readonly segment: string; readonly index: number};

/** The grapheme clusters of `text`, with the index each starts at. */
export function segmentGraphemes(text: string): Iterable<Grapheme> {
	if (loneCharacters.test(text)) return characters(text);
	segmenter ??= new Intl.Segmenter('en', {granularity: 'grapheme'});
	return segmenter.segment(text);
}

function* characters(text: string): Generator<Grapheme> {
	for (let index = 0; index < text.length; index++) yield {segment: text[index]!, index};
}
