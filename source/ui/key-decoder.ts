import type {KeyPress} from './keymap.js';

export type DecodedKey = {input: string; key: KeyPress};

const escape = '\u001B';

/** The escape sequences terminals send for the keys the app uses (xterm, tmux, screen, VT100). */
const sequences: Record<string, KeyPress> = {
	'[A': {upArrow: true},
	OA: {upArrow: true},
	'[B': {downArrow: true},
	OB: {downArrow: true},
	'[C': {rightArrow: true},
	OC: {rightArrow: true},
	'[D': {leftArrow: true},
	OD: {leftArrow: true},
	'[5~': {pageUp: true},
	'[6~': {pageDown: true},
	'[H': {home: true},
	OH: {home: true},
	'[1~': {home: true},
	'[7~': {home: true},
	'[F': {end: true},
	OF: {end: true},
	'[4~': {end: true},
	'[8~': {end: true},
	'[3~': {delete: true},
	'[Z': {tab: true, shift: true},
};

/**
 * Decodes one input event as Ink's input parser splits them (an escape
 * sequence, or a run of text) into key presses. Unlike Ink's own key object,
 * an Escape that arrived glued to the next key ("\x1b/" when Esc and / are
 * typed within one read, as happens over a slow SSH link) stays an Escape
 * followed by that key, instead of an Alt chord this app has no use for.
 */
export function decodeKeys(data: string): DecodedKey[] {
	if (data.startsWith(escape)) {
		if (data === escape || data === escape + escape) return [{input: '', key: {escape: true}}];
		const known = sequences[data.slice(1)];
		if (known) return [{input: '', key: known}];
		// An Escape followed by text: Escape, then each character.
		if (!data.startsWith(escape + '[') && !data.startsWith(escape + 'O')) {
			return [{input: '', key: {escape: true}}, ...decodeKeys(data.slice(1))];
		}

		return [];
	}

	return [...data].map((character) => keyOf(character));
}

/** The key a single character stands for. */
export function keyOf(character: string): DecodedKey {
	const code = character.codePointAt(0) ?? 0;
	if (character === '\r' || character === '\n') return {input: '', key: {return: true}};
	if (character === '\t') return {input: '', key: {tab: true}};
	if (code === 0x7f || code === 0x08) return {input: '', key: {backspace: true}};
	if (code === 0x1b) return {input: '', key: {escape: true}};
	// Ctrl+A … Ctrl+Z arrive as 0x01 … 0x1a.
	if (code > 0 && code < 0x1b) return {input: String.fromCodePoint(code + 96), key: {ctrl: true}};
	if (code < 0x20 || (code >= 0x80 && code < 0xa0)) return {input: '', key: {}};
	return {input: character, key: {}};
}
