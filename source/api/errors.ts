/**
 * The one error type of the API client. Every failure (HTTP status, network,
 * timeout, garbage answer, cancellation) becomes an `ApiError` whose `message`
 * is fit for the status line as it is. Nothing here ever holds the operator's
 * auth token: got's own errors carry the request options (headers included),
 * so they are never attached, not even as `cause`.
 */

export const apiErrorCodes = [
	'network',
	'timeout',
	'unauthorized',
	'forbidden',
	'notFound',
	'conflict',
	'rateLimited',
	'server',
	'validation',
	'badResponse',
	'aborted',
] as const;

/**
 * What went wrong, coarsely enough to branch on:
 * - `network`: the server could not be reached or the connection broke;
 * - `timeout`: no complete answer within `timeoutMs`;
 * - `unauthorized` (401), `forbidden` (403), `notFound` (404 and 410);
 * - `conflict`: 409 or 412, the token changed since it was read;
 * - `rateLimited`: 429, see `retryAfterMs`;
 * - `server`: 5xx;
 * - `validation`: 400, 422 and other refusals of the request itself, see `field`;
 * - `badResponse`: an answer that is not JSON, is cut off, or lacks what the contract promises;
 * - `aborted`: the caller's `AbortSignal` fired.
 */
export type ApiErrorCode = (typeof apiErrorCodes)[number];

/** One field's problem in a validation error. */
export type FieldProblem = {field: string; message: string};

export type ApiErrorInit = {
	code: ApiErrorCode;
	message: string;
	status?: number;
	field?: string;
	fieldErrors?: FieldProblem[];
	retryAfterMs?: number;
	serverMessage?: string;
	operation?: string;
	maybeApplied?: boolean;
	cause?: Error;
};

/** A failed API call, with a readable `message` and a machine-usable `code`. */
export class ApiError extends Error {
	override name = 'ApiError';
	readonly code: ApiErrorCode;
	/** The HTTP status, when the server answered at all. */
	declare readonly status?: number;
	/** The field the server named in a validation error (`"Field"` of its JSON), as the API spells it. */
	declare readonly field?: string;
	/** Every field the server found wrong (its `"Errors"` list), first one first; at least the `field` one. */
	declare readonly fieldErrors?: FieldProblem[];
	/** How long the server asked us to wait (`Retry-After`), in milliseconds. */
	declare readonly retryAfterMs?: number;
	/** The server's own `Message`, verbatim, when it sent one. */
	declare readonly serverMessage?: string;
	/** `METHOD /path` of the call that failed, relative to the agency base; for logs. */
	declare readonly operation?: string;
	/**
	 * A write whose fate is unknown: it may have reached the server and been
	 * applied (timeout or connection lost after sending, 502/504 from a proxy,
	 * or a 2xx with an unreadable body). Refetch instead of assuming it failed.
	 */
	readonly maybeApplied: boolean;

	constructor(init: ApiErrorInit) {
		super(init.message, init.cause ? {cause: init.cause} : undefined);
		this.code = init.code;
		if (init.status !== undefined) this.status = init.status;
		if (init.field !== undefined) this.field = init.field;
		if (init.fieldErrors !== undefined) this.fieldErrors = init.fieldErrors;
		if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
		if (init.serverMessage !== undefined) this.serverMessage = init.serverMessage;
		if (init.operation !== undefined) this.operation = init.operation;
		this.maybeApplied = init.maybeApplied ?? false;
	}
}

/** Whether a value is an `ApiError` (also across duplicated module instances in bundles and tests). */
export function isApiError(value: unknown): value is ApiError {
	return (
		value instanceof ApiError || (value instanceof Error && value.name === 'ApiError' && 'code' in value)
	);
}

/** "350 ms", "10 s", "1.5 s", "12 min", "2 h": short enough for a status line. */
export function formatDuration(ms: number): string {
	if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
	const seconds = ms / 1000;
	if (seconds < 10) return `${Number(seconds.toFixed(1))} s`;
	if (seconds < 120) return `${Math.round(seconds)} s`;
	const minutes = seconds / 60;
	if (minutes < 120) return `${Math.round(minutes)} min`;
	return `${Number((minutes / 60).toFixed(1))} h`;
}

/** Words for the socket errors an operator meets; anything else shows its code. */
const networkReasons: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	EPIPE: 'connection closed while sending',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'name lookup failed, temporarily',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	EHOSTDOWN: 'host is down',
	ENETDOWN: 'network is down',
	ECONNABORTED: 'connection aborted',
	ERR_SOCKET_CONNECTION_TIMEOUT: 'connection timed out',
	UND_ERR_SOCKET: 'connection closed',
	CERT_HAS_EXPIRED: 'its TLS certificate has expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
	SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is self-signed',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
	ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host',
};

/** A readable reason for a socket error code ("connection refused"). */
export function networkReason(code: string | undefined): string {
	if (code === undefined) return 'connection failed';
	return networkReasons[code] ?? code;
}

