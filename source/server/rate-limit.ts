/**
 * Requests per credential per hour, as impact.com limits them (1,000 by
 * default). A fixed window per key, opened by its first request: simple, one
 * small record per caller, and `Retry-After` is exact (the window's end).
 * Failed logins count against the caller's address, so guessing is limited too.
 */
import {ApiError} from './errors.js';

const hour = 60 * 60 * 1000;
/** Past this many callers, expired windows are swept so random credentials cannot grow the map forever. */
const sweepAbove = 10_000;

type Window = {start: number; count: number};

export type RateState = {limit: number; remaining: number; resetAt: number};

export class RateLimiter {
	private readonly windows = new Map<string, Window>();
	private sweepAt = sweepAbove;

	/** `limit` 0 turns limiting off. */
	constructor(
		private readonly limit: number,
		private readonly now: () => number,
	) {}

	/** Counts one request; throws 429 with `Retry-After` once the key's window is used up. */
	hit(key: string): RateState | undefined {
		if (this.limit <= 0) return undefined;
		const now = this.now();
		let window = this.windows.get(key);
		if (!window || now - window.start >= hour) {
			if (this.windows.size >= this.sweepAt) this.sweep(now);
			window = {start: now, count: 0};
			this.windows.set(key, window);
		}

		const resetAt = window.start + hour;
		if (window.count >= this.limit) {
			const seconds = Math.max(1, Math.ceil((resetAt - now) / 1000));
			throw new ApiError(
				429,
				`Rate limit exceeded: at most ${this.limit} requests per hour per credential; retry in ${seconds} s`,
				undefined,
				{'Retry-After': String(seconds), ...rateHeaders({limit: this.limit, remaining: 0, resetAt})},
			);
		}

		window.count++;
		return {limit: this.limit, remaining: this.limit - window.count, resetAt};
	}

	private sweep(now: number): void {
		for (const [key, window] of this.windows) {
			if (now - window.start >= hour) this.windows.delete(key);
		}

		// Sweeping is a full pass: if most windows are live, wait until the map doubles before the next one.
		this.sweepAt = Math.max(sweepAbove, this.windows.size * 2);
	}
}

/** The conventional headers, so a client can slow down before it is refused. */
export function rateHeaders(state: RateState): Record<string, string> {
	return {
		'X-RateLimit-Limit': String(state.limit),
		'X-RateLimit-Remaining': String(state.remaining),
		'X-RateLimit-Reset': String(Math.ceil(state.resetAt / 1000)),
	};
}
