/**
 * A write refused with 429 and `Retry-After` by the real server's rate limit
 * (a fixed hourly window per credential; the server's clock is moved to bring
 * the window's end near). The client sits out a short wait and retries, the op
 * pending meanwhile; a wait longer than it will sit out reverts the op at once.
 */
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {RetryOptions} from '../../source/api/retry.js';
import {startTestServer, type TestServer} from '../support/server.js';
import {createHarness, lastFlash} from './harness.js';

const limit = 6;
const hour = 60 * 60 * 1000;
let server: TestServer;
/** How far the server's clock is ahead of the real one. */
let skew = 0;

beforeAll(async () => {
	server = await startTestServer({rateLimitPerHour: limit, now: () => Date.now() + skew});
});
afterAll(async () => server?.close());

/** Waits of up to 5 s are sat out, twice at most. */
const retry: RetryOptions = {limit: 2, baseDelayMs: 10, maxDelayMs: 20, maxRetryAfterMs: 5000};

/** Uses up demo-admin's window (the app's credential); returns the `Retry-After` of the first refusal, in seconds. */
async function exhaustWindow(): Promise<number> {
	for (let attempt = 0; attempt <= limit; attempt++) {
		const response = await server.request('GET', '/Operator');
		if (response.status === 429) return Number(response.headers['retry-after']);
	}

	throw new Error('the rate limit never answered 429');
}

/** The token as the server holds it, asked with another credential (its own window). */
async function stateOnServer(id: string): Promise<string> {
	const response = await server.request('GET', `/AccessTokens/${id}`, {auth: 'demo-specialist'});
	expect(response.status).toBe(200);
	return response.json.State as string;
}

/** A token made with another credential, and an app (as demo-admin) that has loaded it, in fresh windows. */
async function setUp(name: string) {
	// Past every window opened so far: each test starts with its whole allowance.
	skew += hour + 1000;
	const response = await server.request('POST', '/AccessTokens', {
		auth: 'demo-specialist',
		body: {Name: name, Scopes: ['reports.reports.get']},
	});
	expect(response.status).toBe(201);
	const app = createHarness(server, retry);
	await app.load();
	return {app, id: response.json.AccessToken.Id as string};
}

describe('a write answered 429 with Retry-After', () => {
	test('longer than the client sits out: reverted at once with the server’s rate-limit message', async () => {
		const {app, id} = await setUp('Rate limited, gives up');
		const before = app.token(id)!;
		expect(await exhaustWindow()).toBeGreaterThan(5);

		await app.operations.perform({kind: 'disable', tokenIds: [id]});
		expect(app.retries).toEqual([]);
		expect(app.token(id)).toBe(before);
		expect(app.state().pending.size).toBe(0);
		expect(lastFlash(app.state())).toMatch(
			new RegExp(
				`^Could not disable "Rate limited, gives up": HTTP 429: Rate limit exceeded: at most ${limit} requests per hour per credential; retry in \\d+ s$`,
				'u',
			),
		);
		expect(await stateOnServer(id)).toBe('Enabled');
	});

	test('short enough to sit out: the op stays pending through the wait, then commits', async () => {
		const {app, id} = await setUp('Rate limited, waits');
		// Bring the end of the window to 1–2 s from now.
		const retryAfter = await exhaustWindow();
		skew += (retryAfter - 2) * 1000;

		const settled = app.operations.perform({kind: 'disable', tokenIds: [id]});
		await expect.poll(() => app.retries.length, {timeout: 5000}).toBe(1);
		expect(app.retries[0]!.reason).toMatch(/^HTTP 429: Rate limit exceeded/u);
		expect(app.retries[0]!.delayMs).toBeGreaterThan(0);
		expect(app.retries[0]!.delayMs).toBeLessThanOrEqual(2000);
		expect(app.state().pending.size).toBe(1);
		expect(app.token(id)?.State).toBe('Disabled');

		await settled;
		expect(app.state().pending.size).toBe(0);
		expect(app.token(id)).toMatchObject({State: 'Disabled', Version: 2});
		expect(lastFlash(app.state())).toBe('Disabled "Rate limited, waits"');
		expect(await stateOnServer(id)).toBe('Disabled');
	});
});
