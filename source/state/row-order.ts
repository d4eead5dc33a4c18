/**
 * Sorted row lists kept sorted through changes: the domain's comparators
 * lifted to rows, binary search, and applying a change (removed and added
 * rows) to a sorted list without sorting it again.
 */
import {compareNames, compareStates, type SortKey} from '../domain/sort.js';
import type {TokenRow} from './types.js';

export type RowComparator = (a: TokenRow, b: TokenRow) => number;

/**
 * Rows compare their times as numbers (`createdAtMs`, `lastUsedAtMs`), where
 * the domain compares ISO strings: a packed token would build a string per
 * comparison. For the canonical form servers send the orders are the same; an
 * unparseable time sorts as the oldest (the domain's string order would put
 * it wherever its characters fall).
 */
function byCreated(a: TokenRow, b: TokenRow): number {
	return compareDesc(orOldest(a.createdAtMs), orOldest(b.createdAtMs)) || compareIds(a.token, b.token);
}

function orOldest(ms: number): number {
	return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

function compareDesc(a: number, b: number): number {
	return a < b ? 1 : a > b ? -1 : 0;
}

function compareIds(a: {Id: string}, b: {Id: string}): number {
	return a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0;
}

const rowComparators: Record<SortKey, RowComparator> = {
	created: byCreated,
	name: (a, b) => compareNames(a.token.Name, b.token.Name) || byCreated(a, b),
	// Never used (-Infinity) sorts last.
	lastUsed: (a, b) => compareDesc(orOldest(a.lastUsedAtMs), orOldest(b.lastUsedAtMs)) || byCreated(a, b),
	state: (a, b) => compareStates(a.token.State, b.token.State) || byCreated(a, b),
};

/** The domain's `tokenComparator` order for rows; one function per key, so it can serve as a cache key. */
export function rowComparator(key: SortKey): RowComparator {
	return rowComparators[key];
}

/** The first index at which `row` could be inserted keeping `sorted` sorted. */
export function lowerBound(sorted: readonly TokenRow[], row: TokenRow, compare: RowComparator): number {
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (compare(sorted[middle]!, row) < 0) low = middle + 1;
		else high = middle;
	}

	return low;
}

/**
 * The index of this very row object in a sorted list, or -1. The comparators
 * are total orders (ties broken by Id), so a binary search lands on it; `hint`
 * is checked first because the cursor usually has not moved.
 */
export function indexOfRow(
	sorted: readonly TokenRow[],
	row: TokenRow,
	compare: RowComparator,
	hint = -1,
): number {
	if (sorted[hint] === row) return hint;
	const index = lowerBound(sorted, row, compare);
	return sorted[index] === row ? index : -1;
}

/** Below this many changes, splicing at binary-searched positions beats a merge pass. */
const fewChanges = 32;

/**
 * A new sorted list: `sorted` without `removed`, with `added` in place.
 * Removed rows that are not in the list are ignored. Never mutates `sorted`.
 * O(k log n + n) instead of O(n log n) for a sort.
 */
export function applySortedChange(
	sorted: readonly TokenRow[],
	removed: readonly TokenRow[],
	added: readonly TokenRow[],
	compare: RowComparator,
): readonly TokenRow[] {
	if (removed.length === 0 && added.length === 0) return sorted;
	if (removed.length + added.length <= fewChanges) {
		const next = sorted.slice();
		for (const row of removed) {
			const index = indexOfRow(next, row, compare);
			if (index !== -1) next.splice(index, 1);
		}

		for (const row of added) next.splice(lowerBound(next, row, compare), 0, row);
		return next;
	}

	let kept = sorted;
	if (removed.length > 0) {
		const gone = new Set(removed);
		kept = sorted.filter((row) => !gone.has(row));
	}

	return mergeSorted(kept, added.slice().sort(compare), compare);
}

/**
 * Merges two sorted lists; on ties the left one's rows come first. When the
 * right list is much shorter (a page arriving into 100,000 rows) each of its
 * rows is placed by binary search and the runs between are copied without
 * comparing: O(k log n) comparisons instead of O(n + k).
 */
export function mergeSorted(
	left: readonly TokenRow[],
	right: readonly TokenRow[],
	compare: RowComparator,
): readonly TokenRow[] {
	if (right.length === 0) return left.slice();
	if (left.length === 0) return right.slice();
	// Preallocated: pushing into a growing array of 100,000 costs twice as much here.
	const merged = new Array<TokenRow>(left.length + right.length);
	let out = 0;
	let l = 0;
	if (right.length * Math.log2(left.length) < left.length) {
		for (const row of right) {
			// Past every equal left row: ties keep the left list's rows first.
			const at = upperBound(left, row, compare, l);
			while (l < at) merged[out++] = left[l++]!;
			merged[out++] = row;
		}
	} else {
		let r = 0;
		while (l < left.length && r < right.length) {
			merged[out++] = compare(right[r]!, left[l]!) < 0 ? right[r++]! : left[l++]!;
		}

		while (r < right.length) merged[out++] = right[r++]!;
	}

	while (l < left.length) merged[out++] = left[l++]!;
	return merged;
}

/** The first index at or after `from` whose row sorts after `row`. */
function upperBound(
	sorted: readonly TokenRow[],
	row: TokenRow,
	compare: RowComparator,
	from: number,
): number {
	let low = from;
	let high = sorted.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (compare(sorted[middle]!, row) <= 0) low = middle + 1;
		else high = middle;
	}

	return low;
}

/** Whether two lists hold the same row objects in the same order. */
export function sameRows(a: readonly TokenRow[], b: readonly TokenRow[]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
	return true;
}
