/**
 * The durable key-value layer the working set is written through to: keyv
 * over SQLite (one file per data directory, the default), or over Redis or
 * PostgreSQL (stores several server processes share). All hold values in
 * keyv's format, and all commit a write's entries all at once or not at all.
 */
import type {AuditEntry} from '../domain/audit.js';
import {SqliteStore} from './store-sqlite.js';

/** One entry of a commit. `value` undefined deletes; entries with `ttlMs` expire and are no part of the working set. */
export type Change = {key: string; value: unknown; ttlMs?: number};

/** A write's precondition on a shared store: the stored token's Version as the writer saw it (null: absent). */
export type Expectation = {key: string; version: number | null};

export type CommitRequest = {
	changes: Change[];
	/** Checked atomically with the write on a shared store (a local store's working set checks them itself). */
	expect?: Expectation[];
	/** A shared store numbers the audit entry itself (`Id`), atomically with the write. */
	audit?: Omit<AuditEntry, 'Id'>;
};

/** `ok: false`: an expectation failed (`key` is the entry that changed); nothing was written. */
export type CommitResult = {ok: true} | {ok: false; key: string};

/** What other processes changed since a revision: the entries as they are now, or "reload everything". */
export type ChangeFeed =
	| {revision: number; reload: false; entries: Array<[key: string, value: unknown]>}
	| {revision: number; reload: true};

/** How a shared store tells each process what the others wrote. */
export type Feed = {
	/** The store's current revision (bumped by every commit that changes the working set). */
	revision(): Promise<number>;
	changesSince(revision: number): Promise<ChangeFeed>;
};

export interface Store {
	/** Present on stores other processes write too: the working set follows it before every request. */
	readonly feed: Feed | undefined;
	get<T>(key: string): Promise<T | undefined>;
	/** Durably stores one value outside any commit (seeding, account metadata). */
	set(key: string, value: unknown): Promise<void>;
	/** Every value whose key starts with `prefix`; `each` may replace each value as it is read. */
	loadValues<T>(prefix: string, each?: (value: T) => T): Promise<T[]>;
	/** Stores many values under `prefix` + their id, for seeding. */
	setValues<T>(prefix: string, values: readonly T[], idOf: (value: T) => string): Promise<void>;
	/** All of a write's entries at once, or none; resolves once they are durable (as the engine defines it). */
	commit(request: CommitRequest): Promise<CommitResult>;
	/** Runs `task` while no other process sharing the store runs one of the same name (seeding). */
	exclusive<T>(name: string, task: () => Promise<T>): Promise<T>;
	/**
	 * Takes a short-lived claim on a name across processes (false: another holds it). A local
	 * store has one process, which keeps its own claims, so it always grants them.
	 */
	claim(name: string, ttlMs: number): Promise<boolean>;
	release(name: string): Promise<void>;
	/** Deletes expired entries under `prefix` (an engine without its own expiry keeps them otherwise). */
	sweepExpired(prefix: string): Promise<void>;
	/** Removes every entry of this store (an interrupted seed is redone from scratch). */
	clear(): Promise<void>;
	/** Waits for pending writes, then closes. */
	close(): Promise<void>;
}

/** The store a `--store` value names: undefined (or `sqlite`) is the data directory's SQLite file. */
export type StoreSpec = {kind: 'sqlite'} | {kind: 'redis' | 'postgres'; url: string};

const accepted = 'sqlite, a redis://HOST:PORT URL or a postgres://USER@HOST:PORT/DATABASE URL';

/** Parses a `--store` value; throws an Error whose message names what is accepted. */
export function parseStoreSpec(text: string | undefined): StoreSpec {
	if (text === undefined || text === '' || text === 'sqlite') return {kind: 'sqlite'};
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new Error(`--store must be ${accepted} (got "${text.slice(0, 80)}")`);
	}

	if (url.protocol === 'redis:' || url.protocol === 'rediss:') {
		if (url.hostname === '') throw new Error('--store redis:// needs a host, as in redis://127.0.0.1:6379');
		const database = url.pathname.replace(/^\//, '');
		if (database !== '' && !/^\d{1,2}$/.test(database)) {
			throw new Error(
				`--store: the Redis database must be a number, as in redis://HOST:PORT/0 (got "${database}")`,
			);
		}

		return {kind: 'redis', url: text};
	}

	if (url.protocol === 'postgres:' || url.protocol === 'postgresql:') {
		// pg would fall back to a local socket and the login user's database: say which one is meant
		// (a socket directory is named as ?host=/run/postgresql).
		const host = url.hostname !== '' || url.searchParams.has('host');
		if (!host || url.pathname.replace(/^\//, '') === '') {
			throw new Error(
				'--store postgres:// needs a host and a database, as in postgres://tokens@127.0.0.1:5432/tokens',
			);
		}

		return {kind: 'postgres', url: text};
	}

	throw new Error(`--store must be ${accepted} (got a ${url.protocol} URL)`);
}

/** Opens the store a spec names; the SQLite file lives in `dataDir`. */
export async function openStore(spec: StoreSpec, dataDir: string): Promise<Store> {
	if (spec.kind === 'sqlite') return SqliteStore.open(dataDir);
	// Loaded only when asked for: each client is hundreds of kilobytes of bundle the cold start never needs.
	if (spec.kind === 'postgres') {
		const {PostgresStore} = await import('./store-postgres.js');
		return PostgresStore.open(spec.url);
	}

	const {RedisStore} = await import('./store-redis.js');
	return RedisStore.open(spec.url);
}

/** A URL fit for logs and messages: no password. */
export function describeStore(spec: StoreSpec, dataDir: string): string {
	if (spec.kind === 'sqlite') return dataDir;
	const url = new URL(spec.url);
	if (url.password !== '') url.password = '***';
	return url.toString();
}
