/**
 * The token collection as immutable data: building rows, and applying a batch
 * of puts and removals with the least copying, recording what changed so the
 * selectors can update their lists instead of sorting again.
 */
import {sameList} from '../domain/shared-lists.js';
import {sameCredentialHint, type AccessToken} from '../domain/token.js';
import {KeyedMap} from './keyed-map.js';
import {PackedToken, packToken} from './packed-tokens.js';
import type {TokenRow, TokensSlice} from './types.js';

/** The token's row: the token packed (see `packed-tokens.ts`), which is its own row. */
export function makeRow(token: AccessToken): TokenRow {
	return packToken(token);
}

/** An empty collection. */
export function emptyTokens(): TokensSlice {
	return {
		rows: [],
		byId: KeyedMap.empty<TokenRow>((row) => row.token.Id),
		revision: 0,
		loaded: false,
		lastChange: null,
	};
}

/**
 * The fields `sameToken` compares. Typed as a Record of every field, so a
 * field added to AccessToken fails to compile here until it is listed (and
 * the test that changes each listed field in turn checks it is compared).
 */
const comparedFields = {
	Id: true,
	Name: true,
	Description: true,
	ApiVersion: true,
	State: true,
	Legacy: true,
	CreatedAt: true,
	UpdatedAt: true,
	LastUsedAt: true,
	PrimaryContact: true,
	DeveloperEmails: true,
	Scopes: true,
	AccountSid: true,
	AuthTokenHint: true,
	ReadOnly: true,
	Version: true,
} as const satisfies Record<keyof AccessToken, true>;

export const sameTokenFields = Object.keys(comparedFields) as ReadonlyArray<keyof AccessToken>;

/**
 * Whether two copies of a token hold the same data (every field of
 * `comparedFields`; fields the type does not know are ignored). A refresh
 * brings back mostly unchanged tokens; keeping their rows keeps every list,
 * and every memoised row component, as it was. Written out field by field:
 * it runs for each of 100,000 tokens on a refresh.
 */
export function sameToken(a: AccessToken, b: AccessToken): boolean {
	if (a === b) return true;
	if (a instanceof PackedToken && !(b instanceof PackedToken)) return a.sameAs(b);
	return (
		a.Version === b.Version &&
		a.Id === b.Id &&
		a.Name === b.Name &&
		a.State === b.State &&
		a.UpdatedAt === b.UpdatedAt &&
		a.LastUsedAt === b.LastUsedAt &&
		a.ApiVersion === b.ApiVersion &&
		a.Description === b.Description &&
		a.Legacy === b.Legacy &&
		a.CreatedAt === b.CreatedAt &&
		a.PrimaryContact === b.PrimaryContact &&
		a.AccountSid === b.AccountSid &&
		a.AuthTokenHint === b.AuthTokenHint &&
		sameList(a.Scopes, b.Scopes) &&
		sameList(a.DeveloperEmails, b.DeveloperEmails) &&
		sameCredentialHint(a.ReadOnly, b.ReadOnly)
	);
}

/** Puts (insert or replace by Id) and removals by Id, applied in that order. */
export type CollectionEdit = {
	readonly put?: readonly AccessToken[];
	readonly remove?: readonly string[];
	/**
	 * Put these very objects even over equal data. Off for server news, where
	 * keeping an equal row keeps every list as it was; on for optimistic values
	 * and their outcomes, which must be exactly what was given.
	 */
	readonly exact?: boolean;
};

/** Beyond this many changed rows one pass over `rows` beats an indexOf per change. */
const fewChanges = 16;

/**
 * Applies an edit to the collection. Returns the same slice when nothing
 * changes (a put of an identical token, a removal of an absent one), so an
 * unchanged refresh re-renders nothing.
 */
