/** The app's state: one pure reducer, its actions, and memoised selectors. No React, Ink or got. */
export type * from './actions.js';
export type * from './types.js';
export {initialState, type InitialStateOptions} from './initial-state.js';
export {reducer} from './reducer.js';
export {unlistedTokenIds} from './collection-reducer.js';
export * from './selectors.js';
export {scrollWindow, windowHeight} from './window.js';
export {makeRow, sameToken} from './token-rows.js';
export {packToken, plainToken} from './packed-tokens.js';
export {KeyedMap} from './keyed-map.js';
export {appendBatchSize, maxBatch} from './loading.js';
export {mayManageTokens, selectReadOnly} from './roles.js';
