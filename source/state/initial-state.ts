/** The state the app starts in, before anything has loaded. */
import {noFilters} from '../domain/filters.js';
import {emptyTokens} from './token-rows.js';
import type {AppState} from './types.js';

export type InitialStateOptions = {
	now: number;
	serverUrl: string;
	accountSid: string;
	/** Rows for the list until the UI measures the terminal; 80x24 leaves about 18. */
	listHeight?: number;
	/** Set by `--readonly`: the app changes nothing, whatever the role. */
	readOnlyReason?: string;
};

/** An empty, connecting state: no tokens, no filters, sorted by creation. */
export function initialState(options: InitialStateOptions): AppState {
	return {
		now: options.now,
		filters: noFilters,
		sort: 'created',
		mode: 'list',
		overlay: null,
		tokens: emptyTokens(),
		selection: {cursorId: null, cursorIndex: 0, top: 0, marks: new Set()},
		pending: new Map(),
		changedDuringLoad: null,
		flashes: [],
		nextFlashId: 1,
		connection: {
			serverUrl: options.serverUrl,
			accountSid: options.accountSid,
			operator: null,
			status: 'connecting',
			lastRefreshAt: null,
			lastError: null,
			lastErrorAt: null,
			loading: false,
			expectedTotal: null,
			legacyEnabled: null,
			readOnlyReason: options.readOnlyReason ?? null,
		},
		catalogues: null,
		viewport: {listHeight: options.listHeight ?? 18},
	};
}
