import type {AuditView, Overlay} from '../state/index.js';
import type {KeyPress} from './keymap.js';
import type {StoreAccess} from './store.js';

export const emptyAudit: AuditView = {entries: [], numPages: 1, total: 0, loading: true, error: null};

/** Keys in the audit view: pages back and forth, Esc or q leaves. */
export function routeAuditKey(
	store: StoreAccess,
	overlay: Extract<Overlay, {kind: 'audit'}>,
	input: string,
	key: KeyPress,
	effects: {loadAudit(page: number): void},
): void {
	const go = (page: number) => {
		if (page >= 1 && page <= overlay.audit.numPages && page !== overlay.page) effects.loadAudit(page);
	};

	if (key.escape || input === 'q' || input === 'A') store.dispatch({type: 'overlay/close'});
	else if (key.pageDown || key.downArrow || input === 'j' || input === 'n') go(overlay.page + 1);
	else if (key.pageUp || key.upArrow || input === 'k' || input === 'p') go(overlay.page - 1);
	else if (input === 'g') go(1);
	else if (input === 'G') go(overlay.audit.numPages);
}
