import {prepareNameSearch, selectCursor, type AppState} from '../state/index.js';
import {emptyAudit, routeAuditKey} from './audit-keys.js';
import {startCreate, startEdit} from './form-intents.js';
import {startLegacy, startTokenAction, type TokenActionId} from './intents.js';
import {describeAction} from '../i18n/actions.js';
import {t} from '../i18n/index.js';
import {decodeKeys} from './key-decoder.js';
import {routeChoiceKey, routeConfirmKey, routeSecretsKey, type OverlayEffects} from './overlay-keys.js';
import {bindingFor, type ActionId, type KeyPress} from './keymap.js';
import {routeFormKey, type FormEffects} from './wizard-keys.js';
import type {StoreAccess} from './store.js';

/** What keys can ask of the world outside the reducer. */
export type KeyEffects = OverlayEffects &
	FormEffects & {
		quit(): void;
		refresh(): void;
		/** Shows a token's credentials in its details pane for a while (audited by the server). */
		reveal(tokenId: string): void;
		/** Copies a token's Read/Write auth token to the clipboard. */
		copyAuthToken(tokenId: string): void;
		/** Loads a page of the audit log into the open audit view. */
		loadAudit(page: number): void;
		/** The role may not manage tokens: the refusal is on screen; end the app with status 3. */
		refuse(): void;
		/** `T`: starts the guided tour. */
		startTour?(): void;
		/** Esc in the list: leaves the guided tour; false when none is on (Esc then does nothing). */
		leaveTour?(): boolean;
	};

/**
 * Routes one input event as Ink's parser delivers it. Keys typed faster than a
 * frame (or sent by tmux, or batched by a slow link) arrive together: each is
 * routed on its own, against the state the previous one left, so "/billing⏎"
 * searches and keeps.
 */
export function routeInput(store: StoreAccess, data: string, effects: KeyEffects): void {
	for (const {input, key} of decodeKeys(data)) routeKey(store, input, key, effects);
}

function routeKey(store: StoreAccess, input: string, key: KeyPress, effects: KeyEffects): void {
	const state = store.getState();
	// An open form takes every key, Ctrl+C too: quitting asks first when input would be lost.
	if (state.overlay?.kind === 'form') {
		routeFormKey(store, state.overlay.form, input, key, effects);
		return;
	}

	if (key.ctrl && input === 'c') {
		effects.quit();
		return;
	}

	const {overlay} = state;
	switch (overlay?.kind) {
		case 'help': {
			store.dispatch({type: 'overlay/close'});
			return;
		}

		case 'confirm': {
			routeConfirmKey(store, overlay, input, key, effects);
			return;
		}

		case 'choose': {
			routeChoiceKey(store, overlay, input, key, effects);
			return;
		}

		case 'secrets': {
			routeSecretsKey(store, overlay, input, key, effects);
			return;
		}

		case 'audit': {
			routeAuditKey(store, overlay, input, key, effects);
			return;
		}

		default: {
			break;
		}
	}

	if (state.mode === 'search') {
		routeSearchKey(store, state, input, key);
		return;
	}

	const context = state.overlay?.kind === 'details' ? 'details' : 'list';
	if (context === 'details' && (key.escape || key.leftArrow)) {
		store.dispatch({type: 'overlay/close'});
		return;
	}

	// Esc leaves the tour only here, where it closes nothing else: from a dialog, Esc twice.
	if (context === 'list' && key.escape && effects.leaveTour?.()) return;

	const binding = bindingFor(input, key, context);
	if (!binding) return;
	if (!binding.available) {
		store.dispatch({
			type: 'flash/show',
			message: t('key.unavailable', {action: describeAction(binding)}),
			level: 'info',
			at: Date.now(),
		});
		return;
	}

	runAction(store, binding.action, effects, context === 'details');
}

