/**
 * The app's one reducer: the slices combined in one place. Each slice reducer
 * returns its slice unchanged (the same object) when an action does not
 * concern it, and so does this one for the whole state, so a store can skip
 * notifying anyone.
 */
import type {Action} from './actions.js';
import {reduceCollection} from './collection-reducer.js';
import {reduceConnection} from './connection-reducer.js';
import {reduceFilters, reduceSort} from './filters-reducer.js';
import {reduceFlashes} from './flash-reducer.js';
import {reduceFormOverlay} from './form-reducer.js';
import {reduceMode, reduceOverlay} from './mode-reducer.js';
import {reduceSelection, settleSelection} from './selection-reducer.js';
import type {AppState} from './types.js';

/** Reduces one action. Pure: the same state and action always give the same result. */
export function reducer(state: AppState, action: Action): AppState {
	const collection = reduceCollection(state, action);
	const flashes = reduceFlashes(state, action, state.now);
	const next: AppState = {
		now: action.type === 'clock/tick' ? action.now : state.now,
		filters: reduceFilters(state.filters, action),
		sort: reduceSort(state.sort, action),
		mode: reduceMode(state.mode, action),
		overlay: reduceFormOverlay(reduceOverlay(state.overlay, action), action, state.catalogues),
		tokens: collection.tokens,
		selection: reduceSelection(state, action),
		pending: collection.pending,
		changedDuringLoad: collection.changedDuringLoad,
		flashes: flashes.flashes,
		nextFlashId: flashes.nextFlashId,
		connection: reduceConnection(state.connection, action),
		catalogues: action.type === 'catalogues/loaded' ? action.catalogues : state.catalogues,
		viewport:
			action.type === 'viewport/resize' && action.listHeight !== state.viewport.listHeight
				? {listHeight: action.listHeight}
				: state.viewport,
	};
	if (unchanged(state, next)) return state;
	return settleSelection(state, followRenamedToken(state, next, action));
}

function unchanged(state: AppState, next: AppState): boolean {
	return (Object.keys(next) as Array<keyof AppState>).every((key) => next[key] === state[key]);
}

/**
 * A committed insert (a duplicate) arrives under the server's Id instead of
 * its temporary one: the cursor, the marks and an open details pane follow it.
 */
function followRenamedToken(state: AppState, next: AppState, action: Action): AppState {
	if (action.type !== 'op/committed' || !action.token) return next;
	const from = state.pending.get(action.opId)?.tokenId;
	const to = action.token.Id;
	if (from === undefined || from === to) return next;
	const {selection, overlay} = next;
	const marks = selection.marks.has(from)
		? new Set([...selection.marks].map((id) => (id === from ? to : id)))
		: selection.marks;
	return {
		...next,
		selection: {...selection, cursorId: selection.cursorId === from ? to : selection.cursorId, marks},
		overlay: overlay?.kind === 'details' && overlay.tokenId === from ? {...overlay, tokenId: to} : overlay,
	};
}
