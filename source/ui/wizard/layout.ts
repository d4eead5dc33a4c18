/**
 * The form is drawn as a list of one-row lines, so it can always be cut to
 * the rows it has (the frame must stay shorter than the terminal) while the
 * focused line stays in view.
 */
import {useState, type ReactNode} from 'react';
import stringWidth from 'string-width';
import {scrollWindow} from '../../state/window.js';
import {inert} from '../text.js';
import {segmentGraphemes} from '../../domain/graphemes.js';

/** One row of the form. */
export type Line = {readonly key: string; readonly node: ReactNode};

/**
 * The first line to show so that `focus` is visible in `height` rows: the
 * token list's `scrollWindow`, with the previous top remembered between
 * renders (React's "state from the previous render" pattern). Only how the
 * view scrolls lives here; what is focused is the reducer's.
 */
export function useWindowTop(count: number, height: number, focus: number): number {
	const [top, setTop] = useState(0);
	const next = scrollWindow(top, Math.max(0, focus), height, count);
	if (next !== top) setTop(next);
	return next;
}

/** A text field cut to `width` columns around its cursor: the text before it, the character under it, the rest. */
export type FieldView = {readonly before: string; readonly at: string; readonly after: string};

/**
 * What of a one-line text field fits in `width` columns with the cursor in
 * view: the start scrolls off to the left when the cursor is past the edge.
 * Widths are display widths (CJK takes two columns); the text is made inert.
 */
export function fieldView(text: string, cursor: number, width: number): FieldView {
	const graphemes = [...segmentGraphemes(text)].map(({segment, index}) => ({
		text: inert(segment),
		index,
		width: stringWidth(inert(segment)),
	}));
	const atIndex = graphemes.findIndex((grapheme) => grapheme.index >= cursor);
	const cursorAt = atIndex < 0 ? graphemes.length : atIndex;
	const under = graphemes[cursorAt];
	const underWidth = under ? Math.max(1, under.width) : 1;
	// Leftwards from the cursor, as much as fits.
	let start = cursorAt;
	let used = underWidth;
	while (start > 0 && used + graphemes[start - 1]!.width <= width) {
		start--;
		used += graphemes[start]!.width;
	}

	let end = cursorAt + (under ? 1 : 0);
	while (end < graphemes.length && used + graphemes[end]!.width <= width) {
		used += graphemes[end]!.width;
		end++;
	}

	const join = (from: number, to: number) =>
		graphemes
			.slice(from, to)
			.map((grapheme) => grapheme.text)
			.join('');
	return {before: join(start, cursorAt), at: under ? under.text : ' ', after: join(cursorAt + 1, end)};
}
