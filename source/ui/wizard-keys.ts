/**
 * Keys while the create wizard or the edit form is open. The form takes every
 * key (Ctrl+C too: quitting asks first when input would be lost). Each key
 * becomes one form action, reduced at once, so a burst of keys in one chunk
 * ("billing-42⏎" typed faster than a frame) lands exactly as typed.
 */
import type {FormAction} from '../state/form-actions.js';
import {isDirty, type TokenForm} from '../state/token-form.js';
import type {KeyPress} from './keymap.js';
import type {StoreAccess} from './store.js';

export type FormEffects = {
	/** Sends the form (create, or save an edit); called once its status turns to `submitting`. */
	submitForm(form: TokenForm): void;
	quit(): void;
};

/** How far PgUp / PgDn move in a picker or the scope tree. */
const page = 10;

export function routeFormKey(
	store: StoreAccess,
	form: TokenForm,
	input: string,
	key: KeyPress,
	effects: FormEffects,
): void {
	const act = (action: FormAction) => {
		store.dispatch(action);
		const after = store.getState().overlay;
		// The reducer decides whether the form may be sent; sending is ours to do.
		if (
			after?.kind === 'form' &&
			after.form.status.kind === 'submitting' &&
			form.status.kind !== 'submitting'
		) {
			effects.submitForm(after.form);
		}
	};

	if (key.ctrl && input === 'c') {
		const asked = form.status.kind === 'asking' && form.status.purpose === 'quit';
		if (!asked && form.status.kind === 'editing' && isDirty(form)) act({type: 'form/ask', purpose: 'quit'});
		else effects.quit();
		return;
	}

	switch (form.status.kind) {
		case 'asking': {
			if (input === 'y') {
				act({type: 'form/answer', discard: true});
				if (form.status.purpose === 'quit') effects.quit();
			} else if (input === 'n' || key.escape) act({type: 'form/answer', discard: false});
			return;
		}

		case 'conflict': {
			if (input === 'r') act({type: 'form/reapply'});
			else if (input === 'd') act({type: 'form/discard'});
			else if (key.escape) act({type: 'form/back'});
			return;
		}

		case 'submitting': {
			if (key.escape) act({type: 'form/back'});
			return;
		}

		case 'editing': {
			break;
		}
	}

	if (key.return) act({type: 'form/accept'});
	else if (key.escape) act({type: 'form/back'});
	else if (key.tab) act({type: 'form/focus', direction: key.shift ? -1 : 1});
	else if (key.ctrl && input === 's') act({type: 'form/finish'});
	else {
		const action = fieldAction(form, input, key);
		if (action) act(action);
	}
}

/** What a key means on the focused field: text to edit, a list to move in, scopes to toggle. */
function fieldAction(form: TokenForm, input: string, key: KeyPress): FormAction | undefined {
	const move = movement(input, key, isText(form));
	if (move !== undefined) return {type: 'form/move', delta: move};
	if (isText(form)) return textAction(input, key);
	if (onListedEmail(form)) {
		if (key.backspace || key.delete || input === 'd') return {type: 'form/edit', edit: 'delete'};
		return printable(input, key) ? {type: 'form/type', text: input} : undefined;
	}

	if (form.field === 'Scopes') {
		if (input === ' ') return {type: 'form/toggle'};
		if (input === 'a') return {type: 'form/clearScopes'};
		if (key.rightArrow || input === 'l') return {type: 'form/expand', open: true};
		if (key.leftArrow || input === 'h') return {type: 'form/expand', open: false};
	}

	return undefined;
}

function isText(form: TokenForm): boolean {
	return (
		form.field === 'Name' ||
		form.field === 'Description' ||
		(form.field === 'DeveloperEmails' && form.emailIndex < 0)
	);
}

function onListedEmail(form: TokenForm): boolean {
	return form.field === 'DeveloperEmails' && form.emailIndex >= 0;
}

/**
 * Up and down everywhere; in lists (not text) also j/k, PgUp/PgDn, Home/End
 * and g/G, as in the token list.
 */
function movement(input: string, key: KeyPress, text: boolean): number | undefined {
	if (key.upArrow) return -1;
	if (key.downArrow) return 1;
	if (text) return undefined;
	if (input === 'k' && !key.ctrl) return -1;
	if (input === 'j' && !key.ctrl) return 1;
	if (key.pageUp) return -page;
	if (key.pageDown) return page;
	if (key.home || input === 'g') return -Number.MAX_SAFE_INTEGER;
	if (key.end || input === 'G') return Number.MAX_SAFE_INTEGER;
	return undefined;
}

/** Editing keys of a one-line text field, as shells and ink-text-input have them. */
function textAction(input: string, key: KeyPress): FormAction | undefined {
	if (key.leftArrow) return {type: 'form/edit', edit: 'left'};
	if (key.rightArrow) return {type: 'form/edit', edit: 'right'};
	if (key.home || (key.ctrl && input === 'a')) return {type: 'form/edit', edit: 'home'};
	if (key.end || (key.ctrl && input === 'e')) return {type: 'form/edit', edit: 'end'};
	if (key.backspace) return {type: 'form/edit', edit: 'backspace'};
	if (key.delete) return {type: 'form/edit', edit: 'delete'};
	if (key.ctrl && input === 'u') return {type: 'form/edit', edit: 'clearBefore'};
	if (key.ctrl && input === 'k') return {type: 'form/edit', edit: 'clearAfter'};
	if (key.ctrl && input === 'w') return {type: 'form/edit', edit: 'deleteWord'};
	return printable(input, key) ? {type: 'form/type', text: input} : undefined;
}

function printable(input: string, key: KeyPress): boolean {
	return input !== '' && !key.ctrl && !key.meta;
}
