import type {AccessToken, TokenState} from './token.js';

export const createdOnValues = ['Any', 'Last7Days', 'Last30Days', 'MoreThan30Days'] as const;
export type CreatedOn = (typeof createdOnValues)[number];

export const stateValues = ['Any', 'Enabled', 'Disabled'] as const;
export type StateFilter = (typeof stateValues)[number];

/** The filters of the filter bar; they combine with AND. */
export type Filters = {
	name: string;
	createdOn: CreatedOn;
	state: StateFilter;
};

export const noFilters: Filters = {name: '', createdOn: 'Any', state: 'Any'};

const day = 24 * 60 * 60 * 1000;

/**
 * Folds a name for case-insensitive matching. NFKC first so full-width Latin
 * and compatibility forms match their plain spellings; CJK is unchanged by
 * lower-casing, so it matches as typed.
 */
export function foldName(name: string): string {
	return name.normalize('NFKC').toLowerCase();
}

/** Whether a token's name contains the (already folded) query. */
export function nameMatches(foldedName: string, foldedQuery: string): boolean {
	return foldedQuery === '' || foldedName.includes(foldedQuery);
}

/** Whether a creation time (ms since epoch) falls in the created-on window at `now`. */
export function createdOnMatches(createdAt: number, createdOn: CreatedOn, now: number): boolean {
	switch (createdOn) {
		case 'Any': {
			return true;
		}

		case 'Last7Days': {
			return createdAt >= now - 7 * day;
		}

		case 'Last30Days': {
			return createdAt >= now - 30 * day;
		}

		case 'MoreThan30Days': {
			return createdAt < now - 30 * day;
		}
	}
}

export function stateMatches(state: TokenState, filter: StateFilter): boolean {
	return filter === 'Any' || state === filter;
}

/** Builds a predicate for the filters, folding the query once. */
export function tokenMatcher(
	filters: Filters,
	now: number,
): (token: Pick<AccessToken, 'Name' | 'CreatedAt' | 'State'>) => boolean {
	const query = foldName(filters.name);
	return (token) =>
		stateMatches(token.State, filters.state) &&
		createdOnMatches(Date.parse(token.CreatedAt), filters.createdOn, now) &&
		nameMatches(foldName(token.Name), query);
}

/** Whether every filter is at its default. */
export function isUnfiltered(filters: Filters): boolean {
	return filters.name === '' && filters.createdOn === 'Any' && filters.state === 'Any';
}

/** The next value in a cycle, wrapping around. */
export function cycle<T>(values: readonly T[], current: T): T {
	const index = values.indexOf(current);
	return values[(index + 1) % values.length]!;
}

/** Words for the filter bar and the `CreatedOn` query parameter. */
export const createdOnLabels: Record<CreatedOn, string> = {
	Any: 'any',
	Last7Days: 'last 7 days',
	Last30Days: 'last 30 days',
	MoreThan30Days: 'more than 30 days',
};

export const stateLabels: Record<StateFilter, string> = {
	Any: 'any',
	Enabled: 'enabled',
	Disabled: 'disabled',
};
