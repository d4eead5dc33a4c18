/**
 * When and how long to wait before repeating a failed call. Pure apart from
 * `sleep`, so the policy is unit-testable without a network.
 */
import type {ApiError} from './errors.js';

/** Retry settings of the client; every field optional. */
export type RetryOptions = {
	/** Retries after the first attempt (0 turns retrying off). Default 2. */
	limit?: number;
	/** First backoff step; it doubles each retry, with jitter. Default 500 ms. */
	baseDelayMs?: number;
	/** Ceiling of one backoff step. Default 8 s. */
	maxDelayMs?: number;
	/**
	 * The longest `Retry-After` the client will sit out. A server that asks for
	 * longer is not retried early (that would only earn another 429): the call
	 * fails at once with code `rateLimited` and `retryAfterMs`, so the app can
	 * say when to try again. Default 60 s.
	 */
	maxRetryAfterMs?: number;
};

export type ResolvedRetryOptions = Required<RetryOptions>;

export const retryDefaults: ResolvedRetryOptions = {
	limit: 2,
	baseDelayMs: 500,
	maxDelayMs: 8000,
	maxRetryAfterMs: 60_000,
};

export function resolveRetryOptions(options: RetryOptions | undefined): ResolvedRetryOptions {
	const pick = (value: number | undefined, fallback: number) =>
		value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
	return {
		limit: Math.floor(pick(options?.limit, retryDefaults.limit)),
		baseDelayMs: pick(options?.baseDelayMs, retryDefaults.baseDelayMs),
		maxDelayMs: pick(options?.maxDelayMs, retryDefaults.maxDelayMs),
		maxRetryAfterMs: pick(options?.maxRetryAfterMs, retryDefaults.maxRetryAfterMs),
	};
}

/** What the `onRetry` callback hears before each wait. */
export type RetryInfo = {
	/** Which retry this wait precedes: 1 for the first retry. */
	attempt: number;
	/** How long the client waits before it. */
	delayMs: number;
	/** The failure being retried, in status-line words ("HTTP 429: Too many requests"). */
	reason: string;
	/** The same failure, for its `code` and `status`. */
	error: ApiError;
	/** `METHOD /path` of the call. */
	operation: string;
};

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date. Undefined when
 * absent or unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined) return undefined;
	const text = value.trim();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/u.test(text)) return Math.round(Number(text) * 1000);
	// HTTP dates spell the day and month ("Sun, 01 Jun 2025 12:00:30 GMT"); bare numbers like "-5" are not dates.
	if (!/[a-z]/iu.test(text)) return undefined;
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half is
 * random, so clients that failed together do not retry together, yet none
 * retries at once.
 */
export function backoffDelay(retry: number, options: ResolvedRetryOptions, random = Math.random): number {
	const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
	return Math.round(step / 2 + (random() * step) / 2);
}

/** A failure as the retry policy sees it. */
export type RetryableFailure = {
	error: ApiError;
	/** Might succeed if repeated (429, 5xx, lost connections, timeouts). */
	transient: boolean;
	/** The server provably did not process the request (429, 503, connect errors), so even a write may be repeated. */
	safeToRepeat: boolean;
	retryAfterMs?: number;
};

/**
 * How long to wait before retrying, or undefined to give up. Reads (GET) are
 * retried on any transient failure; writes only when the request provably was
 * not processed, because a write must never be applied twice behind the
 * operator's back.
 */
export function retryDelay(
	failure: RetryableFailure,
	idempotent: boolean,
	retriesSoFar: number,
	options: ResolvedRetryOptions,
	random = Math.random,
): number | undefined {
	if (!failure.transient) return undefined;
	if (!idempotent && !failure.safeToRepeat) return undefined;
	if (retriesSoFar >= options.limit) return undefined;
	if (failure.retryAfterMs !== undefined) {
		return failure.retryAfterMs > options.maxRetryAfterMs ? undefined : failure.retryAfterMs;
	}

	return backoffDelay(retriesSoFar + 1, options, random);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw signal.reason;
	if (ms <= 0) return;
	await new Promise<void>((resolve, reject) => {
		const onAbort = () => {
			clearTimeout(timer);
			reject(signal?.reason as Error);
		};

		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, {once: true});
	});
}
