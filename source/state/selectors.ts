/**
 * Derived data for rendering and for key handling alike, so the screen and the
 * keys never disagree about which row is selected. Every selector returns the
 * same object for an unchanged input: `useSyncExternalStore` and React's
 * re-render checks compare by identity.
 */
import type {AccessToken} from '../domain/token.js';
import {indexOfRow, rowComparator} from './row-order.js';
import type {AppState, Flash, FlashLevel, PendingOp, TokenRow} from './types.js';
import {selectVisibleRows} from './visible-rows.js';
import {clampIndex, scrollWindow, windowHeight} from './window.js';

export {filterRows, refines} from './filter-rows.js';
export {lastVisibleStats, prepareNameSearch, selectVisibleRows} from './visible-rows.js';
export {warmNameSearch} from './search-index.js';

export type Cursor = {
	/** Index in the visible rows; 0 when the list is empty. */
	readonly index: number;
	/** The row under the cursor; undefined only when the list is empty. */
	readonly row: TokenRow | undefined;
};

type CursorEntry = {
	visible: readonly TokenRow[];
	cursorId: string | null;
	cursorIndex: number;
	cursor: Cursor;
};
let lastCursor: CursorEntry | undefined;

/**
 * The cursor in the visible list: where `cursorId` is, when it is visible;
 * otherwise the last known index, clamped, so the selection stays on a row
 * when the list shrinks under it (a narrower filter, a deletion).
 */
export function selectCursor(state: AppState): Cursor {
	const visible = selectVisibleRows(state);
	const {cursorId, cursorIndex} = state.selection;
	const cached = lastCursor;
	if (cached?.visible === visible && cached.cursorId === cursorId && cached.cursorIndex === cursorIndex) {
		return cached.cursor;
	}

	let index = -1;
	const row = cursorId === null ? undefined : state.tokens.byId.get(cursorId);
	if (row) index = indexOfRow(visible, row, rowComparator(state.sort), cursorIndex);
	if (index === -1) index = clampIndex(cursorIndex, visible.length);
	const cursor: Cursor = {index, row: visible[index]};
	lastCursor = {visible, cursorId, cursorIndex, cursor};
	return cursor;
}

/** The token under the cursor. */
export function selectCurrentToken(state: AppState): AccessToken | undefined {
	return selectCursor(state).row?.token;
}

export type ListWindow = {
	/** Index of the first visible row on screen. */
	readonly start: number;
	/** One past the last. */
	readonly end: number;
};

let lastWindow: ListWindow = {start: 0, end: 0};

/** The slice of the visible rows that fits `viewport.listHeight`, with the cursor in it. */
export function selectWindow(state: AppState): ListWindow {
	const total = selectVisibleRows(state).length;
	const {listHeight} = state.viewport;
	const start = scrollWindow(state.selection.top, selectCursor(state).index, listHeight, total);
	const end = Math.min(total, start + windowHeight(listHeight));
	if (lastWindow.start !== start || lastWindow.end !== end) lastWindow = {start, end};
	return lastWindow;
}

type WindowRowsEntry = {visible: readonly TokenRow[]; window: ListWindow; rows: readonly TokenRow[]};
let lastWindowRows: WindowRowsEntry | undefined;

/** The rows on screen: `selectVisibleRows(state).slice(start, end)`, memoised. */
export function selectWindowRows(state: AppState): readonly TokenRow[] {
	const visible = selectVisibleRows(state);
	const window = selectWindow(state);
	if (lastWindowRows?.visible === visible && lastWindowRows.window === window) return lastWindowRows.rows;
	const rows = visible.slice(window.start, window.end);
	lastWindowRows = {visible, window, rows};
	return rows;
}

export type Counts = {
	/** Rows passing the filters. */
	readonly visible: number;
	/** Tokens held. */
	readonly total: number;
	/** Tokens marked, visible or not. */
	readonly marked: number;
};

let lastCounts: Counts = {visible: 0, total: 0, marked: 0};

