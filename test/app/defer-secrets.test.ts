import {describe, expect, it} from 'vitest';
import {deferWhileEditing} from '../../source/app/defer-secrets.js';
import type {RevealedSecret} from '../../source/state/index.js';
import {createForm} from '../../source/state/token-form.js';
import {createStore} from '../../source/ui/store.js';
import {baseState, catalogues} from '../state/wizard-fixtures.js';

const secret = (tokenName: string): RevealedSecret => ({
	tokenName,
	credential: 'ReadWrite',
	credentials: {AccountSid: `IR${tokenName}`, AuthToken: 'secret'},
});

describe('new credentials while a form is open', () => {
	it('show at once when no form is open', () => {
		const store = createStore(baseState());
		const shown: RevealedSecret[][] = [];
		deferWhileEditing(store, (secrets) => shown.push(secrets))([secret('a')]);
		expect(shown).toEqual([[secret('a')]]);
	});

	it('wait while a form is open, say so, and show once it closes, never dropping the form', () => {
		const store = createStore(baseState());
		const shown: RevealedSecret[][] = [];
		const show = deferWhileEditing(store, (secrets) => shown.push(secrets));
		store.dispatch({type: 'overlay/open', overlay: {kind: 'form', form: createForm('f', catalogues, null)}});
		show([secret('a')]);
		show([secret('b')]);
		expect(shown).toEqual([]);
		expect(store.getState().overlay?.kind).toBe('form');
		expect(store.getState().flashes.at(-1)?.message).toBe(
			'New credentials for 2 tokens are ready: they show once you close this dialog',
		);
		store.dispatch({type: 'form/back'});
		expect(shown).toEqual([[secret('a'), secret('b')]]);
		store.dispatch({type: 'flash/expire', before: Number.MAX_SAFE_INTEGER});
		expect(shown).toHaveLength(1);
	});
});
