/**
 * The visible list: every row, sorted, then filtered. Built for 100,000 to
 * 1,000,000 tokens (issue 7):
 * - the sorted list is cached per (rows, sort key), so a filter change never
 *   sorts, and a change to a few tokens updates it by binary search;
 * - the filter loop reads precomputed folded names and creation times;
 * - a query that grows filters the previous result, not every row.
 */
import {foldName, isUnfiltered, type CreatedOn, type Filters, type StateFilter} from '../domain/filters.js';
import type {SortKey} from '../domain/sort.js';
import {applySortedChange, rowComparator, sameRows} from './row-order.js';
import type {AppState, TokenChange, TokenRow, TokensSlice} from './types.js';

const day = 24 * 60 * 60 * 1000;

/** The filters turned into what the hot loop compares. */
export type CompiledFilter = {
	readonly query: string;
	readonly state: StateFilter;
	readonly createdOn: CreatedOn;
	/** Creation times in [low, high) pass; unused when createdOn is 'Any'. */
	readonly low: number;
	readonly high: number;
};

/** Compiles filters at a time `now`, with the domain's semantics (see `tokenMatcher`). */
export function compileFilter(filters: Filters, now: number): CompiledFilter {
	const [low, high] = createdWindow(filters.createdOn, now);
	return {query: foldName(filters.name), state: filters.state, createdOn: filters.createdOn, low, high};
}

function createdWindow(createdOn: CreatedOn, now: number): [number, number] {
	switch (createdOn) {
		case 'Any': {
			return [-Infinity, Infinity];
		}

		case 'Last7Days': {
			return [now - 7 * day, Infinity];
		}

		case 'Last30Days': {
			return [now - 30 * day, Infinity];
		}

		case 'MoreThan30Days': {
			return [-Infinity, now - 30 * day];
		}
	}
}

/** Whether a row passes compiled filters. */
export function rowMatches(row: TokenRow, filter: CompiledFilter): boolean {
	if (filter.state !== 'Any' && row.token.State !== filter.state) return false;
	// 'Any' also admits an unparseable date (NaN fails every comparison), as the domain does.
	if (filter.createdOn !== 'Any' && !(row.createdAtMs >= filter.low && row.createdAtMs < filter.high))
		return false;
	return filter.query === '' || row.folded.includes(filter.query);
}

/**
 * Whether every row passing `next` (at `nextNow`) also passes `previous` (at
 * `previousNow`), so the next result can be filtered from the previous one:
 * a query that contains the previous query, a state or created-on window
 * inside the previous one (including a later clock for the "last N days").
 */
export function refines(next: Filters, nextNow: number, previous: Filters, previousNow: number): boolean {
	if (!foldName(next.name).includes(foldName(previous.name))) return false;
	if (previous.state !== 'Any' && previous.state !== next.state) return false;
	if (previous.createdOn === 'Any') return true;
	if (next.createdOn === 'Any') return false;
	const [nextLow, nextHigh] = createdWindow(next.createdOn, nextNow);
	const [previousLow, previousHigh] = createdWindow(previous.createdOn, previousNow);
	return nextLow >= previousLow && nextHigh <= previousHigh;
}

/** A previous filter run over the same source, which a narrower one may start from. */
export type PreviousRun = {
	readonly source: readonly TokenRow[];
	readonly filters: Filters;
	readonly now: number;
	readonly rows: readonly TokenRow[];
};

export type FilterRun = {
	readonly rows: readonly TokenRow[];
	/** How many rows the filter looked at: the previous result's length when it narrowed. */
	readonly examined: number;
	readonly narrowed: boolean;
};

/**
 * Filters `source` (order kept). When `previous` ran over the same source and
 * the new filters refine its filters, only the previous result is examined.
 */
