import type {AccessToken} from './token.js';

export const sortKeys = ['created', 'name', 'lastUsed', 'state'] as const;
export type SortKey = (typeof sortKeys)[number];

export const sortLabels: Record<SortKey, string> = {
	created: 'created (newest first)',
	name: 'name (A–Z)',
	lastUsed: 'last used (most recent first)',
	state: 'state (enabled first)',
};

type Sortable = Pick<AccessToken, 'Id' | 'Name' | 'CreatedAt' | 'LastUsedAt' | 'State'>;

/** Made at first use: ICU's collation data is not needed until names are sorted (~2-4 ms to load). */
let collate: Intl.Collator['compare'] | undefined;

/** Names in the order people expect: case and accents aside, numbers by value ("token 9" before "token 10"). */
export function compareNames(a: string, b: string): number {
	collate ??= new Intl.Collator('en', {sensitivity: 'base', numeric: true}).compare;
	return collate(a, b);
}

/** Newest first; ties broken by Id so the order never depends on arrival. */
function byCreated(a: Sortable, b: Sortable): number {
	return compareDesc(a.CreatedAt, b.CreatedAt) || compareIds(a, b);
}

/** Enabled, Disabled, any other text, then whatever is not text (a server that leaves the field out). */
function stateRank(state: unknown): number {
	if (state === 'Enabled') return 0;
	if (state === 'Disabled') return 1;
	return typeof state === 'string' ? 2 : 3;
}

/**
 * Enabled first, then Disabled, then any other state a server may send (by its
 * text): a total order, which the sorted lists' binary searches rely on.
 */
export function compareStates(a: string, b: string): number {
	if (a === b) return 0;
	const byRank = stateRank(a) - stateRank(b);
	if (byRank !== 0) return byRank;
	const textA = String(a);
	const textB = String(b);
	return textA < textB ? -1 : textA > textB ? 1 : 0;
}

function compareDesc(a: string, b: string): number {
	return a < b ? 1 : a > b ? -1 : 0;
}

function compareIds(a: Sortable, b: Sortable): number {
	return a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0;
}

const comparators: Record<SortKey, (a: Sortable, b: Sortable) => number> = {
	created: byCreated,
	name: (a, b) => compareNames(a.Name, b.Name) || byCreated(a, b),
	// Never-used tokens go last: they are the ones to clean up, found by scrolling to the end.
	lastUsed(a, b) {
		if (a.LastUsedAt === b.LastUsedAt) return byCreated(a, b);
		if (a.LastUsedAt === null) return 1;
		if (b.LastUsedAt === null) return -1;
		return compareDesc(a.LastUsedAt, b.LastUsedAt);
	},
	state: (a, b) => compareStates(a.State, b.State) || byCreated(a, b),
};

/** The comparator for a sort key: a total order, so equal inputs sort identically everywhere. */
export function tokenComparator(key: SortKey): (a: Sortable, b: Sortable) => number {
	return comparators[key];
}
