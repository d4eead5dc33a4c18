/**
 * Filtering rows with the domain's filter semantics, built for a keystroke
 * over 1,000,000 rows: a name search over many rows is answered by the list's
 * name index, dates are parsed once per token, and a filter that refines an
 * earlier one (a longer query, a narrower state or window) filters that
 * earlier result instead of every row, folding the few names it looks at.
 */
import {foldName, isUnfiltered, type CreatedOn, type Filters, type StateFilter} from '../domain/filters.js';
import {rowsNamed} from './search-index.js';
import type {TokenRow} from './types.js';

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
	return (
		passesStateAndDate(row, filter) &&
		(filter.query === '' || foldName(row.token.Name).includes(filter.query))
	);
}

/** Whether a row passes the state and created-on filters, its name aside (an index found it). */
function passesStateAndDate(row: TokenRow, filter: CompiledFilter): boolean {
	if (filter.state !== 'Any' && row.token.State !== filter.state) return false;
	// 'Any' also admits an unparseable date (NaN fails every comparison), as the domain does.
	return filter.createdOn === 'Any' || (row.createdAtMs >= filter.low && row.createdAtMs < filter.high);
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
	/** Whether the name index answered: only rows whose names contain the query were looked at. */
	readonly indexed: boolean;
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
	if (isUnfiltered(filters)) return {rows: input, examined: 0, narrowed, indexed: false};
	const filter = compileFilter(filters, now);
	// A name search over many rows looks names up in the source's index instead of visiting each row.
	const named =
		filter.query !== '' && input.length > indexedFrom ? rowsNamed(source, filter.query) : undefined;
	if (named) {
		const rows =
			filter.state === 'Any' && filter.createdOn === 'Any'
				? named
				: named.filter((row) => passesStateAndDate(row, filter));
		return {rows, examined: named.length, narrowed: false, indexed: true};
	}

	const rows: TokenRow[] = [];
	for (const row of input) if (rowMatches(row, filter)) rows.push(row);
	return {rows, examined: input.length, narrowed, indexed: false};
}

/** Below this many rows to look at, folding their names as they are visited (~0.3 µs each) is as quick as the index. */
export const indexedFrom = 4000;
