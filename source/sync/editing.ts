/**
 * Where the create wizard and the edit form meet the network. Both are
 * optimistic like the token actions: the row changes at once, marked pending,
 * and the server's answer commits it or reverts it with the server's reason.
 * The form, while still open, hears the answer too: a 400 lands beside the
 * field it names, a 412 opens the conflict view.
 */
import {isApiError, type ApiClient} from '../api/index.js';
import type {AccessToken} from '../domain/token.js';
import {errorWords} from '../i18n/api-errors.js';
import {t} from '../i18n/index.js';
import {plainToken, type Action, type AppState, type RevealedSecret} from '../state/index.js';
import {formEdit, formInput, type TokenForm} from '../state/token-form.js';
import {readOnlyAfter, temporaryId} from './optimistic.js';

export type EditingOptions = {
	client: ApiClient;
	getState(): AppState;
	dispatch(action: Action): void;
	/** The new token's credentials, for the one-time display. */
	onSecrets(secrets: RevealedSecret[]): void;
	/** After an answer that may or may not have been applied: read the list again. */
	refresh?(): void;
	now?: () => number;
};

export type Editing = {
	/** Creates the token, or saves the edit, that the form holds. */
	submit(form: TokenForm): Promise<void>;
	/** How many creates and saves are still waiting for the server. */
	readonly inFlight: number;
	/** Waits for them to settle, or `timeoutMs`; true when none is left. */
	drain(timeoutMs: number): Promise<boolean>;
};

export function createEditing({
	client,
	getState,
	dispatch,
	onSecrets,
	refresh,
	now = Date.now,
}: EditingOptions): Editing {
	const running = new Set<Promise<void>>();
	let sequence = 0;

	/** Whether form `formId` is still open, so its answer can go to it. */
	const formOpen = (formId: string) => {
		const {overlay} = getState();
		return overlay?.kind === 'form' && overlay.form.id === formId;
	};

	const flash = (message: string, level: 'success' | 'error') => {
		dispatch({type: 'flash/show', message, level, at: now()});
	};

	async function create(form: TokenForm): Promise<void> {
		const input = formInput(form);
		const opId = `create${++sequence}`;
		const at = new Date(now()).toISOString();
		const pending: AccessToken = {
			Id: temporaryId(opId),
			...input,
			State: 'Enabled',
			Legacy: false,
			CreatedAt: at,
			UpdatedAt: at,
			LastUsedAt: null,
			AccountSid: '',
			AuthTokenHint: '',
			ReadOnly: null,
			Version: 0,
		};
		dispatch({
			type: 'op/applied',
			op: {opId, tokenId: pending.Id, kind: 'insert', label: 'Creating', startedAt: now()},
			next: pending,
		});
		// Back in the list, the cursor is on the new row (and follows it to its real Id).
		dispatch({type: 'cursor/select', tokenId: pending.Id});
		try {
			const created = await client.createToken(input);
			dispatch({type: 'op/committed', opId, token: created.AccessToken});
			flash(t('sync.created', {name: created.AccessToken.Name}), 'success');
			// The wizard is done: its own token's credentials take its place.
			if (formOpen(form.id)) dispatch({type: 'overlay/close'});
			onSecrets([
				{tokenName: created.AccessToken.Name, credential: 'ReadWrite', credentials: created.Credentials},
			]);
		} catch (error) {
			const reason = errorWords(error);
			readOnlyAfter(error, dispatch);
			dispatch({
				type: 'op/reverted',
				opId,
				message: t('sync.notCreated', {name: input.Name, reason}),
				at: now(),
			});
			if (formOpen(form.id))
				dispatch({type: 'form/rejected', formId: form.id, message: reason, ...fieldOf(error)});
			if (isApiError(error) && error.maybeApplied) refresh?.();
		}
	}

	async function save(form: TokenForm): Promise<void> {
		const tokenId = form.tokenId!;
		const edit = formEdit(form);
		const current = getState().tokens.byId.get(tokenId)?.token;
		const opId = `edit${++sequence}`;
		if (current) {
			dispatch({
				type: 'op/applied',
				op: {opId, tokenId, kind: 'update', label: t('op.saving'), startedAt: now()},
				next: {...plainToken(current), ...edit, UpdatedAt: new Date(now()).toISOString()},
			});
		}

		const name = current?.Name ?? edit.Name;
		try {
			const token = await client.editToken(tokenId, edit, form.version);
			dispatch(current ? {type: 'op/committed', opId, token} : {type: 'tokens/upserted', token});
			flash(t('sync.saved', {name: token.Name}), 'success');
			if (formOpen(form.id)) dispatch({type: 'overlay/open', overlay: {kind: 'details', tokenId}});
		} catch (error) {
			const reason = errorWords(error);
			readOnlyAfter(error, dispatch);
			const conflict = isApiError(error) && error.code === 'conflict';
			if (current) {
				const suffix = conflict ? t('sync.keptInForm') : '';
				dispatch({
					type: 'op/reverted',
					opId,
					message: t('sync.notSaved', {name, reason}) + (formOpen(form.id) ? suffix : ''),
					at: now(),
				});
			} else flash(t('sync.notSaved', {name, reason}), 'error');

			if (conflict || (isApiError(error) && (error.maybeApplied || error.code === 'notFound'))) {
				const server = await refetch(tokenId);
				if (!formOpen(form.id)) return;
				if (conflict && server) dispatch({type: 'form/conflict', formId: form.id, server});
				else if (!server)
					dispatch({
						type: 'form/rejected',
						formId: form.id,
						message: t('sync.deleted'),
					});
				else dispatch({type: 'form/rejected', formId: form.id, message: reason});
				return;
			}

			if (formOpen(form.id))
				dispatch({type: 'form/rejected', formId: form.id, message: reason, ...fieldOf(error)});
		}
	}

	/** The token as the server holds it now, into the list too; null when it is gone. */
	async function refetch(tokenId: string): Promise<AccessToken | null> {
		try {
			const token = await client.getToken(tokenId);
			dispatch({type: 'tokens/upserted', token});
			return token;
		} catch (error) {
			if (isApiError(error) && error.code === 'notFound') {
				dispatch({type: 'tokens/removed', tokenId});
				return null;
			}

			// Unknown: keep what the list shows.
			return getState().tokens.byId.get(tokenId)?.token ?? null;
		}
	}

	function track(work: Promise<void>): Promise<void> {
		running.add(work);
		void work.finally(() => running.delete(work));
		return work;
	}

	return {
		submit: async (form) => track(form.mode === 'create' ? create(form) : save(form)),
		get inFlight() {
			return running.size;
		},
		async drain(timeoutMs) {
			const deadline = new Promise<void>((resolve) => {
				setTimeout(resolve, timeoutMs).unref();
			});
			await Promise.race([Promise.allSettled([...running]), deadline]);
			return running.size === 0;
		},
	};
}

/** The field a server 400 names, as the form's rejection wants it. */
function fieldOf(error: unknown): {field?: string} {
	return isApiError(error) && error.code === 'validation' && error.field !== undefined
		? {field: error.field}
		: {};
}
