import {describe, expect, it} from 'vitest';
import {deferWhileEditing, showSecrets} from '../../source/app/defer-secrets.js';
import {initialState, type RevealedSecret} from '../../source/state/index.js';
import {createStore} from '../../source/ui/store.js';
import {confirmOverlay} from '../../source/ui/intents.js';

const secret = (tokenName: string): RevealedSecret => ({
	tokenName,
	credential: 'ReadWrite',
	credentials: {AccountSid: `IR${tokenName}`, AuthToken: `secret-of-${tokenName}`},
});

function setup() {
	const store = createStore(
		initialState({now: 0, serverUrl: 'http://127.0.0.1:1', accountSid: 'IRAgencyDemo1'}),
	);
	const display = deferWhileEditing(store, (secrets) => {
		showSecrets(store, secrets);
	});
	const shown = () => {
		const {overlay} = store.getState();
		return overlay?.kind === 'secrets' ? overlay.secrets.map((one) => one.tokenName) : [];
	};

	return {store, display, shown};
}

describe('secrets shown once are never lost', () => {
	it('a second reset answered while the first secret is on screen joins the same dialog', () => {
		const {display, shown} = setup();
		display([secret('A')]);
		display([secret('B')]);
		expect(shown()).toEqual(['A', 'B']);
	});

	it('waits behind a confirmation the operator is answering, then shows when it closes', () => {
		const {store, display, shown} = setup();
		store.dispatch({
			type: 'overlay/open',
			overlay: confirmOverlay({
				title: 'Disable?',
				body: [],
				confirmLabel: 'Disable',
				risk: 'danger',
				tokenIds: ['x'],
				intent: {kind: 'disable', tokenIds: ['x']},
			}),
		});
		display([secret('A')]);
		expect(store.getState().overlay?.kind).toBe('confirm');
		store.dispatch({type: 'overlay/close'});
		expect(shown()).toEqual(['A']);
	});

	it('opens over a details pane at once', () => {
		const {store, display, shown} = setup();
		store.dispatch({type: 'overlay/open', overlay: {kind: 'details', tokenId: 'x'}});
		display([secret('A')]);
		expect(shown()).toEqual(['A']);
	});
});
