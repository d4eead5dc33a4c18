/**
 * The token collection and the optimistic operations on it, reduced together:
 * an op changes the collection, and server news about a token with an op in
 * flight changes the op (what a revert restores), not the row on screen.
 *
 * A load walks the server's pages over seconds (a minute at 1,000,000
 * tokens), its news merged as it comes. A page fetched before the app changed
 * a token holds an older copy of it, and the walk's end would take a token
 * created meanwhile for gone: so the tokens the app changes while a load runs
 * are left to the app's own news until the next load.
 */
import type {AccessToken} from '../domain/token.js';
import type {Action} from './actions.js';
import {compactPacked} from './packed-tokens.js';
import {editTokens} from './token-rows.js';
import type {PendingOp, TokensSlice} from './types.js';

export type CollectionSlice = {
	readonly tokens: TokensSlice;
	readonly pending: ReadonlyMap<string, PendingOp>;
	/** While a load runs, the Ids of the tokens the app changed since it began; null between loads. */
	readonly changedDuringLoad: ReadonlySet<string> | null;
};

/** Token news from the server ('tokens/*') and optimistic ops ('op/*'); the same slice when nothing changes. */
export function reduceCollection(slice: CollectionSlice, action: Action): CollectionSlice {
	switch (action.type) {
		case 'tokens/loadStarted': {
			return {...slice, changedDuringLoad: new Set()};
		}

		case 'tokens/appended': {
			const next = receive(slice, newsOfLoad(slice, action.tokens), []);
			return action.done ? endLoad(markLoaded(next)) : next;
		}

		case 'tokens/listed': {
			const changed = slice.changedDuringLoad;
			const unlisted = (id: string) => !action.ids.has(id) && !changed?.has(id);
			const gone = unlistedIds(slice, action.ids);
			// A pending op's token the server does not list is gone there: its revert restores nothing.
			const goneWhilePending = [...pendingTokenIds(slice.pending)].filter((id) => unlisted(id));
			const next = markLoaded(receive(slice, [], [...new Set([...gone, ...goneWhilePending])]));
			// A refresh packs each changed token anew: now and then the live ones leave the old slots'
			// chunks (in place: the same handles and values, so nothing above sees it).
			compactPacked(next.tokens.rows);
			return endLoad(next);
		}

		case 'tokens/loadFailed': {
			return endLoad(slice);
		}

		case 'tokens/upserted': {
			return receive(changedByApp(slice, [action.token.Id]), [action.token], []);
		}

		case 'tokens/removed': {
			return receive(changedByApp(slice, [action.tokenId]), [], [action.tokenId]);
		}

		case 'op/applied': {
			return applyOp(changedByApp(slice, [action.op.tokenId, action.next?.Id]), action.op, action.next);
		}

		case 'op/committed': {
			const op = slice.pending.get(action.opId);
			if (!op) return slice;
			return settleOp(changedByApp(slice, [op.tokenId, action.token?.Id]), op, action.token);
		}

		case 'op/reverted': {
			const op = slice.pending.get(action.opId);
			if (!op) return slice;
			return settleOp(changedByApp(slice, [op.tokenId]), op, op.previous);
		}

		default: {
			return slice;
		}
	}
}

/** A load's tokens, less those the app changed since the load began (its copies may be older). */
function newsOfLoad(slice: CollectionSlice, tokens: readonly AccessToken[]): readonly AccessToken[] {
	const changed = slice.changedDuringLoad;
	return changed === null || changed.size === 0 ? tokens : tokens.filter((token) => !changed.has(token.Id));
}

/** Notes tokens the app changed, while a load runs. */
function changedByApp(slice: CollectionSlice, ids: ReadonlyArray<string | undefined>): CollectionSlice {
	const changed = slice.changedDuringLoad;
	if (changed === null) return slice;
	const added = ids.filter((id): id is string => id !== undefined && !changed.has(id));
	return added.length === 0 ? slice : {...slice, changedDuringLoad: new Set([...changed, ...added])};
}

function endLoad(slice: CollectionSlice): CollectionSlice {
	return slice.changedDuringLoad === null ? slice : {...slice, changedDuringLoad: null};
}

function markLoaded(slice: CollectionSlice): CollectionSlice {
	return slice.tokens.loaded ? slice : {...slice, tokens: {...slice.tokens, loaded: true}};
}

function pendingTokenIds(pending: ReadonlyMap<string, PendingOp>): Set<string> {
	return new Set([...pending.values()].map((op) => op.tokenId));
}

/**
 * The Ids of the rows a load that listed `ids` did not list, but for those the
 * app changed while it ran (their own news stands); at most `limit` + 1, and
 * none in `leaveOut`. Every token the load listed is a row by then (its pages'
 * news came first), so when the app changed nothing meanwhile, as many rows as
 * listed Ids means none went unlisted: no pass over every row (~40 ms at 100k,
 * most of a refresh's end; ~0.5 s at 1M).
 */
