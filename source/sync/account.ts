import type {ApiClient} from '../api/index.js';
import {errorWords} from '../i18n/api-errors.js';
import {t} from '../i18n/index.js';
import type {Action, AppState} from '../state/index.js';
import {readOnlyAfter} from './optimistic.js';

/** Account-wide requests: the legacy-token switch and the audit log. */
export function createAccount(
	client: ApiClient,
	dispatch: (action: Action) => void,
	getState: () => AppState,
	refresh: () => Promise<void>,
	now = Date.now,
) {
	const say = (message: string, level: 'info' | 'success' | 'error') => {
		dispatch({type: 'flash/show', message, level, at: now()});
	};

	return {
		async loadLegacySwitch(): Promise<void> {
			try {
				dispatch({type: 'connection/legacy', enabled: await client.legacyEnabled()});
			} catch {
				// The list works without it; `l` asks again.
			}
		},

		/** Turns legacy tokens on for the account, then loads them into the list. */
		async enableLegacy(): Promise<void> {
			try {
				dispatch({type: 'connection/legacy', enabled: await client.enableLegacy()});
				await refresh();
				say(t('sync.legacyOn'), 'success');
			} catch (error) {
				say(t('sync.legacyFailed', {reason: errorWords(error)}), 'error');
				// Like a refused token action: a 403 on a write means this session may only read.
				readOnlyAfter(error, dispatch);
			}
		},

		/** Loads one page of the audit log into the open `A` view. */
		async loadAudit(page: number): Promise<void> {
			const pageSize = Math.max(5, getState().viewport.listHeight - 1);
			const current = getState().overlay;
			if (current?.kind !== 'audit') return;
			dispatch({type: 'overlay/open', overlay: {...current, page, audit: {...current.audit, loading: true}}});
			try {
				const result = await client.auditLog(page, pageSize);
				const open = getState().overlay;
				// Closed meanwhile, or paged on (keys faster than the server): a later answer is due.
				if (open?.kind !== 'audit' || open.page !== page) return;
				dispatch({
					type: 'overlay/open',
					overlay: {
						kind: 'audit',
						page,
						audit: {
							entries: result.entries,
							numPages: result.info['@numpages'],
							total: result.info['@total'],
							loading: false,
							error: null,
						},
					},
				});
			} catch (error) {
				const open = getState().overlay;
				if (open?.kind === 'audit' && open.page === page) {
					dispatch({
						type: 'overlay/open',
						overlay: {...open, audit: {...open.audit, loading: false, error: errorWords(error)}},
					});
				}
			}
		},
	};
}

export type AccountEffects = ReturnType<typeof createAccount>;
