/**
 * The API client's errors in the operator's language. The client writes its
 * messages in English for logs and stderr (source/api/errors.ts); in English
 * they show as written, in another language they are said again from the
 * error's code and status. The English entries of `api.*` are the client's
 * own words where they are fixed, and the meaning where they depend on the
 * server's text.
 */
import {formatDuration} from '../api/errors.js';
import {en} from './en.js';
import {language, t, type MessageKey} from './index.js';
import {localiseProblem, readBack} from './problems.js';

/** What an `ApiError` of source/api carries that the words depend on (structurally, to keep i18n free of the client). */
export type ErrorFacts = {
	readonly code: string;
	readonly message: string;
	readonly status?: number | undefined;
	readonly serverMessage?: string | undefined;
	readonly retryAfterMs?: number | undefined;
};

const shapes = [
	'api.network',
	'api.lost',
	'api.timeout',
	'api.conflict',
	'api.badResponse',
	'api.aborted',
] as const satisfies readonly MessageKey[];

const reasons = [
	'net.ECONNREFUSED',
	'net.ECONNRESET',
	'net.ENOTFOUND',
	'net.EHOSTUNREACH',
	'net.ENETUNREACH',
	'net.timedOut',
	'net.closed',
] as const satisfies readonly MessageKey[];

/** A thrown value as the status line shows it, in the current language. */
export function errorWords(error: unknown): string {
	return describe(error, true);
}

/**
 * The flash while the client waits to repeat a write. The client's English
 * reason shows as written (its own "try again in" included, as before); in
 * another language the retry's wait alone says when.
 */
export function retryWords(error: unknown, delayMs: number): string {
	return t('api.retrying', {reason: describe(error, false), duration: formatDuration(delayMs)});
}

function describe(error: unknown, sayRetryAfter: boolean): string {
	if (!isErrorFacts(error)) return error instanceof Error ? error.message : String(error);
	if (language() === 'en') return error.message;
	const shaped = readBack(error.message, shapes);
	if (shaped) {
		const reason = shaped.values['reason'];
		const known = reason === undefined ? undefined : readBack(reason, reasons);
		return t(shaped.key, {...shaped.values, ...(known ? {reason: t(known.key)} : {})});
	}

	if (error.message.startsWith(en['api.cutOff'])) return t('api.cutOff');
	const status = error.status ?? 0;
	switch (error.code) {
		case 'validation': {
			return error.serverMessage === undefined
				? t('api.refused', {status})
				: localiseProblem(error.serverMessage);
		}

		case 'unauthorized': {
			return t('api.unauthorized');
		}

		case 'forbidden': {
			return t('api.forbidden');
		}

		case 'notFound': {
			return t('api.notFound', {status});
		}

		case 'conflict': {
			return t('api.conflict');
		}

		case 'rateLimited': {
			return (
				t('api.rateLimited') +
				(error.retryAfterMs === undefined || !sayRetryAfter
					? ''
					: t('api.retryIn', {duration: formatDuration(error.retryAfterMs)}))
			);
		}

		case 'server': {
			return t('api.server', {status});
		}

		case 'timeout': {
			return t('api.slow', {status});
		}

		default: {
			return error.message;
		}
	}
}

function isErrorFacts(value: unknown): value is ErrorFacts {
	return (
		value instanceof Error &&
		value.name === 'ApiError' &&
		typeof (value as {code?: unknown}).code === 'string'
	);
}
