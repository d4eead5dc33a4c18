import type {ApiClient} from '../api/index.js';
import type {Action, AppState} from '../state/index.js';
import {t} from '../i18n/index.js';
import {errorWords} from '../i18n/api-errors.js';

/** How long revealed credentials stay on screen. */
export const revealMs = 30_000;

export type CredentialsOptions = {
	client: ApiClient;
	getState(): AppState;
	dispatch(action: Action): void;
	/** Puts text on the clipboard; resolves with how it got there, for the message. */
	copy(text: string): Promise<{detail: string}>;
	now?: () => number;
};

/**
 * Reveal and copy of a token's credentials. Each fetch is a request the server
 * records in its audit log; the values live only in the open details pane and
 * vanish after 30 s or when the pane closes.
 */
export function createCredentials({client, getState, dispatch, copy, now = Date.now}: CredentialsOptions) {
	const say = (message: string, level: 'info' | 'success' | 'error') => {
		dispatch({type: 'flash/show', message, level, at: now()});
	};

	const openDetails = () => {
		const {overlay} = getState();
		return overlay?.kind === 'details' ? overlay : undefined;
	};

	return {
		async reveal(tokenId: string): Promise<void> {
			try {
				const credentials = await client.revealCredentials(tokenId);
				const details = openDetails();
				if (details?.tokenId !== tokenId) return;
				const revealed = {
					readWrite: credentials.ReadWrite,
					readOnly: credentials.ReadOnly,
					until: now() + revealMs,
				};
				dispatch({type: 'overlay/open', overlay: {...details, revealed}});
				setTimeout(() => {
					const still = openDetails();
					if (still?.revealed === revealed)
						dispatch({type: 'overlay/open', overlay: {kind: 'details', tokenId}});
				}, revealMs).unref();
			} catch (error) {
				say(t('sync.revealFailed', {reason: errorWords(error)}), 'error');
			}
		},

		/** Copies the Read/Write auth token: the one on screen, or fetched (and audited) without showing it. */
		async copyAuthToken(tokenId: string): Promise<void> {
			try {
				const details = openDetails();
				const authToken =
					details?.tokenId === tokenId && details.revealed
						? details.revealed.readWrite.AuthToken
						: (await client.revealCredentials(tokenId)).ReadWrite.AuthToken;
				const {detail} = await copy(authToken);
				const name = getState().tokens.byId.get(tokenId)?.token.Name ?? t('sync.theToken');
				say(t('sync.copied', {name, how: detail}), 'success');
			} catch (error) {
				say(t('sync.copyFailed', {reason: errorWords(error)}), 'error');
			}
		},
	};
}

export type CredentialsEffects = ReturnType<typeof createCredentials>;
