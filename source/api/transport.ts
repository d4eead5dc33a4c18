/**
 * One HTTP exchange with the token API, done properly: auth, timeout, the
 * ETag cache, retries by the policy of retry.ts, and every failure turned into
 * an `ApiError`. The typed methods in client.ts sit on top of `send`.
 */
import {Buffer} from 'node:buffer';
import {randomUUID} from 'node:crypto';
import type {IncomingHttpHeaders} from 'node:http';
import got, {CacheError, ReadError, RequestError, TimeoutError, type Response} from 'got';
import {beforeCache, resolveCache, type CacheOption} from './cache.js';
import {BadShape} from './decode.js';
import {
	ApiError,
	connectErrorCodes,
	errorFromResponse,
	formatDuration,
	isApiError,
	networkReason,
	oneLine,
} from './errors.js';
import {
	parseRetryAfter,
	resolveRetryOptions,
	retryDelay,
	sleep,
	type RetryableFailure,
	type RetryInfo,
	type RetryOptions,
} from './retry.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type TransportOptions = {
	apiUrl: string;
	accountSid: string;
	authToken: string;
	timeoutMs?: number;
	retry?: RetryOptions;
	cache?: CacheOption;
	userAgent?: string;
	onRetry?: (info: RetryInfo) => void;
};

/** One call, relative to the agency base `/Agencies/{AccountSid}`. */
export type Call = {
	method: Method;
	/** Already encoded, starting with `/`: `/AccessTokens/abc/Reset`. */
	path: string;
	searchParams?: URLSearchParams;
	json?: unknown;
	/** The token `Version` the write was based on; sent as `If-Match`. */
	ifMatch?: number;
	/** The answer carries a secret: never through the cache. */
	secret?: boolean;
	signal?: AbortSignal;
};

export type Answer<T> = {value: T; status: number; fromCache: boolean; headers: IncomingHttpHeaders};

export const defaultTimeoutMs = 10_000;

/** Statuses worth another try, and those answered before any processing (safe even for writes). */
const transientStatuses = new Set([408, 429, 500, 502, 503, 504, 521, 522, 524]);
const unprocessedStatuses = new Set([408, 429, 503]);
/** A gateway may have forwarded the write before giving up on it. */
const gatewayStatuses = new Set([502, 504, 521, 522, 524]);

/** The API URL as messages show it: no credentials, no query, no trailing slash. */
export function displayUrl(url: URL): string {
	return `${url.origin}${url.pathname}`.replace(/\/+$/u, '');
}

function parseApiUrl(apiUrl: string): URL {
	let url: URL;
	try {
		url = new URL(apiUrl);
	} catch {
		// Not echoed: a mistyped URL may hold credentials (user:pass@host).
		throw new TypeError('The API URL is not a valid URL; expected something like http://127.0.0.1:8080');
	}

	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new TypeError(`The API URL must start with http:// or https:// (got ${url.protocol}//)`);
	}

	url.username = '';
	url.password = '';
	url.search = '';
	url.hash = '';
	return url;
}

