/**
 * The durable key-value layer: keyv over @keyv/sqlite, one file per data
 * directory. Single changes go through keyv's own `set`/`delete`; the two bulk
 * paths keyv makes slow (loading everything, seeding many entries) talk SQL to
 * the adapter but read and write values in exactly keyv's format, so either
 * path can read what the other wrote.
 */
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import {chmod} from 'node:fs/promises';
import path from 'node:path';

const namespace = 'agency-tokens';
/** keyv's sqlite adapter keeps everything in this table. */
const table = 'keyv';
/** Rows per SELECT while loading: bounds the transient memory of a million-token load. */
const loadChunk = 100_000;
/** Entries per INSERT while seeding: one statement is one transaction and one sync; 2 parameters each, under SQLite's 32,766. */
const insertChunk = 4000;
/** A JSON string value (or key) that starts with ":" — the one case where keyv's format differs from plain JSON. */
const colonString = /[:,[]":/;

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

export class KvStore {
	/** Opens (creating if needed) `<dataDir>/tokens.sqlite` in WAL mode with a busy timeout. */
	static async open(dataDir: string): Promise<KvStore> {
		const adapter = new KeyvSqlite({
			uri: `sqlite://${path.join(dataDir, 'tokens.sqlite')}`,
			busyTimeout: 5000,
		});
		const keyv = new Keyv({store: adapter, namespace, throwOnErrors: true});
		// WAL: readers never block the writer and each commit is one append; FULL sync stays the default.
		await adapter.query('PRAGMA journal_mode=WAL');
		// Nothing secret is in the file, but the token list is nobody else's business either.
		await restrictFiles(dataDir);
		// A bigger page cache (32 MiB, default 2) keeps the key index in memory while seeding many tokens.
		await adapter.query('PRAGMA cache_size=-32768');
		return new KvStore(adapter, keyv);
	}

	/**
	 * node-sqlite3 runs statements of one connection in parallel, in no promised
	 * order; two writes of one key could land swapped. Chaining every write keeps
	 * them in the order they were made.
	 */
	private tail: Promise<unknown> = Promise.resolve();

	private constructor(
		private readonly adapter: KeyvSqlite,
		private readonly keyv: Keyv,
	) {}

	/** Durably stores one value; resolves once SQLite has committed it. */
	async set(key: string, value: unknown): Promise<void> {
		await this.enqueue(async () => {
			await this.keyv.set(key, value);
		});
	}

	async delete(key: string): Promise<void> {
		await this.enqueue(async () => {
			await this.keyv.delete(key);
		});
	}

	async get<T>(key: string): Promise<T | undefined> {
		return (await this.keyv.get<T>(key)) ?? undefined;
	}

	/**
	 * The values of every entry whose key starts with `prefix`, decoded as keyv
	 * decodes them, in insertion order; `each` may replace each value as it is read.
	 */
	async loadValues<T>(prefix: string, each: (value: T) => T = (value) => value): Promise<T[]> {
		const low = `${namespace}:${prefix}`;
		// The first key past every key with this prefix: bump its last character.
		const high = low.slice(0, -1) + String.fromCodePoint(low.codePointAt(low.length - 1)! + 1);
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
				const value = this.decode<T>(row.value);
				if (value !== undefined) values.push(each(value));
			}

			if (!next) return values;
			rows = await next;
		}
	}

	/**
	 * Stores many values under `prefix` + their id, in few statements, each
	 * atomic. For seeding only. They go in key order: random keys would land all
	 * over the key index.
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
				parameters.push(`${namespace}:${prefix}${idOf(value)}`, this.encode(value));
			}

			const placeholders = Array.from({length: parameters.length / 2}, () => '(?, ?)').join(', ');
			// Encoding the next chunk overlaps with SQLite writing this one; at most one waits.
			await previous;
			previous = this.enqueue(async () =>
				this.adapter.query(
					`INSERT INTO ${table} (key, value) VALUES ${placeholders} ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
					...parameters,
				),
			);
		}

		await previous;
	}

	/**
	 * Exactly what keyv.set stores: the `{value}` envelope, serialized. keyv's
	 * serializer is JSON.stringify apart from escaping strings that start with
	 * ":" (and Buffers, which we never store); where no string does, plain
	 * JSON.stringify writes the same text several times faster.
	 */
	private encode(value: unknown): string {
		const text = JSON.stringify({value});
		if (!colonString.test(text)) return text;
		const escaped = this.keyv.serialize!({value});
		if (typeof escaped !== 'string') throw new TypeError('keyv serializer must be synchronous');
		return escaped;
	}

	/** The inverse, with the same shortcut: JSON.parse gives keyv's result where no string starts with ":". */
	private decode<T>(text: string): T | undefined {
		const envelope = (colonString.test(text) ? this.keyv.deserialize!(text) : JSON.parse(text)) as
			{value?: T} | undefined;
		if (envelope instanceof Promise) throw new TypeError('keyv deserializer must be synchronous');
		return envelope?.value;
	}

	/** Removes every entry of this store (an interrupted seed is redone from scratch). */
	async clear(): Promise<void> {
		await this.enqueue(async () => this.keyv.clear());
	}

	/** Waits for pending writes, then closes the file. */
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
