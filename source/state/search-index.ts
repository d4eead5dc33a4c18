/**
 * A name search over a sorted list without visiting its rows: the folded names
 * joined into one string, searched with `indexOf`, and each hit mapped back to
 * its row by where the row's name starts. At 100,000 to 1,000,000 rows the
 * rows lie all over the heap, and reading each one's name was most of a
 * keystroke (600-800 ns a row, against a few for a scan of one string).
 */
import {Buffer} from 'node:buffer';
import {foldName} from '../domain/filters.js';
import type {TokenRow} from './types.js';

/** Between two names; a query holding it is answered the slow way. */
const separator = '\n';

type SearchIndex = {
	readonly text: string;
	/** Where row i's name starts in `text`; one more entry for the end. */
	readonly starts: Int32Array;
	/** How `text` spells characters above U+00FF, when it is one byte a character (see `narrowText`). */
	readonly alphabet?: Alphabet;
	readonly characters: CharacterMasks;
};

/**
 * Which rows' names hold each of the characters the names use most, a bit a
 * character: a one-character query (the first key of every search) hits most
 * rows, and finding each hit in the text made it the slowest key of a search.
 * Reading a number a row instead took the first key at 100,000 rows from ~27
 * to ~18 ms (4 bytes a row; ~0.2 s more to build the index at 1,000,000).
 */
type CharacterMasks = {
	/** Character code (as `text` spells it) → its bit. */
	readonly bits: ReadonlyMap<number, number>;
	/** Row → the bits of the characters its name holds. */
	readonly masks: Int32Array;
};

/**
 * A one-byte spelling of a text with a few wider characters: each is written
 * as a Latin-1 code that no name uses. Names such as "Billing sync – EMEA"
 * made the whole text two bytes a character for one dash each (~57 MB for the
 * generated 1,000,000, against ~29).
 */
type Alphabet = {
	/** Wider character code → the one-byte code that stands for it. */
	readonly wide: ReadonlyMap<number, number>;
	/** The one-byte codes given to wider characters: no name holds them as themselves. */
	readonly taken: Uint8Array;
};

/** One index per list, built at its first search and dropped with the list. */
const indexes = new WeakMap<readonly TokenRow[], SearchIndex>();

let built = 0;
let lastWay: 'characters' | 'text' = 'text';

/** How the latest search found its rows: by the rows' character bits, or in the text; for tests. */
export function lastSearchWay(): 'characters' | 'text' {
	return lastWay;
}

/** How many indexes were built from their rows (not carried over); for tests. */
export function indexesBuilt(): number {
	return built;
}

function indexOf(rows: readonly TokenRow[]): SearchIndex {
	let index = indexes.get(rows);
	if (!index) {
		index = build(rows);
		indexes.set(rows, index);
	}

	return index;
}

/**
 * Gives `to` the index of `from` when it holds the same names in the same
 * places: a token disabled, upgraded or reset is a new row in a new
 * list, but its name and place are unchanged. Called as a list is derived
 * from the one before; a pass of pointer comparisons (~2 ms at 1,000,000
 * rows) spares the next search a new index (~70 ms at 100,000, ~1 s at
 * 1,000,000).
 */
export function carryNameIndex(from: readonly TokenRow[], to: readonly TokenRow[]): void {
	const index = indexes.get(from);
	if (!index || from.length !== to.length || indexes.has(to)) return;
	for (let row = 0; row < to.length; row++) {
		if (to[row] !== from[row] && to[row]!.token.Name !== from[row]!.token.Name) return;
	}

	indexes.set(to, index);
}

function build(rows: readonly TokenRow[]): SearchIndex {
	built++;
	const names = new Array<string>(rows.length);
	for (let row = 0; row < rows.length; row++) names[row] = rows[row]!.token.Name;
	// Folded as one text: normalising and lower-casing a million names one by one took twice as long.
	// (Neither changes or moves the separator, nor folds a name differently beside it.)
	const text = foldName(names.join(separator));
	const starts = startsOf(text, rows.length);
	if (!starts) return foldedOneByOne(names);
	const alphabet = alphabetOf(text);
	const spelt = alphabet ? narrowText(text, alphabet) : text;
	return {text: spelt, starts, alphabet, characters: characterMasks(spelt, starts)};
}