/** Connect-phase failures: the request provably never reached the server, so even a write may be repeated. */
export const connectErrorCodes: ReadonlySet<string> = new Set([
	'ECONNREFUSED',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EHOSTDOWN',
	'ENETDOWN',
]);

/** Plain, short defaults for statuses whose answer carried no `Message`. */
const statusTexts: Record<number, string> = {
	400: 'Bad request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not found',
	405: 'Method not allowed',
	408: 'Request timeout',
	409: 'Conflict',
	410: 'Gone',
	412: 'Precondition failed',
	413: 'Request too large',
	415: 'Unsupported media type',
	422: 'Unprocessable request',
	429: 'Too many requests',
	500: 'Internal server error',
	502: 'Bad gateway',
	503: 'Service unavailable',
	504: 'Gateway timeout',
};

export function statusText(status: number): string {
	return statusTexts[status] ?? (status >= 500 ? 'Server error' : 'Request refused');
}

/** The error code for an HTTP status that is not a success. */
export function codeForStatus(status: number): ApiErrorCode {
	if (status === 401) return 'unauthorized';
	if (status === 403) return 'forbidden';
	if (status === 404 || status === 410) return 'notFound';
	if (status === 408) return 'timeout';
	if (status === 409 || status === 412) return 'conflict';
	if (status === 429) return 'rateLimited';
	if (status >= 500) return 'server';
	if (status >= 400) return 'validation';
	// 1xx/3xx that reach us (redirects are not followed): the contract has none.
	return 'badResponse';
}

/** The parts of the server's JSON error body, `{"Status":"ERROR","Message":"…","Field":"Name"}`. */
export type ServerErrorBody = {message?: string; field?: string; fieldErrors?: FieldProblem[]};

/** Reads the server's error body leniently: a proxy's HTML page yields nothing rather than a crash. */
export function parseServerError(text: string): ServerErrorBody {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return {};
	}

	if (typeof parsed !== 'object' || parsed === null) return {};
	const record = parsed as Record<string, unknown>;
	const result: ServerErrorBody = {};
	const message = record['Message'] ?? record['message'];
	const field = record['Field'] ?? record['field'];
	if (typeof message === 'string' && message.trim() !== '') result.message = oneLine(message);
	if (typeof field === 'string' && field !== '') result.field = oneLine(field);
	const problems = (Array.isArray(record['Errors']) ? record['Errors'] : []).flatMap((item: unknown) => {
		if (typeof item !== 'object' || item === null) return [];
		const {Field: name, Message: text} = item as Record<string, unknown>;
		return typeof name === 'string' && typeof text === 'string'
			? [{field: oneLine(name), message: oneLine(text)}]
			: [];
	});
	if (problems.length > 0) result.fieldErrors = problems;
	else if (result.field !== undefined && result.message !== undefined) {
		result.fieldErrors = [{field: result.field, message: result.message}];
	}

	return result;
}

/**
 * Server text goes to a terminal status line: keep it on one line, without
 * control characters (a hostile server must not drive the terminal), and short.
 */
export function oneLine(text: string, max = 300): string {
	const flat = text
		.replaceAll(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]+/gu, ' ')
		.replaceAll(/\s+/gu, ' ')
		.trim();
	const chars = [...flat];
	return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}

export type HttpFailure = {
	status: number;
	body: string;
	retryAfterMs?: number;
	operation: string;
	maybeApplied?: boolean;
};

/** Maps a non-success answer to an `ApiError` with a status-line message. */
export function errorFromResponse(failure: HttpFailure): ApiError {
	const {status} = failure;
	const server = parseServerError(failure.body);
	const code = codeForStatus(status);
	const text = server.message ?? statusText(status);
	let message: string;
	switch (code) {
		case 'validation': {
			// The server's words are about the operator's input; they read best alone.
			message = server.message ?? `HTTP ${status}: ${text}`;
			break;
		}

		case 'conflict': {
			message = status === 412 || server.message === undefined ? 'changed by someone else' : server.message;
			break;
		}

		case 'rateLimited': {
			// Say when to try again, unless the server's words already do.
			message =
				failure.retryAfterMs === undefined || /retry|try again/iu.test(text)
					? `HTTP 429: ${text}`
					: `HTTP 429: ${text}; try again in ${formatDuration(failure.retryAfterMs)}`;
			break;
		}

		case 'badResponse': {
			message = `the server answered with an unexpected HTTP ${status}`;
			break;
		}

		default: {
			message = `HTTP ${status}: ${text}`;
		}
	}

	return new ApiError({
		code,
		message,
		status,
		...(server.field === undefined ? {} : {field: server.field}),
		...(server.fieldErrors === undefined ? {} : {fieldErrors: server.fieldErrors}),
		...(server.message === undefined ? {} : {serverMessage: server.message}),
		...(failure.retryAfterMs === undefined ? {} : {retryAfterMs: failure.retryAfterMs}),
		operation: failure.operation,
		maybeApplied: failure.maybeApplied ?? false,
	});
}
