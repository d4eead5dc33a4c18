import {describe, expect, it} from 'vitest';
import {ApiError} from '../../source/api/errors.js';
import {
	backoffDelay,
	parseRetryAfter,
	resolveRetryOptions,
	retryDelay,
	type RetryableFailure,
} from '../../source/api/retry.js';

const options = resolveRetryOptions({limit: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000});
const failure = (patch: Partial<RetryableFailure> = {}): RetryableFailure => ({
	error: new ApiError({code: 'server', message: 'HTTP 502: Bad gateway', status: 502}),
	transient: true,
	safeToRepeat: false,
	...patch,
});

describe('parseRetryAfter', () => {
	it.each([
		['12', 12_000],
		['0', 0],
		[' 1.5 ', 1500],
	])('reads delta-seconds %j', (value, expected) => {
		expect(parseRetryAfter(value)).toBe(expected);
	});

	it('reads an HTTP date relative to now, never negative', () => {
		const now = Date.parse('2025-06-01T12:00:00Z');
		expect(parseRetryAfter('Sun, 01 Jun 2025 12:00:30 GMT', now)).toBe(30_000);
		expect(parseRetryAfter('Sun, 01 Jun 2025 11:00:00 GMT', now)).toBe(0);
	});

	it.each([undefined, '', 'soon', '-5'])('ignores %j', (value) => {
		expect(parseRetryAfter(value)).toBeUndefined();
	});
});

describe('backoffDelay', () => {
	it('doubles each retry within the ceiling, with half the step jittered', () => {
		expect(backoffDelay(1, options, () => 0)).toBe(50);
		expect(backoffDelay(1, options, () => 1)).toBe(100);
		expect(backoffDelay(3, options, () => 1)).toBe(400);
		expect(backoffDelay(10, options, () => 1)).toBe(1000);
		expect(backoffDelay(10, options, () => 0)).toBe(500);
	});
});

describe('retryDelay', () => {
	it('retries a read on any transient failure until the limit', () => {
		expect(retryDelay(failure(), true, 0, options, () => 1)).toBe(100);
		expect(retryDelay(failure(), true, 2, options, () => 1)).toBe(400);
		expect(retryDelay(failure(), true, 3, options)).toBeUndefined();
	});

	it('never repeats a write the server may have processed', () => {
		expect(retryDelay(failure(), false, 0, options)).toBeUndefined();
		expect(retryDelay(failure({safeToRepeat: true}), false, 0, options, () => 1)).toBe(100);
	});

	it('gives up at once on failures that will not change', () => {
		expect(retryDelay(failure({transient: false}), true, 0, options)).toBeUndefined();
	});

	it('waits exactly as long as Retry-After asks, unless that exceeds the cap', () => {
		expect(retryDelay(failure({retryAfterMs: 1200}), true, 0, options)).toBe(1200);
		expect(retryDelay(failure({retryAfterMs: 5001}), true, 0, options)).toBeUndefined();
	});

	it('falls back to the defaults for missing or nonsensical settings', () => {
		expect(resolveRetryOptions({limit: -1, maxDelayMs: Number.NaN})).toEqual({
			limit: 2,
			baseDelayMs: 500,
			maxDelayMs: 8000,
			maxRetryAfterMs: 60_000,
		});
	});
});