/**
 * Where each name starts in the folded text, read off the separators;
 * undefined when there are more than one between each two names (a name held one).
 */
function startsOf(text: string, count: number): Int32Array | undefined {
	const starts = new Int32Array(count + 1);
	let at = 0;
	for (let row = 0; row < count; row++) {
		starts[row] = at;
		const end = text.indexOf(separator, at);
		if ((end === -1) !== (row === count - 1)) return undefined;
		at = end === -1 ? text.length + separator.length : end + separator.length;
	}

	starts[count] = at;
	return starts;
}

/** The index built name by name, for names that hold the separator. */
function foldedOneByOne(names: readonly string[]): SearchIndex {
	const folded = names.map((name) => foldName(name));
	const starts = new Int32Array(names.length + 1);
	let at = 0;
	for (const [row, name] of folded.entries()) {
		starts[row] = at;
		at += name.length + separator.length;
	}

	starts[names.length] = at;
	const text = folded.join(separator);
	return {text, starts, characters: characterMasks(text, starts)};
}

/** Characters counted to pick the common ones: enough to rank them (some 40,000 names). */
const sampledLength = 1 << 20;

/**
 * A bit for each of the (up to) 32 characters used most in `text`, and each
 * row's bits. A character left without one is still found, in the text.
 */
function characterMasks(text: string, starts: Int32Array): CharacterMasks {
	const counts = new Uint32Array(65_536);
	for (let index = 0; index < Math.min(text.length, sampledLength); index++) {
		const code = text.charCodeAt(index);
		counts[code] = counts[code]! + 1;
	}

	counts[separator.charCodeAt(0)] = 0;
	const common = [...counts.keys()]
		.filter((code) => counts[code]! > 0)
		.sort((a, b) => counts[b]! - counts[a]!)
		.slice(0, 32);
	const bitOf = new Int32Array(65_536);
	for (const [place, code] of common.entries()) bitOf[code] = 1 << place;
	const masks = new Int32Array(starts.length - 1);
	for (let row = 0; row < masks.length; row++) {
		let mask = 0;
		const end = starts[row + 1]! - separator.length;
		for (let index = starts[row]!; index < end; index++) mask |= bitOf[text.charCodeAt(index)]!;
		masks[row] = mask;
	}

	return {bits: new Map(common.map((code) => [code, bitOf[code]!])), masks};
}

/** Past this many distinct wider characters (a list of CJK names, say), the text stays two bytes a character. */
const maxWide = 64;

/** A one-byte code for each character above U+00FF in `text`, or undefined when there are too many. */
function alphabetOf(text: string): Alphabet | undefined {
	const used = new Uint8Array(256);
	const wide = new Map<number, number>();
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 256) used[code] = 1;
		else if (!wide.has(code)) {
			if (wide.size === maxWide) return undefined;
			wide.set(code, 0);
		}
	}

	const taken = new Uint8Array(256);
	let free = 0;
	for (const code of wide.keys()) {
		while (free < 256 && used[free]) free++;
		if (free === 256) return undefined;
		wide.set(code, free);
		taken[free] = 1;
		used[free] = 1;
	}

	return {wide, taken};
}

/** The text written one byte a character, its wider characters by their codes in the alphabet. */
function narrowText(text: string, {wide}: Alphabet): string {
	const bytes = Buffer.allocUnsafe(text.length);
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		bytes[index] = code < 256 ? code : wide.get(code)!;
	}

	return bytes.toString('latin1');
}

/** The query spelled as the index's text spells it; undefined when no name can hold it. */
function spelled(query: string, alphabet: Alphabet | undefined): string | undefined {
	if (!alphabet) return query;
	const codes = new Array<number>(query.length);
	for (let index = 0; index < query.length; index++) {
		const code = query.charCodeAt(index);
		const byte = code < 256 ? (alphabet.taken[code] ? undefined : code) : alphabet.wide.get(code);
		if (byte === undefined) return undefined;
		codes[index] = byte;
	}

	return String.fromCharCode(...codes);
}

/** Builds the index of `rows` ahead of the first keystroke of a search (see `prepareNameSearch`). */
export function indexNames(rows: readonly TokenRow[]): void {
	indexOf(rows);
}

/**
 * The row whose name holds `position`, at or after row `from` (hits come in
 * order): a look at the next few rows first, since a short query hits most
 * rows, then a binary search over the rest. (For a one-letter query at 95,000
 * rows, a binary search per hit was most of the keystroke.)
 */
