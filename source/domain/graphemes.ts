/**
 * A text's grapheme clusters (what a user sees as one character). The
 * segmenter is made at first use: a process's first Intl.Segmenter loads
 * ICU's break data (~20 ms on a 2-core machine), which nothing on the first
 * frame needs.
 */
let segmenter: Intl.Segmenter | undefined;

/** The grapheme clusters of `text`, with the index each starts at. */
export function segmentGraphemes(text: string): Intl.Segments {
	segmenter ??= new Intl.Segmenter('en', {granularity: 'grapheme'});
	return segmenter.segment(text);
}
