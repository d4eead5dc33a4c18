import stringWidth from 'string-width';
import {segmentGraphemes} from '../domain/graphemes.js';

/**
 * Makes text from other people inert for the terminal: escape sequences, C0/C1
 * controls, bidi overrides and zero-width characters are replaced by visible
 * stand-ins, so a token name can neither move the cursor nor change the title,
 * the clipboard or the direction of the rest of the line. That includes the
 * invisible characters (a soft hyphen, Hangul fillers, Arabic number signs)
 * that string-width counts as no column while Ink's output gives each a cell:
 * a row holding one came out a column wider than its box.
 */
export function inert(text: string): string {
	return text.replace(
		/[\u0000-\u001F\u007F-\u009F\u00AD\u0600-\u0605\u061C\u06DD\u070F\u0890\u0891\u08E2\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF0-\uFFFB]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu,
		'\uFFFD',
	);
}

/** The number of terminal columns a string takes (CJK counts two). */
export function displayWidth(text: string): number {
	return stringWidth(text);
}

/** Cuts text to at most `width` columns by display width, ending in an ellipsis when cut. */
export function truncate(text: string, width: number): string {
	if (width <= 0) return '';
	if (stringWidth(text) <= width) return text;
	let result = '';
	let used = 0;
	for (const {segment} of segmentGraphemes(text)) {
		const segmentWidth = stringWidth(segment);
		if (used + segmentWidth > width - 1) break;
		result += segment;
		used += segmentWidth;
	}

	return result + '…';
}

/** Pads (or truncates) text to exactly `width` columns. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	const cut = truncate(text, width);
	const padding = ' '.repeat(Math.max(0, width - stringWidth(cut)));
	return align === 'left' ? cut + padding : padding + cut;
}
