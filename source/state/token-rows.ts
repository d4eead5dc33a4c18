/**
 * The token collection as immutable data: building rows, and applying a batch
 * of puts and removals with the least copying, recording what changed so the
 * selectors can update their lists instead of sorting again.
 */
import {foldName} from '../domain/filters.js';
import type {AccessToken} from '../domain/token.js';
import {KeyedMap} from './keyed-map.js';
import type {TokenRow, TokensSlice} from './types.js';

/** Builds a row, reusing the previous row's folded name when the name is unchanged. */
export function makeRow(token: AccessToken, previous?: TokenRow): TokenRow {
	const folded = previous?.token.Name === token.Name ? previous.folded : foldName(token.Name);
	const createdAtMs =
		previous?.token.CreatedAt === token.CreatedAt ? previous.createdAtMs : Date.parse(token.CreatedAt);
	return {token, folded, createdAtMs};
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
 * Whether two copies of a token hold the same data. A refresh brings back
 * mostly unchanged tokens; keeping their rows keeps every list (and every
 * memoised row component) as it was.
 */
export function sameToken(a: AccessToken, b: AccessToken): boolean {
	if (a === b) return true;
	for (const key of Object.keys(a) as Array<keyof AccessToken>) {
		if (!sameValue(a[key], b[key])) return false;
	}

	return Object.keys(b).length === Object.keys(a).length;
}

function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a) && Array.isArray(b)) {
		return a.length === b.length && a.every((item, index) => item === b[index]);
	}

	if (isRecord(a) && isRecord(b)) {
		const keys = Object.keys(a);
		return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
	}

	return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
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
	// Later puts of the same Id win; a Map keeps the first arrival's position.
	const puts = new Map<string, AccessToken>();
	for (const token of edit.put ?? []) puts.set(token.Id, token);

	const replaced = new Map<TokenRow, TokenRow | null>();
	const added: TokenRow[] = [];
	for (const [id, token] of puts) {
		const existing = slice.byId.get(id);
		if (!existing) added.push(makeRow(token));
		else if (edit.exact ? existing.token !== token : !sameToken(existing.token, token)) {
			replaced.set(existing, makeRow(token, existing));
		}
	}

	for (const id of edit.remove ?? []) {
		const existing = slice.byId.get(id);
		if (existing && !puts.has(id)) replaced.set(existing, null);
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