export function editTokens(slice: TokensSlice, edit: CollectionEdit): TokensSlice {
	const first = edit.put?.[0];
	if (first && !edit.remove?.length && !slice.byId.has(first.Id)) {
		const appended = appendNew(slice, edit.put!);
		if (appended) return appended;
	}

	// Only changed tokens are recorded, so an unchanged refresh costs a lookup
	// and a comparison per token. Keyed by Id, so a later copy of the same
	// token in one batch wins over an earlier one.
	const changes = new Map<string, {before: TokenRow | undefined; after: TokenRow | null}>();
	const current = (id: string) => {
		const change = changes.get(id);
		return change ? change.after : slice.byId.get(id);
	};

	const record = (id: string, before: TokenRow | null | undefined, after: TokenRow | null) => {
		const change = changes.get(id);
		if (change) change.after = after;
		else changes.set(id, {before: before ?? undefined, after});
	};

	for (const token of edit.put ?? []) {
		const existing = current(token.Id);
		const unchanged = existing && (edit.exact ? existing.token === token : sameToken(existing.token, token));
		if (!unchanged) record(token.Id, existing, makeRow(token));
	}

	for (const id of edit.remove ?? []) {
		const existing = current(id);
		if (existing) record(id, existing, null);
	}

	const replaced = new Map<TokenRow, TokenRow | null>();
	const added: TokenRow[] = [];
	for (const {before, after} of changes.values()) {
		if (before) replaced.set(before, after);
		else if (after) added.push(after);
	}

	if (replaced.size === 0 && added.length === 0) return slice;

	const byId = slice.byId.withChanges((editor) => {
		for (const [before, after] of replaced) {
			if (after) editor.set(after);
			else editor.delete(before.token.Id);
		}

		for (const row of added) editor.set(row);
	});

	return {
		rows: spliceRows(slice.rows, replaced, added),
		byId,
		revision: slice.revision + 1,
		loaded: slice.loaded,
		lastChange: {
			base: slice.rows,
			removed: [...replaced.keys()],
			added: [...[...replaced.values()].filter((row) => row !== null), ...added],
		},
	};
}

/**
 * The slice with rows for `put` added, when none of its tokens is held yet
 * and none comes twice (the pages of a first load); undefined otherwise, for
 * the general path to sort out. Noting each put as a change, as that path
 * does, was ~40% of a first load's reducer time at 100,000 tokens.
 */
function appendNew(slice: TokensSlice, put: readonly AccessToken[]): TokensSlice | undefined {
	const added: TokenRow[] = [];
	let allNew = true;
	const byId = slice.byId.withChanges((editor) => {
		for (const token of put) {
			const row = makeRow(token);
			if (!editor.set(row)) {
				allNew = false;
				return;
			}

			added.push(row);
		}
	});
	if (!allNew) return undefined;
	return {
		rows: slice.rows.concat(added),
		byId,
		revision: slice.revision + 1,
		loaded: slice.loaded,
		lastChange: {base: slice.rows, removed: [], added},
	};
}

function spliceRows(
	rows: readonly TokenRow[],
	replaced: ReadonlyMap<TokenRow, TokenRow | null>,
	added: readonly TokenRow[],
): readonly TokenRow[] {
	if (replaced.size === 0) return rows.concat(added);
	if (replaced.size <= fewChanges) {
		const next = rows.slice();
		// Removals last-to-first keep the earlier indexes valid.
		const indexes = [...replaced.keys()]
			.map((row) => next.indexOf(row))
			.filter((index) => index !== -1)
			.sort((a, b) => b - a);
		for (const index of indexes) {
			const after = replaced.get(next[index]!);
			if (after) next[index] = after;
			else next.splice(index, 1);
		}

		return added.length > 0 ? next.concat(added) : next;
	}

	const next: TokenRow[] = [];
	for (const row of rows) {
		const after = replaced.get(row);
		if (after === undefined) next.push(row);
		else if (after !== null) next.push(after);
	}

	return added.length > 0 ? next.concat(added) : next;
}
