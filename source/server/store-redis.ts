/**
 * The shared store: keyv over @keyv/redis, for several server processes on one
 * Redis. Values sit under keyv's keys (`agency-tokens::token:<Id>`) in keyv's
 * format. What keyv cannot do is done with the adapter's own client, in Lua
 * scripts Redis runs atomically:
 * - a commit checks each expected token Version, writes every entry, numbers
 *   the audit entry and bumps the store's revision, or does nothing at all;
 * - every commit logs the keys it changed under its revision, so each process
 *   catches up on the others' writes with one round trip per request.
 */
import KeyvRedis, {type RedisClientType} from '@keyv/redis';
import Keyv from 'keyv';
import {createHash, randomUUID} from 'node:crypto';
import {setTimeout as delay} from 'node:timers/promises';
import {StoreUnavailable} from './errors.js';
import type {ChangeFeed, CommitRequest, CommitResult, Feed, Store} from './store.js';
import {decodeEntry, encodeEntry} from './store-format.js';
import {changesScript, commitScript, releaseScript} from './store-redis-scripts.js';

const namespace = 'agency-tokens';
const full = (key: string) => `${namespace}::${key}`;
/** Bookkeeping under the namespace too, so clearing the store resets it. */
const bookkeeping = {
	revision: full('~revision'),
	changelog: full('~changelog'),
	floor: full('~changelog-floor'),
	auditSequence: full('~audit-sequence'),
};
/** Coordination outside the namespace: clearing the store (while seeding) must not drop the seed lock. */
const lockKey = (name: string) => `${namespace}:lock:${name}`;
const claimKey = (name: string) => `${namespace}:claim:${name}`;
/** Revisions the changelog keeps: a process further behind than this reloads everything. */
const defaultChangelogRevisions = 10_000;
/** No command may hang a request: a Redis that stops answering is a 503 after this. */
const commandTimeoutMs = 5000;
const scanCount = 1000;
const auditPrefix = full('audit:');

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** A single Redis: the scripts name keys they do not declare, which a cluster would refuse. */
type Client = RedisClientType;
type Reply = string | number | null | Reply[];

export class RedisStore implements Store {
	/** Connects (failing within a few seconds when Redis is not there) and returns the store. */
	static async open(
		url: string,
		{changelogRevisions = defaultChangelogRevisions}: {changelogRevisions?: number} = {},
	): Promise<RedisStore> {
		let connected = false;
		const adapter = new KeyvRedis<string>(
			{
				url,
				// Commands sent while disconnected fail at once (a 503) instead of queueing behind an outage.
				disableOfflineQueue: true,
				socket: {
					connectTimeout: commandTimeoutMs,
					// Unreachable at start: fail at once (a wrong URL should say so); once up, ride out outages.
					reconnectStrategy: (attempts: number, cause: Error) =>
						connected ? Math.min(2 ** attempts * 50, 1000) : cause,
				},
			},
			{namespace, throwOnErrors: true, throwOnConnectError: true, connectionTimeout: commandTimeoutMs},
		);
		// Connection errors surface as failed commands; unhandled 'error' events would end the process.
		adapter.on('error', () => undefined);
		const keyv = new Keyv({store: adapter, namespace, useKeyPrefix: false, throwOnErrors: true});
		keyv.on('error', () => undefined);
		let client: Client;
		try {
			client = (await adapter.getClient()) as Client;
			connected = true;
		} catch (error) {
			await adapter.disconnect(true).catch(() => undefined);
			throw new Error(`Cannot reach Redis at ${redacted(url)}: ${(error as Error).message}`);
		}

		return new RedisStore(adapter, keyv, client, changelogRevisions);
	}

	readonly feed: Feed = {
		revision: async () => Number((await this.command(['GET', bookkeeping.revision])) ?? 0),
		changesSince: async (revision) => this.changesSince(revision),
	};

	private constructor(
		private readonly adapter: KeyvRedis<string>,
		private readonly keyv: Keyv,
		private readonly client: Client,
		private readonly changelogRevisions: number,
	) {}

	async get<T>(key: string): Promise<T | undefined> {
		const text = await this.command(['GET', full(key)]);
		return typeof text === 'string' ? decodeEntry<T>(this.keyv, text) : undefined;
	}

	async set(key: string, value: unknown): Promise<void> {
		await this.guard(async () => this.keyv.set(key, value));
	}

	async commit({changes, expect = [], audit}: CommitRequest): Promise<CommitResult> {
		let auditText = '';
		if (audit) {
			auditText = encodeEntry(this.keyv, audit);
			// The script splices the Id in right after this opening.
			if (!auditText.startsWith('{"value":{"')) throw new TypeError('unexpected audit entry encoding');
		}

		const keys = [
			bookkeeping.revision,
			bookkeeping.changelog,
			bookkeeping.floor,
			bookkeeping.auditSequence,
			...expect.map(({key}) => full(key)),
			...changes.map(({key}) => full(key)),
		];
		const values = [
			String(expect.length),
			String(changes.length),
			String(this.changelogRevisions),
			auditPrefix,
			auditText,
			...expect.map(({version}) => (version === null ? '' : String(version))),
			...changes.flatMap(({value, ttlMs}) => [
				value === undefined ? '' : encodeEntry(this.keyv, value),
				String(ttlMs ?? 0),
			]),
		];
		const [ok, detail] = (await this.script(commitScript, keys, values)) as [number, string | number];
		return ok === 1 ? {ok: true} : {ok: false, key: String(detail).slice(full('').length)};
	}

