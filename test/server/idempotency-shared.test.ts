/**
 * An Idempotency-Key between two processes on one shared store, with the
 * moments in between held still: the second process reaches for the key, and
 * the first does the work and lets go of the key before the second gets there.
 * Two real stores on one real Redis or PostgreSQL; the only thing added is a
 * pause in the second store's `claim`, so the interleaving happens every time,
 * not once in a few hundred runs.
 */
import {randomUUID} from 'node:crypto';
import {rm} from 'node:fs/promises';
import fastify from 'fastify';
import {afterEach, describe, expect, test} from 'vitest';
import {loadKeys, type Keys} from '../../source/server/crypto.js';
import {Idempotency, send, type Answer} from '../../source/server/idempotency.js';
import type {Store} from '../../source/server/store.js';
import {makeDataDir} from '../support/server.js';
import {sharedStoreEngines} from '../support/shared-stores.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A process of the server, cut down to the key handling: its route counts the times it does the work. */
async function processOn(store: Store, keys: Keys, done: string[], name: string) {
	const app = fastify();
	const idempotency = new Idempotency(store, keys, Date.now);
	idempotency.install(app);
	app.post('/work', async (request, reply) => {
		done.push(name);
		const answer: Answer = {status: 201, headers: {}, body: {DoneBy: name, Id: randomUUID()}};
		await store.commit({changes: idempotency.remember(request, answer)});
		return send(reply, answer);
	});
	await app.ready();
	cleanups.push(async () => app.close());
	return (key: string) => app.inject({method: 'POST', url: '/work', headers: {'Idempotency-Key': key}});
}

/** The store with one method replaced; the replacement gets the store's own. */
function replacing<K extends 'claim' | 'release'>(
	store: Store,
	method: K,
	by: (own: Store[K]) => Store[K],
): Store {
	const replaced = by(store[method].bind(store) as Store[K]);
	return new Proxy(store, {
		get(target, property) {
			if (property === method) return replaced;
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function' ? value.bind(target) : value;
		},
	});
}

/** A promise and the function that settles it. */
function signal(): {promise: Promise<void>; resolve: () => void} {
	let resolve!: () => void;
	const promise = new Promise<void>((settle) => {
		resolve = settle;
	});
	return {promise, resolve};
}

for (const engine of sharedStoreEngines) {
	describe(`on ${engine.name}`, () => {
		const freshStore = engine.serverPerFile();

		test('a twin that finishes elsewhere while this process reaches for the key is replayed, not done again', async () => {
			const url = await freshStore();
			const dir = await makeDataDir();
			cleanups.push(async () => rm(dir, {recursive: true, force: true}));
			const keys = await loadKeys(dir);
			const firstStore = await engine.open(url);
			const secondStore = await engine.open(url);
			cleanups.push(
				async () => firstStore.close(),
				async () => secondStore.close(),
			);

			// The second process looks, then reaches for the claim, and gets there only once the first
			// has answered and its claim is gone from the store.
			const firstReleased = signal();
			const secondClaims = signal();
			const releasing = replacing(firstStore, 'release', (own) => async (name) => {
				await own(name);
				firstReleased.resolve();
			});
			const late = replacing(secondStore, 'claim', (own) => async (name, ttlMs) => {
				secondClaims.resolve();
				await firstReleased.promise;
				return own(name, ttlMs);
			});

			const done: string[] = [];
			const first = await processOn(releasing, keys, done, 'first');
			const second = await processOn(late, keys, done, 'second');
			const key = randomUUID();

			const secondAnswer = second(key);
			await secondClaims.promise;
			const firstAnswer = await first(key);
			const answers = [firstAnswer, await secondAnswer];

			expect(done).toEqual(['first']);
			expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201]);
			expect(answers[1]!.json()).toEqual(answers[0]!.json());
			expect(answers[1]!.headers['idempotent-replayed']).toBe('true');
		});
	});
}