/** Creates the transport of one client: one got instance, one cache, one set of credentials. */
export function createTransport(options: TransportOptions) {
	const apiUrl = parseApiUrl(options.apiUrl);
	const shownUrl = displayUrl(apiUrl);
	const base = `${shownUrl}/Agencies/${encodeURIComponent(options.accountSid)}`;
	const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
	const retry = resolveRetryOptions(options.retry);
	const store = resolveCache(options.cache);
	const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;

	/** Foreign error text may quote a header; scrub the credential in both spellings before it goes anywhere. */
	const redact = (text: string) => {
		let result = text.replaceAll(authorization, 'Basic ***').replaceAll(authorization.slice(6), '***');
		if (options.authToken.length >= 4) result = result.replaceAll(options.authToken, '***');
		return result;
	};

	const http = got.extend({
		headers: {
			accept: 'application/json',
			authorization,
			'user-agent': options.userAgent ?? 'agency-tokens',
		},
		timeout: {request: timeoutMs},
		// Retries are ours (send below): got's would repeat writes after a lost connection.
		retry: {limit: 0},
		throwHttpErrors: false,
		// The contract has no redirects; following one could carry the credentials elsewhere.
		followRedirect: false,
		responseType: 'text',
		// A private client cache: answers to authenticated requests may be stored.
		cacheOptions: {shared: false},
		hooks: {beforeCache: [beforeCache]},
	});

	const failureFromResponse = (
		call: Call,
		operation: string,
		response: Response<string>,
	): RetryableFailure => {
		const status = response.statusCode;
		const retryAfterMs =
			status === 429 || status === 503 ? parseRetryAfter(header(response.headers['retry-after'])) : undefined;
		const write = call.method !== 'GET';
		const error = errorFromResponse({
			status,
			body: response.body,
			operation,
			...(retryAfterMs === undefined ? {} : {retryAfterMs}),
			maybeApplied: write && gatewayStatuses.has(status),
		});
		return {
			error,
			transient: transientStatuses.has(status),
			safeToRepeat: unprocessedStatuses.has(status),
			...(retryAfterMs === undefined ? {} : {retryAfterMs}),
		};
	};

	const failureFromError = (call: Call, operation: string, error: unknown): RetryableFailure => {
		const write = call.method !== 'GET';
		const code = error instanceof RequestError ? error.code : undefined;
		const cause = new Error(
			redact(error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
		);
		if (error instanceof TimeoutError) {
			return {
				error: new ApiError({
					code: 'timeout',
					message: `the server did not answer within ${formatDuration(timeoutMs)}`,
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
		return {
			error: new ApiError({
				code: 'network',
				message:
					code === undefined || code === 'ERR_GOT_REQUEST_ERROR'
						? `cannot reach ${shownUrl} (${oneLine(redact(error instanceof Error ? error.message : String(error)), 120)})`
						: `${tls ? 'cannot reach' : 'lost the connection to'} ${shownUrl} (${networkReason(code)})`,
				operation,
				maybeApplied: write && !tls,
				cause,
			}),
			transient: !tls,
			safeToRepeat: false,
		};
	};

	const aborted = (operation: string) => new ApiError({code: 'aborted', message: 'cancelled', operation});

	/**
	 * Sends a call, retrying by policy, and decodes the JSON answer with
	 * `decode` (which may throw `BadShape`). 204 and empty answers decode
	 * `undefined`.
	 */
	async function send<T>(call: Call, decode: (body: unknown) => T): Promise<Answer<T>> {
		const operation = `${call.method} ${call.path}`;
		const url = `${base}${call.path}`;
		const idempotencyKey = call.method === 'POST' ? randomUUID() : undefined;
		const headers: Record<string, string> = {};
		if (call.ifMatch !== undefined) headers['if-match'] = `"${call.ifMatch}"`;
		// The same key on every retry of this call, so a server that dedupes applies it once.
		if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
		let useCache = store !== undefined && call.method === 'GET' && call.secret !== true;
		let retries = 0;
		for (;;) {
			if (call.signal?.aborted) throw aborted(operation);
			let failure: RetryableFailure;
			try {
				const response = await http(url, {
					method: call.method,
					headers,
					...(call.searchParams ? {searchParams: call.searchParams} : {}),
					...(call.json === undefined ? {} : {json: call.json}),
					cache: useCache ? store : false,
					...(call.signal ? {signal: call.signal} : {}),
				});
				if (response.statusCode >= 200 && response.statusCode < 300) {
					return {
						value: decodeAnswer(call, operation, response, decode),
						status: response.statusCode,
						fromCache: response.isFromCache,
						headers: response.headers,
					};
				}

				failure = failureFromResponse(call, operation, response);
			} catch (error) {
				if (call.signal?.aborted) throw aborted(operation);
				if (isApiError(error)) throw error;
				if (error instanceof CacheError && useCache) {
					// A broken cache store (full disk, locked file) must not break the app: go on without it.
					useCache = false;
					continue;
				}

				failure = failureFromError(call, operation, error);
			}

			const delayMs = retryDelay(failure, call.method === 'GET', retries, retry);
			if (delayMs === undefined) throw failure.error;
			retries++;
			try {
				options.onRetry?.({
					attempt: retries,
					delayMs,
					reason: failure.error.message,
					error: failure.error,
					operation,
				});
			} catch {
				// A faulty listener must not turn a recoverable failure into a crash.
			}

			try {
				await sleep(delayMs, call.signal);
			} catch {
				throw aborted(operation);
			}
		}
	}

	return {send, displayUrl: shownUrl, baseUrl: base};
}

export type Transport = ReturnType<typeof createTransport>;

function header(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/** JSON of a 2xx answer, through `decode`; anything else becomes a `badResponse` error. */
function decodeAnswer<T>(
	call: Call,
	operation: string,
	response: Response<string>,
	decode: (body: unknown) => T,
): T {
	const status = response.statusCode;
	// A 2xx to a write means it was applied, whatever the body looks like.
	const maybeApplied = call.method !== 'GET';
	const bad = (message: string, cause?: Error) =>
		new ApiError({
			code: 'badResponse',
			message,
			status,
			operation,
			maybeApplied,
			...(cause ? {cause} : {}),
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
		if (error instanceof BadShape) {
			throw bad(`the server's answer ${error.message} (HTTP ${status})`);
		}

		throw bad(`the server's answer could not be read (HTTP ${status})`);
	}
}