	private async changesSince(revision: number): Promise<ChangeFeed> {
		const reply = (await this.script(
			changesScript,
			[bookkeeping.revision, bookkeeping.changelog, bookkeeping.floor],
			[String(revision)],
		)) as Reply[];
		const current = Number(reply[0]);
		if (reply[1] === 'reload') return {revision: current, reload: true};
		const entries: Array<[string, unknown]> = [];
		for (let index = 2; index < reply.length; index += 2) {
			const text = reply[index + 1];
			entries.push([
				String(reply[index]).slice(full('').length),
				typeof text === 'string' && text !== '' ? decodeEntry(this.keyv, text) : undefined,
			]);
		}

		return {revision: current, reload: false, entries};
	}

	/** SCAN + MGET; SCAN may repeat a key, so each is taken once. */
	async loadValues<T>(prefix: string, each: (value: T) => T = (value) => value): Promise<T[]> {
		const seen = new Set<string>();
		const values: T[] = [];
		let cursor = '0';
		do {
			const [next, keys] = (await this.command([
				'SCAN',
				cursor,
				'MATCH',
				`${full(prefix)}*`,
				'COUNT',
				String(scanCount),
			])) as [string, string[]];
			cursor = String(next);
			const fresh = keys.filter((key) => !seen.has(key));
			for (const key of fresh) seen.add(key);
			if (fresh.length === 0) continue;
			const texts = (await this.command(['MGET', ...fresh])) as Array<string | null>;
			for (const text of texts) {
				const value = text === null ? undefined : decodeEntry<T>(this.keyv, text);
				if (value !== undefined) values.push(each(value));
			}
		} while (cursor !== '0');
		return values;
	}

	async setValues<T>(prefix: string, values: readonly T[], idOf: (value: T) => string): Promise<void> {
		for (let start = 0; start < values.length; start += scanCount) {
			const pairs = values
				.slice(start, start + scanCount)
				.flatMap((value) => [full(`${prefix}${idOf(value)}`), encodeEntry(this.keyv, value)]);
			await this.command(['MSET', ...pairs]);
		}
	}

	/** A lock (SET NX PX) held while `task` runs; waits for another process's to go. */
	async exclusive<T>(name: string, task: () => Promise<T>): Promise<T> {
		const token = randomUUID();
		// Long enough for seeding a million tokens; a crashed holder's lock lapses by then.
		while ((await this.command(['SET', lockKey(name), token, 'NX', 'PX', '600000'])) !== 'OK') {
			await delay(100);
		}

		try {
			return await task();
		} finally {
			await this.script(releaseScript, [lockKey(name)], [token]).catch(() => undefined);
		}
	}

	async claim(name: string, ttlMs: number): Promise<boolean> {
		return (await this.command(['SET', claimKey(name), '1', 'NX', 'PX', String(ttlMs)])) === 'OK';
	}

	async release(name: string): Promise<void> {
		await this.command(['DEL', claimKey(name)]);
	}

	/** Redis expires entries itself (PX). */
	async sweepExpired(): Promise<void> {
		// Nothing to do.
	}

	async clear(): Promise<void> {
		await this.guard(async () => this.keyv.clear());
		await this.command(['DEL', ...Object.values(bookkeeping)]);
	}

	async close(): Promise<void> {
		await this.adapter.disconnect().catch(async () => this.adapter.disconnect(true));
	}

	/** EVALSHA, falling back to EVAL the first time Redis sees the script. */
	private async script(source: string, keys: string[], values: string[]): Promise<Reply> {
		const tail = [String(keys.length), ...keys, ...values];
		try {
			return await this.command(['EVALSHA', sha1(source), ...tail], true);
		} catch (error) {
			if (!(error instanceof NoScript)) throw error;
			return this.command(['EVAL', source, ...tail]);
		}
	}

	private async command(args: string[], scriptMayBeMissing = false): Promise<Reply> {
		return this.guard(async () => {
			try {
				return await this.client.sendCommand<Reply>(args, {timeout: commandTimeoutMs});
			} catch (error) {
				if (scriptMayBeMissing && String((error as Error).message).startsWith('NOSCRIPT'))
					throw new NoScript();
				throw error;
			}
		});
	}

	/** Every failure of the engine is the same to a client: the store is unavailable (503). */
	private async guard<T>(operation: () => Promise<T>): Promise<T> {
		try {
			return await operation();
		} catch (error) {
			if (error instanceof NoScript || error instanceof StoreUnavailable) throw error;
			throw new StoreUnavailable(`Redis: ${(error as Error).message}`);
		}
	}
}

class NoScript extends Error {}

function redacted(url: string): string {
	const parsed = new URL(url);
	if (parsed.password !== '') parsed.password = '***';
	return parsed.toString();
}
