/**
 * The default store: keyv over @keyv/sqlite, one file per data directory,
 * opened by one process. Single values go through keyv's own `set`; the paths
 * keyv makes slow or cannot make atomic (loading everything, seeding many
 * entries, committing several entries at once) talk SQL to the adapter, in
 * keyv's format (store-format.ts), so either path reads what the other wrote.
 */
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import {chmod} from 'node:fs/promises';
import path from 'node:path';
import type {Change, CommitRequest, CommitResult, Store} from './store.js';
import {decodeEntry, encodeEntry} from './store-format.js';

const namespace = 'agency-tokens';
/** keyv's sqlite adapter keeps everything in this table. */
const table = 'keyv';
/** Rows per SELECT while loading: bounds the transient memory of a million-token load. */
const loadChunk = 100_000;
/** Entries per INSERT while seeding: one statement is one transaction and one sync; 2 parameters each, under SQLite's 32,766. */
const insertChunk = 4000;
/** How long a writer waits for a lock another connection holds (a backup, the sqlite3 shell) before failing. */
export const busyTimeoutMs = 5000;

const databaseFiles = ['tokens.sqlite', 'tokens.sqlite-wal', 'tokens.sqlite-shm'];

async function restrictFiles(dataDir: string): Promise<void> {
	for (const name of databaseFiles) {
		try {
			await chmod(path.join(dataDir, name), 0o600);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		}
	}
}

const full = (key: string) => `${namespace}:${key}`;

/** The key range of a prefix: from the prefix to the first key past every key with it. */
function prefixRange(prefix: string): [string, string] {
	const low = full(prefix);
	return [low, low.slice(0, -1) + String.fromCodePoint(low.codePointAt(low.length - 1)! + 1)];
}

export class SqliteStore implements Store {
	/** Opens (creating if needed) `<dataDir>/tokens.sqlite` in WAL mode with a busy timeout. */
	static async open(dataDir: string): Promise<SqliteStore> {
		const adapter = new KeyvSqlite({
			uri: `sqlite://${path.join(dataDir, 'tokens.sqlite')}`,
			busyTimeout: busyTimeoutMs,
		});
		const keyv = new Keyv({store: adapter, namespace, throwOnErrors: true});
		// WAL: readers never block the writer and each commit is one append; FULL sync stays the default.
		await adapter.query('PRAGMA journal_mode=WAL');
		// Nothing secret is in the file, but the token list is nobody else's business either.
		await restrictFiles(dataDir);
		// A bigger page cache (32 MiB, default 2) keeps the key index in memory while seeding many tokens.
		await adapter.query('PRAGMA cache_size=-32768');
		return new SqliteStore(adapter, keyv);
	}

	/** One process owns the file: there is nobody else's writes to follow. */
	readonly feed = undefined;

	/**
	 * node-sqlite3 runs statements of one connection in parallel, in no promised
	 * order; two writes of one key could land swapped, and a transaction's
	 * statements could interleave with another's. Chaining every write keeps
	 * them in the order they were made.
	 */
	private tail: Promise<unknown> = Promise.resolve();

	private constructor(
		private readonly adapter: KeyvSqlite,
		private readonly keyv: Keyv,
	) {}

	/** A PRAGMA's value on the server's own connection (busy_timeout is per connection): for tests. */
	async pragma(name: 'journal_mode' | 'busy_timeout' | 'synchronous'): Promise<unknown> {
		const rows = (await this.adapter.query(`PRAGMA ${name}`)) as Array<Record<string, unknown>>;
		return Object.values(rows[0] ?? {})[0];
	}

	async set(key: string, value: unknown): Promise<void> {
		await this.enqueue(async () => {
			await this.keyv.set(key, value);
		});
	}

	async get<T>(key: string): Promise<T | undefined> {
		return (await this.keyv.get<T>(key)) ?? undefined;
	}

	/**
	 * The entries as one transaction: a single statement where it can be one
	 * (every write the POST routes make), else BEGIN … COMMIT on the write chain.
	 * Expectations are the working set's business here: it checks them in
	 * memory, synchronously, before it writes.
	 */
	async commit({changes, audit}: CommitRequest): Promise<CommitResult> {
		if (audit) throw new TypeError('a local store takes audit entries as plain changes');
		const statements = this.statements(changes);
		await this.enqueue(async () => {
			if (statements.length === 1) {
				await this.adapter.query(statements[0]!.sql, ...statements[0]!.parameters);
				return;
			}

			await this.adapter.query('BEGIN IMMEDIATE');
			try {
				for (const {sql, parameters} of statements) await this.adapter.query(sql, ...parameters);
				await this.adapter.query('COMMIT');
			} catch (error) {
				await this.adapter.query('ROLLBACK').catch(() => undefined);
				throw error;
			}
		});
		return {ok: true};
	}