export function filterRows(
	source: readonly TokenRow[],
	filters: Filters,
	now: number,
	previous?: PreviousRun,
): FilterRun {
	const narrowed =
		previous !== undefined &&
		previous.source === source &&
		refines(filters, now, previous.filters, previous.now);
	const input = narrowed ? previous.rows : source;
	if (isUnfiltered(filters)) return {rows: input, examined: 0, narrowed};
	const filter = compileFilter(filters, now);
	const rows: TokenRow[] = [];
	for (const row of input) if (rowMatches(row, filter)) rows.push(row);
	return {rows, examined: input.length, narrowed};
}

/** How the current visible list was computed; for tests and the benchmark. */
export type VisibleStats = {
	/**
	 * 'narrowed': filtered from the previous result; 'changed': the previous
	 * result with a collection change applied; 'full': filtered from all rows.
	 */
	readonly strategy: 'narrowed' | 'changed' | 'full';
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

type SortedEntry = {rows: readonly TokenRow[]; sorted: readonly TokenRow[]};
/** One entry per sort key: cycling the sort back and forth over the same rows never sorts twice. */
const sortedCache = new Map<SortKey, SortedEntry>();
/** For a sorted list made by applying a change: the list it came from and the change. */
const derivedFrom = new WeakMap<readonly TokenRow[], {base: readonly TokenRow[]; change: TokenChange}>();
let sortedFromScratch = false;

/** Every row in the order of `sort`, cached per (rows, sort); a small change is applied, not re-sorted. */
export function sortedRows(tokens: TokensSlice, sort: SortKey): readonly TokenRow[] {
	const cached = sortedCache.get(sort);
	if (cached?.rows === tokens.rows) return cached.sorted;
	const compare = rowComparator(sort);
	const change = tokens.lastChange;
	let sorted: readonly TokenRow[];
	if (cached && change && cached.rows === change.base) {
		sorted = applySortedChange(cached.sorted, change.removed, change.added, compare);
		derivedFrom.set(sorted, {base: cached.sorted, change});
	} else {
		sorted = tokens.rows.slice().sort(compare);
		sortedFromScratch = true;
	}

	sortedCache.set(sort, {rows: tokens.rows, sorted});
	return sorted;
}

type VisibleEntry = {
	sorted: readonly TokenRow[];
	filters: Filters;
	now: number;
	visible: readonly TokenRow[];
};
/** The last result; the app has one store, so one slot serves every render and key. */
let last: VisibleEntry | undefined;

function sameFilterInputs(a: Filters, aNow: number, b: Filters, bNow: number): boolean {
	return (
		a.name === b.name &&
		a.state === b.state &&
		a.createdOn === b.createdOn &&
		(a.createdOn === 'Any' || aNow === bNow)
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
	const sorted = sortedRows(state.tokens, state.sort);
	const {filters, now} = state;
	const previous = last;
	if (previous?.sorted === sorted && sameFilterInputs(previous.filters, previous.now, filters, now)) {
		return previous.visible;
	}

	let visible: readonly TokenRow[];
	const derivation = derivedFrom.get(sorted);
	if (isUnfiltered(filters)) {
		visible = sorted;
		stats = {strategy: 'full', examined: 0, sorted: sortedFromScratch};
	} else if (
		previous &&
		derivation?.base === previous.sorted &&
		sameFilterInputs(previous.filters, previous.now, filters, now)
	) {
		// The same filters over a changed collection: apply the change to the previous result.
		const filter = compileFilter(filters, now);
		const {removed, added} = derivation.change;
		const passes = (row: TokenRow) => rowMatches(row, filter);
		const compare = rowComparator(state.sort);
		visible = applySortedChange(previous.visible, removed.filter(passes), added.filter(passes), compare);
		stats = {strategy: 'changed', examined: removed.length + added.length, sorted: false};
	} else {
		const run = filterRows(
			sorted,
			filters,
			now,
			previous && {
				source: previous.sorted,
				filters: previous.filters,
				now: previous.now,
				rows: previous.visible,
			},
		);
		visible = run.rows;
		stats = {strategy: run.narrowed ? 'narrowed' : 'full', examined: run.examined, sorted: sortedFromScratch};
	}

	if (previous && sameRows(previous.visible, visible)) visible = previous.visible;
	last = {sorted, filters, now, visible};
	return visible;
}
