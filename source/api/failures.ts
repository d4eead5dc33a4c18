/**
 * What one attempt's outcome means: a decoded answer, or a failure the retry
 * policy can judge (transient? provably unprocessed?) carrying the `ApiError`
 * the caller will see if it is not retried.
 */
import {ReadError, RequestError, TimeoutError} from 'got';
import {BadShape} from './decode.js';
import {
	ApiError,
	connectErrorCodes,
	errorFromResponse,
	formatDuration,
	networkReason,
	oneLine,
} from './errors.js';
import {parseRetryAfter, type RetryableFailure} from './retry.js';

/** Statuses worth another try, and those answered before any processing (safe even for writes). */
const transientStatuses = new Set([408, 429, 500, 502, 503, 504, 521, 522, 524]);
const unprocessedStatuses = new Set([408, 429, 503]);
/** A gateway may have forwarded the write before giving up on it. */
const gatewayStatuses = new Set([502, 504, 521, 522, 524]);

/** Where an attempt went, for messages. */
export type AttemptContext = {
	/** `METHOD /path`. */
	operation: string;
	/** Anything but GET: its fate matters if the outcome is unknown. */
	write: boolean;
	/** The API URL as messages show it. */
	shownUrl: string;
	timeoutMs: number;
	/** Scrubs the credentials from foreign error text. */
	redact: (text: string) => string;
};

export type RawAnswer = {
	statusCode: number;
	body: string;
	headers: Record<string, string | string[] | undefined>;
};

function header(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/** A non-2xx answer as a failure. */
export function failureFromResponse(context: AttemptContext, response: RawAnswer): RetryableFailure {
	const status = response.statusCode;
	const retryAfterMs =
		status === 429 || status === 503 ? parseRetryAfter(header(response.headers['retry-after'])) : undefined;
	const error = errorFromResponse({
		status,
		body: response.body,
		operation: context.operation,
		...(retryAfterMs === undefined ? {} : {retryAfterMs}),
		maybeApplied: context.write && gatewayStatuses.has(status),
	});
	return {
		error,
		transient: transientStatuses.has(status),
		safeToRepeat: unprocessedStatuses.has(status),
		...(retryAfterMs === undefined ? {} : {retryAfterMs}),
	};
}

/** A thrown request error (no complete answer) as a failure. */
export function failureFromError(context: AttemptContext, error: unknown): RetryableFailure {
	const {operation, write, shownUrl} = context;
	const code = error instanceof RequestError ? error.code : undefined;
	const text = context.redact(error instanceof Error ? error.message : String(error));
	// got's own errors carry the request options, headers and all: keep only their words.
	const cause = new Error(error instanceof Error ? `${error.name}: ${text}` : text);
	if (error instanceof TimeoutError) {
		return {
			error: new ApiError({
				code: 'timeout',
				message: `the server did not answer within ${formatDuration(context.timeoutMs)}`,
				operation,
				maybeApplied: write,
				cause,
			}),
			transient: true,
			safeToRepeat: false,
		};
	}

	if (error instanceof ReadError) {
		const status = error.response?.statusCode;
		return {
			error: new ApiError({
				code: 'badResponse',
				message: `the server's answer was cut off${status === undefined ? '' : ` (HTTP ${status})`}`,
				...(status === undefined ? {} : {status}),
				operation,
				maybeApplied: write,
				cause,
			}),
			transient: true,
			safeToRepeat: false,
		};
	}

	if (code !== undefined && connectErrorCodes.has(code)) {
		return {
			error: new ApiError({
				code: 'network',
				message: `cannot reach ${shownUrl} (${networkReason(code)})`,
				operation,
				cause,
			}),
			transient: true,
			safeToRepeat: true,
		};
	}

	const tls = code !== undefined && /CERT|TLS|SSL/u.test(code);
	const known = code !== undefined && code !== 'ERR_GOT_REQUEST_ERROR';
	return {
		error: new ApiError({
			code: 'network',
			message: known
				? `${tls ? 'cannot reach' : 'lost the connection to'} ${shownUrl} (${networkReason(code)})`
				: `cannot reach ${shownUrl} (${oneLine(text, 120)})`,
			operation,
			// A TLS failure happens before anything is sent.
			maybeApplied: write && !tls,
			cause,
		}),
		transient: !tls,
		safeToRepeat: false,
	};
}

/** The JSON of a 2xx answer, through `decode`; anything unreadable becomes a `badResponse` error. */
export function decodeAnswer<T>(
	context: Pick<AttemptContext, 'operation' | 'write'>,
	response: RawAnswer,
	decode: (body: unknown) => T,
): T {
	const status = response.statusCode;
	const bad = (message: string) =>
		new ApiError({
			code: 'badResponse',
			message,
			status,
			operation: context.operation,
			// A 2xx to a write means it was applied, whatever the body looks like.
			maybeApplied: context.write,
		});
	const text = response.body;
	let body: unknown;
	if (status === 204 || text.trim() === '') {
		body = undefined;
	} else {
		try {
			body = JSON.parse(text);
		} catch {
			throw bad(`the server answered with something that is not JSON (HTTP ${status})`);
		}
	}

	try {
		return decode(body);
	} catch (error) {
		if (body === undefined) throw bad(`the server's answer is empty (HTTP ${status})`);
		if (error instanceof BadShape) throw bad(`the server's answer ${error.message} (HTTP ${status})`);
		throw bad(`the server's answer could not be read (HTTP ${status})`);
	}
}
