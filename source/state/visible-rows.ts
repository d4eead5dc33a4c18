/**
 * The visible list: every row, sorted, then filtered. Built for 100,000 to
 * 1,000,000 tokens (issue 7):
 * - the sorted list is cached per (rows, sort key), so a filter change never
 *   sorts, and a change to a few tokens is applied by binary search;
 * - a query that grows filters the previous result, not every row;
 * - a few recent results are kept, so a backspace finds its list ready.
 */
import {isUnfiltered, type Filters} from '../domain/filters.js';
import type {SortKey} from '../domain/sort.js';
import {compileFilter, filterRows, indexedFrom, refines, rowMatches} from './filter-rows.js';
import {carryNameIndex, indexNames} from './search-index.js';
import {applySortedChange, rowComparator, sameRows} from './row-order.js';
import type {AppState, TokenChange, TokenRow, TokensSlice} from './types.js';

/** How the current visible list was computed; for tests and the benchmark. */
export type VisibleStats = {
	/**
	 * 'indexed': a name search answered by the name index (only rows whose
	 * names contain the query are looked at); 'narrowed': filtered from an
	 * earlier result the filters refine;
	 * 'changed': the previous result with a collection change applied;
	 * 'recalled': a recent result for the same filters, reused; 'full':
	 * filtered from all rows (or all rows, unfiltered).
	 */
	readonly strategy: 'indexed' | 'narrowed' | 'changed' | 'recalled' | 'full';
	readonly examined: number;
	/** Whether the sorted list was sorted from scratch for this call. */
	readonly sorted: boolean;
};

let stats: VisibleStats = {strategy: 'full', examined: 0, sorted: false};

/**
 * How the most recent computation of the visible rows was done (rows examined,
 * narrowing, sorting). Calls answered from the cache do not count: the reducer
 * usually computes the list first, while it settles the cursor.
 */
export function lastVisibleStats(): VisibleStats {
	return stats;
}

type SortedEntry = {
	rows: readonly TokenRow[];
	sorted: readonly TokenRow[];
	/**
	 * When `sorted` was made by applying a change to an earlier sorted list: that
	 * list and the change, so the visible list can be updated the same way. Kept
	 * here, one per key, rather than in a WeakMap keyed by list: there each entry
	 * would hold the list before it alive, and with it every list of a long load.
	 */
	derivedFrom?: {base: readonly TokenRow[]; change: TokenChange};
};

/** One entry per sort key: cycling the sort back and forth over the same rows never sorts twice. */
const sortedCache = new Map<SortKey, SortedEntry>();
let sortedFromScratch = false;

function sortedEntry(tokens: TokensSlice, sort: SortKey): SortedEntry {
	const cached = sortedCache.get(sort);
	if (cached?.rows === tokens.rows) return cached;
	const compare = rowComparator(sort);
	const change = tokens.lastChange;
	let entry: SortedEntry;
	if (cached && change && cached.rows === change.base) {
		const sorted = applySortedChange(cached.sorted, change.removed, change.added, compare);
		carryNameIndex(cached.sorted, sorted);
		entry = {rows: tokens.rows, sorted, derivedFrom: {base: cached.sorted, change}};
	} else {
		entry = {rows: tokens.rows, sorted: tokens.rows.slice().sort(compare)};
		sortedFromScratch = true;
	}

	sortedCache.set(sort, entry);
	// Other keys' lists over rows that are neither these nor the ones just
	// before them can never be updated or used again: at 1,000,000 rows each holds 8 MB.
	for (const [key, other] of sortedCache) {
		if (other.rows !== tokens.rows && other.rows !== change?.base) sortedCache.delete(key);
	}

	return entry;
}

/** Every row in the order of `sort`, cached per (rows, sort); a small change is applied, not re-sorted. */
export function sortedRows(tokens: TokensSlice, sort: SortKey): readonly TokenRow[] {
	return sortedEntry(tokens, sort).sorted;
}

/**
 * Builds the name index of the list as it is sorted now, so that the first key
 * of a search finds it ready (at 1,000,000 rows building it takes about a
 * second; the app calls this just after the frame that opens the search).
 */
export function prepareNameSearch(state: AppState): void {
	const sorted = sortedRows(state.tokens, state.sort);
	if (sorted.length > indexedFrom) indexNames(sorted);
}

type VisibleEntry = {
	sorted: readonly TokenRow[];
	filters: Filters;
	now: number;
	visible: readonly TokenRow[];
};

