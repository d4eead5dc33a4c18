/** What has the keyboard: the list, the search field, or an overlay above them. */
import type {Action} from './actions.js';
import type {Mode, Overlay} from './types.js';

/** Search mode starts with `/` and ends with Enter (keep), Esc (clear) or clearing every filter. */
export function reduceMode(mode: Mode, action: Action): Mode {
	switch (action.type) {
		case 'search/start': {
			return 'search';
		}

		// Clearing every filter also ends a search: the field it edits is now empty.
		case 'search/accept':
		case 'search/cancel':
		case 'filter/clear': {
			return 'list';
		}

		default: {
			return mode;
		}
	}
}

/** One overlay at a time: opening one replaces any open one. */
export function reduceOverlay(overlay: Overlay, action: Action): Overlay {
	switch (action.type) {
		case 'overlay/open': {
			return action.overlay;
		}

		case 'overlay/close': {
			return null;
		}

		default: {
			return overlay;
		}
	}
}
