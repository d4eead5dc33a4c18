/**
 * Every change to the app's state is one of these plain objects. Keys,
 * effects and the clock all dispatch them; the reducer is the only reader.
 */
import type {AccessToken, Operator} from '../domain/token.js';
import type {FormAction} from './form-actions.js';
import type {Catalogues, ConnectionStatus, FlashLevel, Overlay, PendingOp} from './types.js';

export type FilterAction =
	/** Live search: also the search field's value. */
	| {type: 'filter/setName'; name: string}
	| {type: 'filter/cycleCreatedOn'}
	| {type: 'filter/cycleState'}
	/** Every filter back to its default; leaves search mode. */
	| {type: 'filter/clear'}
	| {type: 'sort/cycle'};

export type ModeAction =
	| {type: 'search/start'}
	/** Keep the text, back to the list. */
	| {type: 'search/accept'}
	/** Clear the name filter, back to the list. */
	| {type: 'search/cancel'}
	| {type: 'overlay/open'; overlay: Exclude<Overlay, null>}
	| {type: 'overlay/close'};

export type TokensAction =
	/**
	 * Tokens a load brought (a first load's pages; a refresh's tokens that
	 * differ from the rows), merged by Id; tokens with a pending op keep their
	 * optimistic value, and tokens the app changed since the load began keep
	 * theirs. `done` on the last batch of a first load marks the set complete;
	 * `expectedTotal` is the server's `@total`.
	 */
	| {
			type: 'tokens/appended';
			tokens: readonly AccessToken[];
			expectedTotal?: number;
			done?: boolean;
			at?: number;
	  }
	/**
	 * A load that refreshes the set has walked every page: `ids` is every token
	 * it listed, and the rows it did not list are gone from the server (unless
	 * the app changed them since the load began). Every listed token must be a
	 * row by then: the load dispatches those that differ from the rows first.
	 */
	| {type: 'tokens/listed'; ids: ReadonlySet<string>; at: number}
	| {type: 'tokens/upserted'; token: AccessToken}
	| {type: 'tokens/removed'; tokenId: string}
	/** Keeps the data on screen. `offline`: the server could not be reached at all. */
	| {type: 'tokens/loadFailed'; message: string; at: number; offline: boolean}
	| {type: 'tokens/loadStarted'};

export type SelectionAction =
	/** Relative move, clamped to the list; the window scrolls by the minimum. */
	| {type: 'cursor/move'; delta: number}
	/** Moves the cursor and the window by `viewport.listHeight`. */
	| {type: 'cursor/pageDown'}
	| {type: 'cursor/pageUp'}
	| {type: 'cursor/first'}
	| {type: 'cursor/last'}
	| {type: 'cursor/select'; tokenId: string}
	/** Marks or unmarks the token under the cursor, then moves down one, as file managers do. */
	| {type: 'marks/toggle'}
	| {type: 'marks/clear'}
	| {type: 'viewport/resize'; listHeight: number};

/** The part of a PendingOp the effect supplies; the reducer records `previous` itself. */
export type OpStart = Omit<PendingOp, 'previous'>;

export type OpAction =
	/**
	 * Apply an optimistic change: `next` replaces the token (update, insert) or,
	 * when null, removes it (remove). The token's current value is kept to revert to.
	 */
	| {type: 'op/applied'; op: OpStart; next: AccessToken | null}
	/** The server's copy replaces the optimistic one; null: the token stays removed. */
	| {type: 'op/committed'; opId: string; token: AccessToken | null}
	/** Restore exactly the previous value and flash the server's reason. */
	| {type: 'op/reverted'; opId: string; message: string; at?: number};

export type FlashAction =
	| {type: 'flash/show'; message: string; level: FlashLevel; at: number}
	| {type: 'flash/dismiss'; id: number}
	/** Drops every flash shown before `before`. */
	| {type: 'flash/expire'; before: number};

export type ConnectionAction =
	| {type: 'connection/operator'; operator: Operator | null}
	/** The server the app talks to, once known (the embedded sandbox starts after the first frame). */
	| {type: 'connection/server'; serverUrl: string}
	| {type: 'connection/legacy'; enabled: boolean}
	/** From now on the app changes nothing; `reason` says why in the status line and on every action key. */
	| {type: 'connection/readOnly'; reason: string}
	| {type: 'catalogues/loaded'; catalogues: Catalogues}
	/** `error` sets lastError (null clears it); leave it out to keep the last one. */
	| {type: 'connection/status'; status: ConnectionStatus; error?: string | null; at?: number};

export type ClockAction = {type: 'clock/tick'; now: number};

export type Action =
	| FilterAction
	| ModeAction
	| TokensAction
	| SelectionAction
	| OpAction
	| FlashAction
	| ConnectionAction
	| ClockAction
	| FormAction;

export type ActionType = Action['type'];
