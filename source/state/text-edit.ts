/**
 * Editing one line of text with a cursor, as the form's text fields do it.
 * Pure: the reducer applies each key to the value the previous key left, so
 * keys that arrive together (a paste, tmux, a slow link) are never lost.
 */
import {segmentGraphemes} from '../domain/graphemes.js';

/** A line of text and the cursor in it: a UTF-16 offset, always on a grapheme boundary. */
export type TextValue = {readonly text: string; readonly cursor: number};

export type TextEditKind =
	| 'backspace'
	| 'delete'
	| 'left'
	| 'right'
	| 'home'
	| 'end'
	/** Ctrl+U: everything before the cursor. */
	| 'clearBefore'
	/** Ctrl+K: everything after the cursor. */
	| 'clearAfter'
	/** Ctrl+W: the word before the cursor. */
	| 'deleteWord';

/** Offsets of every grapheme boundary, 0 and text.length included. */
function boundaries(text: string): number[] {
	const offsets = [...segmentGraphemes(text)].map((segment) => segment.index);
	offsets.push(text.length);
	return offsets;
}

function previousBoundary(text: string, cursor: number): number {
	const offsets = boundaries(text);
	let result = 0;
	for (const offset of offsets) if (offset < cursor) result = offset;
	return result;
}

function nextBoundary(text: string, cursor: number): number {
	return boundaries(text).find((offset) => offset > cursor) ?? text.length;
}

/** The cursor at the end of `text`. */
export function textAtEnd(text: string): TextValue {
	return {text, cursor: text.length};
}

/** Puts the cursor back inside the text, on a boundary (after the text changed underneath it). */
export function clampCursor(value: TextValue): TextValue {
	const cursor = Math.max(0, Math.min(value.cursor, value.text.length));
	if (boundaries(value.text).includes(cursor)) return cursor === value.cursor ? value : {...value, cursor};
	return {...value, cursor: previousBoundary(value.text, cursor)};
}

/**
 * Inserts typed or pasted text at the cursor. Line breaks and tabs become
 * spaces (a field is one line); other control characters are dropped, so
 * nothing typed can reach the terminal as a command.
 */
export function insertText(value: TextValue, typed: string): TextValue {
	const clean = typed.replaceAll(/[\t\r\n]/gu, ' ').replaceAll(/[\u0000-\u001F\u007F-\u009F]/gu, '');
	if (clean === '') return value;
	const {text, cursor} = clampCursor(value);
	return {text: text.slice(0, cursor) + clean + text.slice(cursor), cursor: cursor + clean.length};
}

export function editText(value: TextValue, edit: TextEditKind): TextValue {
	const {text, cursor} = clampCursor(value);
	switch (edit) {
		case 'backspace': {
			if (cursor === 0) return value;
			const from = previousBoundary(text, cursor);
			return {text: text.slice(0, from) + text.slice(cursor), cursor: from};
		}

		case 'delete': {
			if (cursor === text.length) return value;
			return {text: text.slice(0, cursor) + text.slice(nextBoundary(text, cursor)), cursor};
		}

		case 'left': {
			return {text, cursor: previousBoundary(text, cursor)};
		}

		case 'right': {
			return {text, cursor: nextBoundary(text, cursor)};
		}

		case 'home': {
			return {text, cursor: 0};
		}

		case 'end': {
			return {text, cursor: text.length};
		}

		case 'clearBefore': {
			return {text: text.slice(cursor), cursor: 0};
		}

		case 'clearAfter': {
			return {text: text.slice(0, cursor), cursor};
		}

		case 'deleteWord': {
			const before = text.slice(0, cursor);
			const from = before.replace(/\S+\s*$|\s+$/u, '').length;
			return {text: text.slice(0, from) + text.slice(cursor), cursor: from};
		}
	}
}