	private statements(changes: Change[]): Array<{sql: string; parameters: string[]}> {
		const deleted: string[] = [];
		const upserted: string[] = [];
		for (const {key, value, ttlMs} of changes) {
			if (value === undefined) deleted.push(full(key));
			else upserted.push(full(key), encodeEntry(this.keyv, value, ttlMs ? Date.now() + ttlMs : undefined));
		}

		const statements: Array<{sql: string; parameters: string[]}> = [];
		if (deleted.length > 0) {
			statements.push({
				sql: `DELETE FROM ${table} WHERE key IN (${deleted.map(() => '?').join(', ')})`,
				parameters: deleted,
			});
		}

		if (upserted.length > 0) statements.push({sql: upsert(upserted.length / 2), parameters: upserted});
		return statements;
	}

	/** In insertion order; `each` may replace each value as it is read. */
	async loadValues<T>(prefix: string, each: (value: T) => T = (value) => value): Promise<T[]> {
		const [low, high] = prefixRange(prefix);
		// Paged on the integer rowid (keyv's own iterator pages with OFFSET, quadratic); `+key`
		// keeps SQLite on the rowid order instead of the key index and a sort.
		const chunkAfter = async (after: number) =>
			(await this.adapter.query(
				`SELECT rowid AS id, value FROM ${table} WHERE rowid > ? AND +key >= ? AND +key < ? ORDER BY rowid LIMIT ?`,
				after,
				low,
				high,
				loadChunk,
			)) as Array<{id: number; value: string}>;
		const values: T[] = [];
		let rows = await chunkAfter(0);
		for (;;) {
			// SQLite reads the next chunk on its thread while this one is decoded here.
			const next = rows.length === loadChunk ? chunkAfter(rows.at(-1)!.id) : undefined;
			for (const row of rows) {
				const value = decodeEntry<T>(this.keyv, row.value);
				if (value !== undefined) values.push(each(value));
			}

			if (!next) return values;
			rows = await next;
		}
	}

	/**
	 * Stores many values under `prefix` + their id, in few statements, each
	 * atomic. They go in key order: random keys would land all over the key index.
	 */
	async setValues<T>(prefix: string, values: readonly T[], idOf: (value: T) => string): Promise<void> {
		const sorted = [...values].sort((a, b) => {
			const [idA, idB] = [idOf(a), idOf(b)];
			return idA < idB ? -1 : idA > idB ? 1 : 0;
		});
		let previous: Promise<unknown> = Promise.resolve();
		for (let start = 0; start < sorted.length; start += insertChunk) {
			const parameters: string[] = [];
			for (let index = start; index < Math.min(start + insertChunk, sorted.length); index++) {
				const value = sorted[index]!;
				parameters.push(full(`${prefix}${idOf(value)}`), encodeEntry(this.keyv, value));
			}

			// Encoding the next chunk overlaps with SQLite writing this one; at most one waits.
			await previous;
			previous = this.enqueue(async () => this.adapter.query(upsert(parameters.length / 2), ...parameters));
		}

		await previous;
	}

	/** One process: nobody to exclude. */
	async exclusive<T>(_name: string, task: () => Promise<T>): Promise<T> {
		return task();
	}

	async claim(): Promise<boolean> {
		return true;
	}

	async release(): Promise<void> {
		// Claims are the process's own (see claim).
	}

	/** keyv drops an expired entry only when it is read; entries nobody reads again go here. */
	async sweepExpired(prefix: string): Promise<void> {
		const [low, high] = prefixRange(prefix);
		await this.enqueue(async () =>
			this.adapter.query(
				`DELETE FROM ${table} WHERE key >= ? AND key < ? AND json_extract(value, '$.expires') < ?`,
				low,
				high,
				Date.now(),
			),
		);
	}

	async clear(): Promise<void> {
		await this.enqueue(async () => this.keyv.clear());
	}

	async close(): Promise<void> {
		await this.tail.catch(() => undefined);
		await this.keyv.disconnect();
	}

	private async enqueue<T>(write: () => Promise<T>): Promise<T> {
		const result = this.tail.then(write);
		this.tail = result.catch(() => undefined);
		return result;
	}
}

function upsert(rows: number): string {
	const placeholders = Array.from({length: rows}, () => '(?, ?)').join(', ');
	return `INSERT INTO ${table} (key, value) VALUES ${placeholders} ON CONFLICT(key) DO UPDATE SET value = excluded.value`;
}