function unlistedIds(
	slice: CollectionSlice,
	ids: ReadonlySet<string>,
	limit = Infinity,
	leaveOut?: ReadonlySet<string>,
): string[] {
	const changed = slice.changedDuringLoad;
	const nothingGone =
		(changed === null || changed.size === 0) &&
		slice.pending.size === 0 &&
		ids.size === slice.tokens.rows.length;
	const found: string[] = [];
	if (nothingGone) return found;
	for (const {token} of slice.tokens.rows) {
		if (ids.has(token.Id) || changed?.has(token.Id) || leaveOut?.has(token.Id)) continue;
		found.push(token.Id);
		if (found.length > limit) break;
	}

	return found;
}

/**
 * The tokens a refresh that listed `ids` should ask the server about before
 * they go (see sync/load.ts): the unlisted rows but those with an op in
 * flight, which its outcome settles (a new token's row has a placeholder Id).
 */
export function unlistedTokenIds(
	slice: CollectionSlice,
	ids: ReadonlySet<string>,
	limit = Infinity,
): string[] {
	return unlistedIds(slice, ids, limit, pendingTokenIds(slice.pending));
}

/**
 * Server news: puts and removals. Tokens with an op in flight keep their
 * optimistic value on screen; the news becomes the base their first op
 * reverts to, since that is now what the server holds.
 */
function receive(
	slice: CollectionSlice,
	put: readonly AccessToken[],
	remove: readonly string[],
): CollectionSlice {
	if (slice.pending.size === 0) return withTokens(slice, editTokens(slice.tokens, {put, remove}));
	const busy = pendingTokenIds(slice.pending);
	const bases = new Map<string, AccessToken | null>();
	for (const token of put) if (busy.has(token.Id)) bases.set(token.Id, token);
	for (const id of remove) if (busy.has(id)) bases.set(id, null);
	const tokens = editTokens(slice.tokens, {
		put: bases.size === 0 ? put : put.filter((token) => !bases.has(token.Id)),
		remove: bases.size === 0 ? remove : remove.filter((id) => !bases.has(id)),
	});
	let {pending} = slice;
	for (const [tokenId, base] of bases) pending = rebase(pending, firstOpOn(pending, tokenId), base);
	return tokens === slice.tokens && pending === slice.pending ? slice : {...slice, tokens, pending};
}

function withTokens(slice: CollectionSlice, tokens: TokensSlice): CollectionSlice {
	return tokens === slice.tokens ? slice : {...slice, tokens};
}

function firstOpOn(
	pending: ReadonlyMap<string, PendingOp>,
	tokenId: string,
	after?: PendingOp,
): PendingOp | undefined {
	let passed = after === undefined;
	for (const op of pending.values()) {
		if (op === after) passed = true;
		else if (passed && op.tokenId === tokenId) return op;
	}

	return undefined;
}

/** The ops with `op`'s previous value replaced by `base`. */
function rebase(
	pending: ReadonlyMap<string, PendingOp>,
	op: PendingOp | undefined,
	base: AccessToken | null,
): ReadonlyMap<string, PendingOp> {
	if (!op || op.previous === base) return pending;
	return new Map(pending).set(op.opId, {...op, previous: base});
}

function applyOp(
	slice: CollectionSlice,
	start: Omit<PendingOp, 'previous'>,
	next: AccessToken | null,
): CollectionSlice {
	if (slice.pending.has(start.opId)) return slice;
	const previous = slice.tokens.byId.get(start.tokenId)?.token ?? null;
	const tokens =
		next === null
			? editTokens(slice.tokens, {remove: [start.tokenId]})
			: editTokens(slice.tokens, {
					put: [next],
					exact: true,
					// An optimistic value under another Id (not expected) must not leave the old row behind.
					remove: next.Id === start.tokenId ? [] : [start.tokenId],
				});
	const pending = new Map(slice.pending).set(start.opId, {...start, previous});
	return {...slice, tokens, pending};
}

/**
 * Ends an op with `value` (the server's copy on commit, the previous value on
 * revert). When a later op on the same token is still in flight, its
 * optimistic value stays on screen and the outcome becomes its base instead.
 */
function settleOp(slice: CollectionSlice, op: PendingOp, value: AccessToken | null): CollectionSlice {
	const rest = new Map(slice.pending);
	rest.delete(op.opId);
	const later = firstOpOn(slice.pending, op.tokenId, op);
	if (later) return {...slice, pending: rebase(rest, later, value)};
	const tokens =
		value === null
			? editTokens(slice.tokens, {remove: [op.tokenId]})
			: editTokens(slice.tokens, {
					put: [value],
					// An insert commits under the server's Id: the temporary row goes.
					remove: value.Id === op.tokenId ? [] : [op.tokenId],
					// Exactly this object: a revert restores the very value it replaced.
					exact: true,
				});
	return {...slice, tokens, pending: rest};
}