function rowAt(starts: Int32Array, position: number, from: number): number {
	const last = starts.length - 2;
	let low = from;
	for (let step = 0; step < 4 && low < last; step++) {
		if (starts[low + 1]! > position) return low;
		low++;
	}

	let high = last;
	while (low < high) {
		const middle = (low + high + 1) >>> 1;
		if (starts[middle]! <= position) low = middle;
		else high = middle - 1;
	}

	return low;
}

/**
 * Row numbers of the latest search, reused from search to search: a one-letter
 * query hits most rows, and growing an array of rows hit by hit (or a second
 * one of numbers) was half the cost of such a keystroke. Sized to the most
 * rows searched (4 bytes each), so that the loops that fill it never grow it.
 */
let hits = new Int32Array(1024);

/**
 * The rows of `rows` whose folded name contains `query` (already folded and not
 * empty), in order; undefined when the query holds the separator and cannot be
 * answered from the index.
 */
export function rowsNamed(rows: readonly TokenRow[], query: string): TokenRow[] | undefined {
	lastWay = 'text';
	if (query.includes(separator)) return undefined;
	const {text, starts, alphabet, characters} = indexOf(rows);
	const needle = spelled(query, alphabet);
	if (needle === undefined) return [];
	const bit = needle.length === 1 ? characters.bits.get(needle.charCodeAt(0)) : undefined;
	if (bit !== undefined) lastWay = 'characters';
	if (hits.length < rows.length) hits = new Int32Array(rows.length);
	// Each loop is a function of its own that calls nothing once it is done: V8 optimises a long
	// loop while it runs, and code after it that had never run would throw that away at every key.
	const count = bit === undefined ? hitsInText(text, starts, needle) : hitsByBit(characters.masks, bit);
	return rowsAt(rows, count);
}

/** Numbers the rows whose names hold `needle`, found in the text, in `hits`; how many. */
function hitsInText(text: string, starts: Int32Array, needle: string): number {
	let count = 0;
	let row = 0;
	let position = text.indexOf(needle);
	while (position !== -1) {
		row = rowAt(starts, position, row);
		hits[count++] = row;
		position = text.indexOf(needle, starts[++row]);
	}

	return count;
}

/** Numbers the rows whose names hold the character of `bit`, read off their bits, in `hits`; how many. */
function hitsByBit(masks: Int32Array, bit: number): number {
	let count = 0;
	for (let row = 0; row < masks.length; row++) if ((masks[row]! & bit) !== 0) hits[count++] = row;
	return count;
}

/** The rows numbered by the first `count` hits, in an array made at its final size (one allocation, no growth slack). */
function rowsAt(rows: readonly TokenRow[], count: number): TokenRow[] {
	const found = new Array<TokenRow>(count);
	for (let index = 0; index < count; index++) found[index] = rows[hits[index]!]!;
	return found;
}

/** Words of real names, numbered: the warming queries hit these rows densely, sparsely, and not at all. */
function warmingRows(): TokenRow[] {
	const words = ['Billing sync', 'Shopify connector', 'Looker BI export', 'payouts', 'CRM bridge – EMEA'];
	// Only a row's name is read: a stand-in for a row that never reaches the list.
	return Array.from(
		{length: 3000},
		(_, index) => ({token: {Name: `${words[index % words.length]} ${index}`}}) as unknown as TokenRow,
	);
}

const warmingQueries = ['b', 'i', 'bi', 'bil', 'ing', 'ng s', 'sync 1', 'y', 'pay', '12', 'zz', '–'];

/**
 * Searches a small list of its own, over and over, so that V8 optimises the
 * search's loops before the operator's first search. Unoptimised, the first
 * keys of a session's first search over 100,000 rows spent ~6-7 ms finding
 * rows instead of ~1.5-3. Warming up over the real list once would not do:
 * V8 optimises a long loop while it runs, and drops that code at a later full
 * collection; what it optimises for calls that keep coming, it keeps. About
 * 60 ms: call it while the app is idle, after any settling collection.
 */
export function warmNameSearch(rounds = 24): void {
	const rows = warmingRows();
	for (let round = 0; round < rounds; round++) {
		for (const query of warmingQueries) rowsNamed(rows, foldName(query));
	}
}
