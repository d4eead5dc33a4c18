import {t} from '../i18n/index.js';
import type {RevealedSecret} from '../state/index.js';
import type {Store} from '../ui/store.js';

/**
 * New credentials (from a duplicate or reset still in flight, say) arrive
 * whenever the server answers. Shown at once they would replace an open
 * create or edit form and drop what was typed there; so while a form is open
 * they wait, with a word in the message line, and show as soon as it closes.
 */
export function deferWhileEditing(
	store: Store,
	show: (secrets: RevealedSecret[]) => void,
): (secrets: RevealedSecret[]) => void {
	let waiting: RevealedSecret[] = [];
	// Any dialog the operator is in the middle of (a form, a confirmation, a choice) goes first;
	// the list, a details pane and a secrets dialog (which the new ones join) do not wait.
	const formOpen = () => {
		const {overlay} = store.getState();
		return overlay !== null && overlay.kind !== 'details' && overlay.kind !== 'secrets';
	};
	store.subscribe(() => {
		if (waiting.length === 0 || formOpen()) return;
		const due = waiting;
		waiting = [];
		show(due);
	});
	return (secrets) => {
		if (!formOpen()) {
			show(secrets);
			return;
		}

		waiting = [...waiting, ...secrets];
		store.dispatch({
			type: 'flash/show',
			message: t('secrets.ready', {subject: subjectOf(waiting)}),
			level: 'info',
			at: Date.now(),
		});
	};
}

/** Opens the secrets dialog, or adds to the one still open, so no secret shown once is lost. */
export function showSecrets(store: Store, secrets: RevealedSecret[]): void {
	const {overlay} = store.getState();
	const all = overlay?.kind === 'secrets' ? [...overlay.secrets, ...secrets] : secrets;
	const title = t('secrets.title', {subject: subjectOf(all)});
	store.dispatch({type: 'overlay/open', overlay: {kind: 'secrets', title, secrets: all, copied: null}});
}

/** "Billing sync" in quotes, or "3 tokens". */
function subjectOf(secrets: readonly RevealedSecret[]): string {
	return secrets.length === 1
		? t('secrets.named', {name: secrets[0]!.tokenName})
		: t('intent.tokens', {n: secrets.length});
}
