/** Flash messages: short-lived notices in the status line. */
import type {Action} from './actions.js';
import type {Flash} from './types.js';

/** Older flashes are dropped beyond this many; only the newest is shown anyway. */
export const maxFlashes = 20;

export type FlashSlice = {readonly flashes: readonly Flash[]; readonly nextFlashId: number};

/** `now` stamps flashes whose action carries no time (a revert). */
export function reduceFlashes(slice: FlashSlice, action: Action, now: number): FlashSlice {
	switch (action.type) {
		case 'flash/show': {
			return push(slice, {message: action.message, level: action.level, at: action.at});
		}

		// Every revert is said out loud: an operator never loses an intent silently.
		case 'op/reverted': {
			return push(slice, {message: action.message, level: 'error', at: action.at ?? now});
		}

		case 'flash/dismiss': {
			return keep(slice, (flash) => flash.id !== action.id);
		}

		case 'flash/expire': {
			return keep(slice, (flash) => flash.at >= action.before);
		}

		default: {
			return slice;
		}
	}
}

function push(slice: FlashSlice, flash: Omit<Flash, 'id'>): FlashSlice {
	const flashes = [...slice.flashes, {id: slice.nextFlashId, ...flash}];
	return {flashes: flashes.slice(-maxFlashes), nextFlashId: slice.nextFlashId + 1};
}

function keep(slice: FlashSlice, predicate: (flash: Flash) => boolean): FlashSlice {
	const flashes = slice.flashes.filter(predicate);
	return flashes.length === slice.flashes.length ? slice : {...slice, flashes};
}
