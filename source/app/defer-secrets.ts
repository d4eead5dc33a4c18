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
	const formOpen = () => store.getState().overlay?.kind === 'form';
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
			message: `New credentials for ${waiting.length === 1 ? `"${waiting[0]!.tokenName}"` : `${waiting.length} tokens`} are ready: they show once you leave this form`,
			level: 'info',
			at: Date.now(),
		});
	};
}
