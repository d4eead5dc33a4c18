/** `n` and Enter in a token's details: open the create wizard or the edit form, or say why not. */
import {t} from '../i18n/index.js';
import {selectReadOnly, type AppState} from '../state/index.js';
import {createForm, editForm, type TokenForm} from '../state/token-form.js';
import type {StoreAccess} from './store.js';

let serial = 0;

/** A new identity per opened form, so a late answer never lands in a newer form. */
function nextFormId(): string {
	serial++;
	return `form${serial}`;
}

const notLoaded = () => t('form.notLoaded');

function say(store: StoreAccess, message: string): void {
	store.dispatch({type: 'flash/show', message, level: 'info', at: Date.now()});
}

/** Why no form can open now, or null. */
function blocked(state: AppState): string | null {
	const readOnly = selectReadOnly(state);
	if (readOnly !== null) return t('intent.readOnly', {reason: readOnly});
	if (!state.catalogues) return notLoaded();
	return null;
}

/** `n`: the create wizard, with the latest API version and the operator as contact chosen. */
export function startCreate(store: StoreAccess): void {
	const state = store.getState();
	const reason = blocked(state);
	if (reason !== null || !state.catalogues) {
		say(store, reason ?? '');
		return;
	}

	const form = createForm(nextFormId(), state.catalogues, state.connection.operator?.UserId ?? null);
	openForm(store, state, form);
}

/** Enter in a token's details: its edit form. */
export function startEdit(store: StoreAccess): void {
	const state = store.getState();
	if (state.overlay?.kind !== 'details') return;
	const token = state.tokens.byId.get(state.overlay.tokenId)?.token;
	const reason = blocked(state);
	if (reason !== null || !state.catalogues) {
		say(store, reason ?? '');
		return;
	}

	if (!token) {
		say(store, t('form.gone'));
		return;
	}

	if ([...state.pending.values()].some((op) => op.tokenId === token.Id)) {
		say(store, t('form.pending', {name: token.Name}));
		return;
	}

	const form = editForm(nextFormId(), token, state.connection.operator?.UserId ?? null);
	openForm(store, state, form);
}

/** Opens the form; an earlier "not loaded yet" would now only mislead, so it goes. */
function openForm(store: StoreAccess, state: AppState, form: TokenForm): void {
	store.dispatch({type: 'overlay/open', overlay: {kind: 'form', form}});
	const last = state.flashes.at(-1);
	if (last?.message === notLoaded()) store.dispatch({type: 'flash/dismiss', id: last.id});
}