/** The search field owns printable keys; arrows still move through the narrowing list. */
function routeSearchKey(store: StoreAccess, state: AppState, input: string, key: KeyPress): void {
	const name = state.filters.name;
	if (key.escape) store.dispatch({type: 'search/cancel'});
	else if (key.return) store.dispatch({type: 'search/accept'});
	else if (key.upArrow) store.dispatch({type: 'cursor/move', delta: -1});
	else if (key.downArrow) store.dispatch({type: 'cursor/move', delta: 1});
	else if (key.pageUp) store.dispatch({type: 'cursor/pageUp'});
	else if (key.pageDown) store.dispatch({type: 'cursor/pageDown'});
	else if (key.backspace || key.delete)
		store.dispatch({type: 'filter/setName', name: [...name].slice(0, -1).join('')});
	else if (key.ctrl && input === 'u') store.dispatch({type: 'filter/setName', name: ''});
	else if (!key.ctrl && !key.meta && !key.tab && input !== '') {
		store.dispatch({type: 'filter/setName', name: name + input});
	}
}

function runAction(store: StoreAccess, action: ActionId, effects: KeyEffects, inDetails: boolean): void {
	const {dispatch, getState} = store;
	switch (action) {
		case 'search': {
			dispatch({type: 'search/start'});
			// Once the frame that opens the search is out: the name index, ready for the first key.
			setImmediate(() => {
				prepareNameSearch(getState());
			});
			break;
		}

		case 'cycleCreatedOn': {
			dispatch({type: 'filter/cycleCreatedOn'});
			break;
		}

		case 'cycleState': {
			dispatch({type: 'filter/cycleState'});
			break;
		}

		case 'clearFilters': {
			dispatch({type: 'filter/clear'});
			break;
		}

		case 'cycleSort': {
			dispatch({type: 'sort/cycle'});
			break;
		}

		case 'up': {
			dispatch({type: 'cursor/move', delta: -1});
			break;
		}

		case 'down': {
			dispatch({type: 'cursor/move', delta: 1});
			break;
		}

		case 'pageUp': {
			dispatch({type: 'cursor/pageUp'});
			break;
		}

		case 'pageDown': {
			dispatch({type: 'cursor/pageDown'});
			break;
		}

		case 'first': {
			dispatch({type: 'cursor/first'});
			break;
		}

		case 'last': {
			dispatch({type: 'cursor/last'});
			break;
		}

		case 'open': {
			const {row} = selectCursor(getState());
			if (row) dispatch({type: 'overlay/open', overlay: {kind: 'details', tokenId: row.token.Id}});
			break;
		}

		case 'mark': {
			dispatch({type: 'marks/toggle'});
			break;
		}

		case 'legacy': {
			startLegacy(store);
			break;
		}

		case 'reveal':
		case 'copy': {
			const {overlay} = getState();
			if (overlay?.kind !== 'details') break;
			if (action === 'copy') effects.copyAuthToken(overlay.tokenId);
			else if (overlay.revealed)
				dispatch({type: 'overlay/open', overlay: {kind: 'details', tokenId: overlay.tokenId}});
			else effects.reveal(overlay.tokenId);
			break;
		}

		case 'audit': {
			dispatch({type: 'overlay/open', overlay: {kind: 'audit', page: 1, audit: emptyAudit}});
			effects.loadAudit(1);
			break;
		}

		case 'create': {
			startCreate(store);
			break;
		}

		case 'edit': {
			startEdit(store);
			break;
		}

		case 'refresh': {
			effects.refresh();
			break;
		}

		case 'tour': {
			effects.startTour?.();
			break;
		}

		case 'help': {
			dispatch({type: 'overlay/open', overlay: {kind: 'help'}});
			break;
		}

		case 'quit': {
			effects.quit();
			break;
		}

		case 'duplicate':
		case 'reset':
		case 'upgrade':
		case 'toggleState':
		case 'delete': {
			startTokenAction(store, action satisfies TokenActionId, effects.perform, {single: inDetails});
			break;
		}

		default: {
			break;
		}
	}
}
