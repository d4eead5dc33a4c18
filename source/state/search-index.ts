/**
 * A name search over a sorted list without visiting its rows: the folded names
 * joined into one string, searched with `indexOf`, and each hit mapped back to
 * its row by where the row's name starts. At 100,000 to 1,000,000 rows the
 * rows lie all over the heap, and reading each one's name was most of a
 * keystroke (600-800 ns a row, against a few for a scan of one string).
 */
import type {TokenRow} from './types.js';

/** Between two names; a query holding it is answered the slow way. */
const separator = '\n';

type SearchIndex = {
	readonly text: string;
	/** Where row i's name starts in `text`; one more entry for the end. */
	readonly starts: Int32Array;
};

/** One index per list, built at its first search and dropped with the list. */
const indexes = new WeakMap<readonly TokenRow[], SearchIndex>();

function indexOf(rows: readonly TokenRow[]): SearchIndex {
	let index = indexes.get(rows);
	if (index) return index;
	const names = new Array<string>(rows.length);
	const starts = new Int32Array(rows.length + 1);
	let at = 0;
	for (let row = 0; row < rows.length; row++) {
		const name = rows[row]!.folded;
		names[row] = name;
		starts[row] = at;
		at += name.length + separator.length;
	}

	starts[rows.length] = at;
	index = {text: names.join(separator), starts};
	indexes.set(rows, index);
	return index;
}

/** Builds the index of `rows` ahead of the first keystroke of a search (see `prepareNameSearch`). */
export function indexNames(rows: readonly TokenRow[]): void {
	indexOf(rows);
}

/** The last row whose name starts at or before `position`. */
function rowAt(starts: Int32Array, position: number): number {
	let low = 0;
	let high = starts.length - 2;
	while (low < high) {
		const middle = (low + high + 1) >>> 1;
		if (starts[middle]! <= position) low = middle;
		else high = middle - 1;
	}

	return low;
}

/**
 * The rows of `rows` whose folded name contains `query` (already folded and not
 * empty), in order; undefined when the query holds the separator and cannot be
 * answered from the index.
 */
export function rowsNamed(rows: readonly TokenRow[], query: string): TokenRow[] | undefined {
	if (query.includes(separator)) return undefined;
	const {text, starts} = indexOf(rows);
	const found: TokenRow[] = [];
	let position = text.indexOf(query);
	while (position !== -1) {
		const row = rowAt(starts, position);
		found.push(rows[row]!);
		position = text.indexOf(query, starts[row + 1]);
	}

	return found;
}
