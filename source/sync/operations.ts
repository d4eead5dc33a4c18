import {isApiError, type ApiClient} from '../api/index.js';
import type {AccessToken} from '../domain/token.js';
import {errorWords} from '../i18n/api-errors.js';
import {t} from '../i18n/index.js';
import type {Action, AppState, Intent, RevealedSecret} from '../state/index.js';
import {actionWords, optimisticValue, readOnlyAfter} from './optimistic.js';

export type OperationsOptions = {
	client: ApiClient;
	getState(): AppState;
	dispatch(action: Action): void;
	/** Called with the secrets duplicate and reset return, for the one-time display. */
	onSecrets(secrets: RevealedSecret[], intent: Intent): void;
	/**
	 * Called when a write could not reach the server (connection refused or lost, timeout), so
	 * the session can check the connection at once instead of at its next background refresh.
	 */
	onUnreachable?(): void;
	now?: () => number;
};

export type Operations = {
	/** Applies the intent to every token it names at once, and syncs each with the server. */
	perform(intent: Intent): Promise<void>;
	/** How many operations are still waiting for the server. */
	readonly inFlight: number;
	/** Waits for every operation to settle, or `timeoutMs`; true when none is left. */
	drain(timeoutMs: number): Promise<boolean>;
};

/**
 * The only place where a token action meets the network. Each action is shown
 * at once (an optimistic op in the reducer), sent with `If-Match`, then
 * committed with the server's copy or reverted with the server's reason. Two
 * actions on one token run one after the other; on different tokens, together.
 */
export function createOperations({
	client,
	getState,
	dispatch,
	onSecrets,
	onUnreachable,
	now = Date.now,
}: OperationsOptions): Operations {
	const chains = new Map<string, Promise<void>>();
	const running = new Set<Promise<void>>();
	/** A duplicate's temporary row Id → the copy's Id once the server made it (null: it did not). */
	const copies = new Map<string, Promise<string | null>>();
	let sequence = 0;

	function enqueue(tokenId: string, work: () => Promise<void>): Promise<void> {
		const previous = chains.get(tokenId);
		// Nothing ahead on this token: start now, so the optimistic change is in the
		// state when perform() returns and the next key of the same chunk sees it.
		const next = previous ? previous.then(work, work) : work();
		chains.set(tokenId, next);
		running.add(next);
		void next.finally(() => {
			running.delete(next);
			if (chains.get(tokenId) === next) chains.delete(tokenId);
		});
		return next;
	}

	async function runOne(intent: Intent, tokenId: string): Promise<Outcome> {
		const current = getState().tokens.byId.get(tokenId)?.token;
		if (!current) return {tokenId, ok: false, name: tokenId, error: t('op.notInList')};
		const opId = `op${++sequence}`;
		const words = actionWords(intent.kind);
		const next = optimisticValue(intent, current, opId, now());
		const insert = intent.kind === 'duplicate';
		let named: (id: string | null) => void = () => undefined;
		if (insert) {
			const temporary = next!.Id;
			copies.set(
				temporary,
				new Promise((resolve) => {
					named = (id) => {
						copies.delete(temporary);
						resolve(id);
					};
				}),
			);
		}

		dispatch({
			type: 'op/applied',
			op: {
				opId,
				tokenId: insert ? next!.Id : tokenId,
				kind: insert ? 'insert' : next ? 'update' : 'remove',
				label: words.pending,
				startedAt: now(),
			},
			next,
		});
		try {
			const {token, secret} = await send(client, intent, current);
			dispatch({type: 'op/committed', opId, token});
			named(token?.Id ?? null);
			return {
				tokenId: token?.Id ?? tokenId,
				ok: true,
				name: current.Name,
				secret: secret && {...secret, tokenName: (token ?? current).Name},
			};
		} catch (error) {
			named(null);
			const reason = refreshHint(error, errorWords(error));
			dispatch({
				type: 'op/reverted',
				opId,
				message: t('op.oneFailed', {words: words.failed, name: current.Name, reason}),
				at: now(),
			});
			if (isApiError(error) && (error.code === 'network' || error.code === 'timeout')) onUnreachable?.();
			readOnlyAfter(error, dispatch);

			if (
				isApiError(error) &&
				(error.code === 'conflict' || error.maybeApplied || error.code === 'notFound')
			) {
				await refetch(current.Id);
			}

			return {tokenId, ok: false, name: current.Name, error: reason};
		}
	}

	/** After a conflict or an unknown outcome, the row shows what the server holds now. */
	async function refetch(tokenId: string): Promise<void> {
		try {
			dispatch({type: 'tokens/upserted', token: await client.getToken(tokenId)});
		} catch (error) {
			if (isApiError(error) && error.code === 'notFound') dispatch({type: 'tokens/removed', tokenId});
		}
	}

	async function performNow(intent: Intent): Promise<void> {
		const outcomes = await Promise.all(
			intent.tokenIds.map(async (given) => {
				const name = getState().tokens.byId.get(given)?.token.Name ?? given;
				// A duplicate's pending row: wait for the copy, then act on it under the server's Id.
				const copy = copies.get(given);
				const tokenId = copy ? await copy : given;
				let outcome: Outcome = {tokenId: given, ok: false, name, error: t('op.copyNotCreated')};
				if (tokenId === null) return outcome;
				await enqueue(tokenId, async () => {
					outcome = await runOne(intent, tokenId);
				});
				return outcome;
			}),
		);
		const secrets = outcomes.flatMap((outcome) => (outcome.secret ? [outcome.secret] : []));
		if (secrets.length > 0) onSecrets(secrets, intent);
		dispatch({type: 'flash/show', ...summarise(intent, outcomes), at: now()});
		if (intent.kind === 'enable' && intent.andReset) {
			const enabled = outcomes.filter((outcome) => outcome.ok).map((outcome) => outcome.tokenId);
			if (enabled.length > 0) await performNow({kind: 'reset', tokenIds: enabled});
		}
	}

	/** Whole intents in progress, follow-ups included (the reset after "enable and reset"). */
	const performing = new Set<Promise<void>>();

	return {
		perform(intent) {
			const done = performNow(intent);
			performing.add(done);
			void done.finally(() => performing.delete(done)).catch(() => undefined);
			return done;
		},
		get inFlight() {
			return running.size;
		},
		async drain(timeoutMs) {
			const deadline = new Promise<'timeout'>((resolve) => {
				setTimeout(resolve, timeoutMs, 'timeout').unref();
			});
			// Each intent settles only after its ops; a follow-up reset joins while we wait.
			while (performing.size > 0) {
				const settled = Promise.allSettled([...performing]);
				if ((await Promise.race([settled, deadline])) === 'timeout') break;
			}

			return performing.size === 0 && running.size === 0;
		},
	};
}

