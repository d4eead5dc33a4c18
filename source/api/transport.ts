/**
 * One HTTP exchange with the token API, done properly: auth, timeout, the
 * ETag cache, retries by the policy of retry.ts, and every failure turned into
 * an `ApiError`. The typed methods in client.ts sit on top of `send`.
 */
import {Buffer} from 'node:buffer';
import {randomUUID} from 'node:crypto';
import type {IncomingHttpHeaders} from 'node:http';
import got, {CacheError} from 'got';
import {beforeCache, resolveCache, type CacheOption} from './cache.js';
import {ApiError, isApiError} from './errors.js';
import {decodeAnswer, failureFromError, failureFromResponse, type AttemptContext} from './failures.js';
import {
	resolveRetryOptions,
	retryDelay,
	sleep,
	type RetryableFailure,
	type RetryInfo,
	type RetryOptions,
} from './retry.js';
import {readAnswer} from './streamed.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A client's options (client.ts calls them `ApiClientOptions`). */
export type TransportOptions = {
	/** Where the server listens, e.g. `http://127.0.0.1:8080`; the client appends `/Agencies/{AccountSid}`. */
	apiUrl: string;
	accountSid: string;
	/** Sent only in the `Authorization` header; never in a URL, a message or the cache. */
	authToken: string;
	/** Per attempt, for the whole answer. Default 10 s. */
	timeoutMs?: number;
	retry?: RetryOptions;
	/** ETag revalidation store; default a fresh `MemoryCache` (a Map, LRU past 64 MB); `false` for none. See cache.ts. */
	cache?: CacheOption;
	/** Default `agency-tokens`. */
	userAgent?: string;
	/**
	 * Told before each retry's wait, so the app can say "rate limited, retrying
	 * in 12 s". Exceptions it throws are ignored.
	 */
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
	/** Not through the cache either: the pages of a full list walk (see listAllTokens). */
	uncached?: boolean;
	signal?: AbortSignal;
};

export type Answer<T> = {value: T; status: number; fromCache: boolean; headers: IncomingHttpHeaders};

export const defaultTimeoutMs = 10_000;

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
		const context: AttemptContext = {operation, write: call.method !== 'GET', shownUrl, timeoutMs, redact};
		let useCache =
			store !== undefined && call.method === 'GET' && call.secret !== true && call.uncached !== true;
		let retries = 0;
		for (;;) {
			if (call.signal?.aborted) throw aborted(operation);
			let failure: RetryableFailure;
			try {
				const request = {
					method: call.method,
					headers,
					...(call.searchParams ? {searchParams: call.searchParams} : {}),
					...(call.json === undefined ? {} : {json: call.json}),
				};
				// A GET past the cache streams (see streamed.ts): the pages of a list walk are large.
				const response =
					call.method === 'GET' && !useCache
						? {...(await readAnswer(http.stream(url, request), call.signal)), isFromCache: false}
						: await http(url, {
								...request,
								cache: useCache ? store : false,
								...(call.signal ? {signal: call.signal} : {}),
							});
				if (response.statusCode >= 200 && response.statusCode < 300) {
					return {
						value: decodeAnswer(context, response, decode),
						status: response.statusCode,
						fromCache: response.isFromCache,
						headers: response.headers,
					};
				}

				failure = failureFromResponse(context, response);
			} catch (error) {
				if (call.signal?.aborted) throw aborted(operation);
				if (isApiError(error)) throw error;
				if (error instanceof CacheError && useCache) {
					// A broken cache store (full disk, locked file) must not break the app: go on without it.
					useCache = false;
					continue;
				}

				failure = failureFromError(context, error);
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
