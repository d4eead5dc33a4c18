import {isApiError} from '../api/index.js';
import {copyName} from '../domain/copy-name.js';
import type {AccessToken} from '../domain/token.js';
import {errorWords} from '../i18n/api-errors.js';
import {t} from '../i18n/index.js';
import {plainToken, type Action, type Intent, type IntentKind} from '../state/index.js';

/** What a row's pending marker and the messages call each action, in the current language. */
export function actionWords(kind: IntentKind): {pending: string; done: string; failed: string} {
	return {pending: t(`op.${kind}.pending`), done: t(`op.${kind}.done`), failed: t(`op.${kind}.failed`)};
}

/** A 403 on a write: from now on the app changes nothing, and says why. */
export function readOnlyAfter(error: unknown, dispatch: (action: Action) => void): void {
	if (isApiError(error) && error.code === 'forbidden') {
		dispatch({type: 'connection/readOnly', reason: t('op.serverRefused', {reason: errorWords(error)})});
	}
}

/** The Id an optimistic duplicate shows under until the server names it. */
export function temporaryId(opId: string): string {
	return `pending:${opId}`;
}

/**
 * The row as it will be once the server agrees: null removes it. A duplicate
 * appears as a new row named "<name> (copy)", with no credentials yet.
 */
export function optimisticValue(
	intent: Intent,
	current: AccessToken,
	opId: string,
	now: number,
): AccessToken | null {
	// The collection's tokens are packed handles: their fields are getters, which a spread would not copy.
	const token = plainToken(current);
	const at = new Date(now).toISOString();
	switch (intent.kind) {
		case 'delete': {
			return null;
		}

		case 'disable': {
			return {...token, State: 'Disabled', UpdatedAt: at};
		}

		case 'enable': {
			return {...token, State: 'Enabled', UpdatedAt: at};
		}

		case 'upgrade': {
			return {...token, ApiVersion: intent.apiVersion, UpdatedAt: at};
		}

		case 'reset': {
			// The new secret's last four characters are not known until the server answers.
			if (intent.credential === 'ReadOnly' && token.ReadOnly) {
				return {...token, ReadOnly: {...token.ReadOnly, AuthTokenHint: '····'}, UpdatedAt: at};
			}

			return {...token, AuthTokenHint: '····', UpdatedAt: at};
		}

		case 'duplicate': {
			return {
				...token,
				Id: temporaryId(opId),
				Name: copyName(token.Name),
				// The server makes every copy enabled, whatever the original's state.
				State: 'Enabled',
				Legacy: false,
				ReadOnly: null,
				CreatedAt: at,
				UpdatedAt: at,
				LastUsedAt: null,
				AccountSid: '',
				AuthTokenHint: '',
				Version: 0,
			};
		}
	}
}