function refreshHint(error: unknown, message: string): string {
	if (isApiError(error) && error.code === 'conflict') return t('op.refreshed', {reason: message});
	return message;
}

/** `tokenId`: the token acted on (a duplicate's copy once it exists, not its temporary row). */
type Outcome = {tokenId: string; ok: boolean; name: string; error?: string; secret?: RevealedSecret};

/** One line for the whole action: what succeeded, and each failure by name. */
export function summarise(
	intent: Intent,
	outcomes: readonly Outcome[],
): {message: string; level: 'success' | 'error'} {
	const words = actionWords(intent.kind);
	const failed = outcomes.filter((outcome) => !outcome.ok);
	if (outcomes.length === 1) {
		const [only] = outcomes;
		return failed.length === 0
			? {message: t('op.one', {words: words.done, name: only!.name}), level: 'success'}
			: {
					message: t('op.oneFailed', {
						words: words.failed,
						name: only!.name,
						reason: only!.error ?? t('op.failed'),
					}),
					level: 'error',
				};
	}

	const done = t('op.many', {
		words: words.done,
		done: outcomes.length - failed.length,
		total: outcomes.length,
	});
	if (failed.length === 0) return {message: done, level: 'success'};
	const names = failed
		.map((outcome) => t('op.failedName', {name: outcome.name, reason: outcome.error ?? t('op.failed')}))
		.join(t('list.separator'));
	return {message: t('op.manyFailed', {summary: done, names}), level: 'error'};
}

type Sent = {token: AccessToken | null; secret?: Omit<RevealedSecret, 'tokenName'>};

/** One request of the contract for one token, with the version the operator saw as `If-Match`. */
async function send(client: ApiClient, intent: Intent, token: AccessToken): Promise<Sent> {
	switch (intent.kind) {
		case 'delete': {
			await client.deleteToken(token.Id, token.Version);
			return {token: null};
		}

		case 'disable': {
			return {token: await client.disableToken(token.Id, token.Version)};
		}

		case 'enable': {
			return {token: await client.enableToken(token.Id, token.Version)};
		}

		case 'upgrade': {
			return {token: await client.upgradeToken(token.Id, intent.apiVersion, token.Version)};
		}

		case 'reset': {
			const credential = token.Legacy ? (intent.credential ?? 'ReadWrite') : undefined;
			const result = await client.resetToken(token.Id, credential, token.Version);
			return {
				token: result.AccessToken,
				secret: {credentials: result.Credentials, credential: credential ?? 'ReadWrite'},
			};
		}

		case 'duplicate': {
			const result = await client.duplicateToken(token.Id, token.Version);
			return {token: result.AccessToken, secret: {credentials: result.Credentials, credential: 'ReadWrite'}};
		}
	}
}