/** The numbers of the status line: "showing 12 of 240, 3 marked". */
export function selectCounts(state: AppState): Counts {
	const visible = selectVisibleRows(state).length;
	const total = state.tokens.rows.length;
	const marked = state.selection.marks.size;
	if (lastCounts.visible !== visible || lastCounts.total !== total || lastCounts.marked !== marked) {
		lastCounts = {visible, total, marked};
	}

	return lastCounts;
}

type MarkedEntry = {marks: ReadonlySet<string>; byId: unknown; sort: string; tokens: readonly AccessToken[]};
let lastMarked: MarkedEntry | undefined;

/**
 * The marked tokens in the list's sort order, including marked tokens the
 * current filters hide: a bulk action acts on all of them, and its
 * confirmation names them.
 */
export function selectMarkedTokens(state: AppState): readonly AccessToken[] {
	const {marks} = state.selection;
	const {byId} = state.tokens;
	const cached = lastMarked;
	if (cached?.marks === marks && cached.byId === byId && cached.sort === state.sort) return cached.tokens;
	const rows: TokenRow[] = [];
	for (const id of marks) {
		const row = byId.get(id);
		if (row) rows.push(row);
	}

	const tokens = rows.sort(rowComparator(state.sort)).map((row) => row.token);
	lastMarked = {marks, byId, sort: state.sort, tokens};
	return tokens;
}

/**
 * The tokens a token action applies to: the marked ones when there are any,
 * else the one under the cursor, as file managers do.
 */
export function selectActionTargets(state: AppState): readonly AccessToken[] {
	const marked = selectMarkedTokens(state);
	if (marked.length > 0) return marked;
	const token = selectCursor(state).row?.token;
	if (!token) return noTokens;
	if (lastTarget[0] !== token) lastTarget = [token];
	return lastTarget;
}

const noTokens: readonly AccessToken[] = [];
let lastTarget: readonly AccessToken[] = noTokens;

const pendingByToken = new WeakMap<ReadonlyMap<string, PendingOp>, ReadonlyMap<string, PendingOp>>();

/** The newest pending op of each token that has one, by token Id. */
export function selectPendingByToken(state: AppState): ReadonlyMap<string, PendingOp> {
	let byToken = pendingByToken.get(state.pending);
	if (!byToken) {
		const map = new Map<string, PendingOp>();
		for (const op of state.pending.values()) map.set(op.tokenId, op);
		byToken = map;
		pendingByToken.set(state.pending, byToken);
	}

	return byToken;
}

/** The newest pending op on a token, for its row's pending marker. */
export function selectPendingFor(state: AppState, tokenId: string): PendingOp | undefined {
	return selectPendingByToken(state).get(tokenId);
}

/** A token as the server last told it: undefined while an op on it is in flight (its row shows the optimistic value). */
export function selectSettledToken(state: AppState, tokenId: string): AccessToken | undefined {
	if (state.pending.size > 0 && selectPendingFor(state, tokenId)) return undefined;
	return state.tokens.byId.get(tokenId)?.token;
}

/** How long a flash stays on screen, by level; errors stay longer to be read. */
export const flashDurations: Readonly<Record<FlashLevel, number>> = {
	info: 4000,
	success: 4000,
	error: 10_000,
};

/** The newest flash still within its duration at `state.now`. */
export function selectFlash(state: AppState): Flash | undefined {
	for (let index = state.flashes.length - 1; index >= 0; index--) {
		const flash = state.flashes[index]!;
		if (state.now < flash.at + flashDurations[flash.level]) return flash;
	}

	return undefined;
}

/** The token a details overlay shows; undefined when none is open or the token is gone. */
export function selectOverlayToken(state: AppState): AccessToken | undefined {
	return state.overlay?.kind === 'details' ? state.tokens.byId.get(state.overlay.tokenId)?.token : undefined;
}

/** Whether the operator may change tokens; false until the operator is known. */
export function selectCanWrite(state: AppState): boolean {
	return state.connection.operator?.CanWrite ?? false;
}