/**
 * Recent results, newest last. The newest answers every render and key until
 * something changes; older ones answer a backspace at once and give a longer
 * query the smallest list to narrow from. Bounded in count and in rows held.
 */
const recent: VisibleEntry[] = [];
const maxRecent = 12;

function remember(entry: VisibleEntry): void {
	// Lists over rows that no sort key holds any more can never be used again.
	const live = new Set([...sortedCache.values()].map((cached) => cached.sorted));
	const budget = 2 * entry.sorted.length + 1000;
	let held = rowsHeld(entry);
	const kept = [entry];
	for (let index = recent.length - 1; index >= 0 && kept.length < maxRecent; index--) {
		const candidate = recent[index]!;
		if (candidate === entry || !live.has(candidate.sorted)) continue;
		held += rowsHeld(candidate);
		if (held > budget) break;
		kept.push(candidate);
	}

	recent.splice(0, recent.length, ...kept.reverse());
}

/** Rows a cached result holds on its own; an unfiltered result is the sorted list itself. */
function rowsHeld(entry: VisibleEntry): number {
	return entry.visible === entry.sorted ? 0 : entry.visible.length;
}

function sameFilterInputs(entry: VisibleEntry, filters: Filters, now: number): boolean {
	return (
		entry.filters.name === filters.name &&
		entry.filters.state === filters.state &&
		entry.filters.createdOn === filters.createdOn &&
		(filters.createdOn === 'Any' || entry.now === now)
	);
}

/**
 * The rows the list shows, filtered and sorted. Memoised: while the rows,
 * sort, filters (and, for a created-on filter, the clock) are unchanged it
 * returns the same array, and a recomputation with the same outcome returns
 * the previous array too, so nothing re-renders for nothing.
 */
export function selectVisibleRows(state: AppState): readonly TokenRow[] {
	sortedFromScratch = false;
	const entry = sortedEntry(state.tokens, state.sort);
	const {sorted} = entry;
	const {filters, now} = state;
	const previous = recent.at(-1);
	if (previous?.sorted === sorted && sameFilterInputs(previous, filters, now)) return previous.visible;

	const recalled = recent.find(
		(candidate) => candidate.sorted === sorted && sameFilterInputs(candidate, filters, now),
	);
	if (recalled) {
		stats = {strategy: 'recalled', examined: 0, sorted: sortedFromScratch};
		remember(recalled);
		return recalled.visible;
	}

	let visible: readonly TokenRow[];
	const derivation = entry.derivedFrom;
	if (isUnfiltered(filters)) {
		visible = sorted;
		stats = {strategy: 'full', examined: 0, sorted: sortedFromScratch};
	} else if (previous && derivation?.base === previous.sorted && sameFilterInputs(previous, filters, now)) {
		// The same filters over a changed collection: apply the change to the previous result.
		const filter = compileFilter(filters, now);
		const {removed, added} = derivation.change;
		const passes = (row: TokenRow) => rowMatches(row, filter);
		const compare = rowComparator(state.sort);
		visible = applySortedChange(previous.visible, removed.filter(passes), added.filter(passes), compare);
		stats = {strategy: 'changed', examined: removed.length + added.length, sorted: false};
	} else {
		const run = filterRows(sorted, filters, now, narrowestRefined(sorted, filters, now));
		visible = run.rows;
		const strategy = run.indexed ? 'indexed' : run.narrowed ? 'narrowed' : 'full';
		stats = {strategy, examined: run.examined, sorted: sortedFromScratch};
	}

	// Whatever comes next starts from this result, never from the list before the change: let that list go.
	entry.derivedFrom = undefined;
	if (previous && sameRows(previous.visible, visible)) visible = previous.visible;
	remember({sorted, filters, now, visible});
	return visible;
}

/** The smallest recent result over `sorted` that the filters refine, to narrow from. */
function narrowestRefined(sorted: readonly TokenRow[], filters: Filters, now: number) {
	let best: VisibleEntry | undefined;
	for (const candidate of recent) {
		// Narrowing from every row is no narrowing.
		if (candidate.sorted !== sorted || candidate.visible === sorted) continue;
		if (!refines(filters, now, candidate.filters, candidate.now)) continue;
		if (!best || candidate.visible.length < best.visible.length) best = candidate;
	}

	return best && {source: best.sorted, filters: best.filters, now: best.now, rows: best.visible};
}
