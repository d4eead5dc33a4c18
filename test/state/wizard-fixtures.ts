/** Small catalogues and helpers for the create wizard and edit form tests. */
import type {AccessToken} from '../../source/domain/token.js';
import type {FormAction} from '../../source/state/form-actions.js';
import {createForm, editForm, type TokenForm} from '../../source/state/token-form.js';
import type {AppState, Catalogues} from '../../source/state/index.js';
import {makeToken, run, stateWith} from './fixtures.js';

export const catalogues: Catalogues = {
	versions: [
		{Version: '14', ReleasedOn: '2023-07-10', Latest: false},
		{Version: '16', ReleasedOn: '2025-06-02', Latest: true},
		{Version: '15', ReleasedOn: '2024-08-26', Latest: false},
	],
	categories: [
		{
			Name: 'Account',
			Scopes: [
				{Id: 'account.users.get', Name: 'Read account users', Method: 'GET', Path: '/Users'},
				{Id: 'account.users.post', Name: 'Create account users', Method: 'POST', Path: '/Users'},
				{Id: 'account.users.delete', Name: 'Delete account users', Method: 'DELETE', Path: '/Users'},
			],
		},
		{
			Name: 'Invoices',
			Scopes: [
				{Id: 'invoices.invoices.get', Name: 'Read invoices', Method: 'GET', Path: '/Invoices'},
				{Id: 'invoices.payments.get', Name: 'Read payments', Method: 'GET', Path: '/Payments'},
			],
		},
	],
	users: [
		{Id: 'U1', Name: 'Ada Lindqvist', Email: 'ada@example.com'},
		{Id: 'U2', Name: 'Ravi Menon', Email: 'ravi@example.com'},
		{Id: 'U3', Name: 'Chloé Martin', Email: 'chloe@example.com'},
	],
};

/** The signed-in operator in these tests is Ravi (U2), so the contact picker starts with him. */
export const operatorId = 'U2';

export const edited: AccessToken = makeToken({
	Id: 'tok-edit',
	Name: 'Billing sync',
	Description: 'Nightly',
	ApiVersion: '15',
	PrimaryContact: 'U1',
	DeveloperEmails: ['dev@example.com'],
	Scopes: ['invoices.payments.get', 'invoices.invoices.get'],
	Version: 4,
});

/** A state with the catalogues loaded and `edited` in the list. */
export function baseState(): AppState {
	return run(stateWith([edited]), {type: 'catalogues/loaded', catalogues});
}

/** A state with the wizard open. */
export function withWizard(): AppState {
	return run(baseState(), {
		type: 'overlay/open',
		overlay: {kind: 'form', form: createForm('f1', catalogues, operatorId)},
	});
}

/** A state with the edit form of `edited` open. */
export function withEditForm(token: AccessToken = edited): AppState {
	return run(baseState(), {
		type: 'overlay/open',
		overlay: {kind: 'form', form: editForm('f2', token, operatorId)},
	});
}

/** The open form; throws when none is open. */
export function formOf(state: AppState): TokenForm {
	if (state.overlay?.kind !== 'form') throw new Error(`no form open: ${JSON.stringify(state.overlay)}`);
	return state.overlay.form;
}

/** Form actions by shorthand: text is typed one character per action, as keys arrive. */
export function keys(state: AppState, ...steps: Array<FormAction | string>): AppState {
	let next = state;
	for (const step of steps) {
		if (typeof step === 'string') {
			for (const character of step) next = run(next, {type: 'form/type', text: character});
		} else next = run(next, step);
	}

	return next;
}

export const enter: FormAction = {type: 'form/accept'};
export const esc: FormAction = {type: 'form/back'};
export const tab: FormAction = {type: 'form/focus', direction: 1};
export const shiftTab: FormAction = {type: 'form/focus', direction: -1};
export const down: FormAction = {type: 'form/move', delta: 1};
export const up: FormAction = {type: 'form/move', delta: -1};
export const space: FormAction = {type: 'form/toggle'};
export const right: FormAction = {type: 'form/expand', open: true};
export const left: FormAction = {type: 'form/expand', open: false};
export const backspace: FormAction = {type: 'form/edit', edit: 'backspace'};
