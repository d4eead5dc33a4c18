/**
 * The cursor, the marks and the list window. Moves are computed on the same
 * visible rows the screen shows (the selectors), so a key always acts on the
 * row the operator sees highlighted.
 */
import type {Action} from './actions.js';
import {selectCursor, selectVisibleRows} from './selectors.js';
import type {AppState, Selection} from './types.js';
import {clampIndex, scrollWindow, windowHeight} from './window.js';

/** Cursor moves, marks; reads the visible rows from `state`, as the screen does. */
export function reduceSelection(state: AppState, action: Action): Selection {
	const {selection} = state;
	switch (action.type) {
		case 'cursor/move': {
			return moveTo(state, selectCursor(state).index + action.delta);
		}

		// A page moves the window with the cursor, so the cursor keeps its place on screen.
		case 'cursor/pageDown':
		case 'cursor/pageUp': {
			const page = windowHeight(state.viewport.listHeight) * (action.type === 'cursor/pageDown' ? 1 : -1);
			return moveTo(state, selectCursor(state).index + page, selection.top + page);
		}

		case 'cursor/first': {
			return moveTo(state, 0);
		}

		case 'cursor/last': {
			return moveTo(state, selectVisibleRows(state).length - 1);
		}

		case 'cursor/select': {
			return action.tokenId === selection.cursorId ? selection : {...selection, cursorId: action.tokenId};
		}

		case 'marks/toggle': {
			const {index, row} = selectCursor(state);
			if (!row) return selection;
			const marks = new Set(selection.marks);
			if (!marks.delete(row.token.Id)) marks.add(row.token.Id);
			return {...moveTo(state, index + 1), marks};
		}

		case 'marks/clear': {
			return selection.marks.size === 0 ? selection : {...selection, marks: new Set()};
		}

		default: {
			return selection;
		}
	}
}

/** Moves the cursor to `index` (clamped) and the window from `topHint` just enough to show it. */
function moveTo(state: AppState, index: number, topHint = state.selection.top): Selection {
	const {selection} = state;
	const visible = selectVisibleRows(state);
	if (visible.length === 0) return selection;
	const cursorIndex = clampIndex(index, visible.length);
	const top = scrollWindow(topHint, cursorIndex, state.viewport.listHeight, visible.length);
	// A key that moves nothing (up on the first row) changes nothing, not even which token the cursor holds.
	if (cursorIndex === selectCursor(state).index && top === selection.top) return selection;
	const cursorId = visible[cursorIndex]!.token.Id;
	return {...selection, cursorId, cursorIndex, top};
}

/**
 * Brings the selection back in line with the list after any change that can
 * move the cursor or the list: marks of tokens that left the collection go;
 * a cursor whose token left the collection holds the row now at its place;
 * the stored index follows the cursor's token; the window keeps the cursor
 * in view, scrolling by the minimum.
 */
export function settleSelection(previous: AppState, next: AppState): AppState {
	if (
		next.tokens === previous.tokens &&
		next.filters === previous.filters &&
		next.sort === previous.sort &&
		next.now === previous.now &&
		next.viewport === previous.viewport &&
		next.selection === previous.selection
	) {
		return next;
	}

	const {selection} = next;
	const {byId} = next.tokens;
	let {marks} = selection;
	if (next.tokens !== previous.tokens && [...marks].some((id) => !byId.has(id))) {
		marks = new Set([...marks].filter((id) => byId.has(id)));
	}

	const cursor = selectCursor(next);
	const total = selectVisibleRows(next).length;
	const gone = selection.cursorId !== null && !byId.has(selection.cursorId);
	const cursorId = gone ? (cursor.row?.token.Id ?? null) : selection.cursorId;
	const top = scrollWindow(selection.top, cursor.index, next.viewport.listHeight, total);
	if (
		marks === selection.marks &&
		cursorId === selection.cursorId &&
		cursor.index === selection.cursorIndex &&
		top === selection.top
	) {
		return next;
	}

	return {...next, selection: {...selection, cursorId, cursorIndex: cursor.index, top, marks}};
}
