/**
 * The durable key-value layer: keyv over @keyv/sqlite, one file per data
 * directory. Single changes go through keyv's own `set`/`delete`; the two bulk
 * paths keyv makes slow (loading everything, seeding many entries) talk SQL to
 * the adapter but read and write values in exactly keyv's format, so either
 * path can read what the other wrote.
 */
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import path from 'node:path';

const namespace = 'agency-tokens';
/** keyv's sqlite adapter keeps everything in this table. */
const table = 'keyv';
/** Rows per SELECT while loading: bounds the transient memory of a million-token load. */
const loadChunk = 100_000;
/** Entries per INSERT while seeding: one statement is one transaction, one sync. */
const insertChunk = 10_000;

export class KvStore {
	/** Opens (creating if needed) `<dataDir>/tokens.sqlite` in WAL mode with a busy timeout. */
	static async open(dataDir: string): Promise<KvStore> {
		const adapter = new KeyvSqlite({uri: `sqlite://${path.join(dataDir, 'tokens.sqlite')}`, busyTimeout: 5000});
		const keyv = new Keyv({store: adapter, namespace, throwOnErrors: true});
		// WAL: readers never block the writer and each commit is one append; FULL sync stays the default.
		await adapter.query('PRAGMA journal_mode=WAL');
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

	/** The values of every entry whose key starts with `prefix`, in key order, decoded as keyv decodes them. */
	async loadValues<T>(prefix: string): Promise<T[]> {
		const low = `${namespace}:${prefix}`;
		// The first key past every key with this prefix: bump its last character.
		const high = low.slice(0, -1) + String.fromCodePoint(low.codePointAt(low.length - 1)! + 1);
		const values: T[] = [];
		let after = '';
		for (;;) {
			// Keyset paging on the primary key: each chunk is one index range scan (keyv's own iterator pages with OFFSET).
			const rows = (await this.adapter.query(
				`SELECT key, value FROM ${table} WHERE key >= ? AND key > ? AND key < ? ORDER BY key LIMIT ?`,
				low,
				after,
				high,
				loadChunk,
			)) as Array<{key: string; value: string}>;
			const deserialize = this.keyv.deserialize!;
			for (const row of rows) {
				// The default deserializer is synchronous; only await a custom one that is not.
				let decoded = deserialize<T>(row.value);
				if (decoded instanceof Promise) decoded = await decoded;
				if (decoded?.value !== undefined) values.push(decoded.value);
			}

			if (rows.length < loadChunk) return values;
			after = rows.at(-1)!.key;
		}
	}

	/** Stores many entries in few statements; each chunk is atomic. For seeding only. */
	async setMany(entries: ReadonlyArray<readonly [string, unknown]>): Promise<void> {
		const serialize = this.keyv.serialize!;
		for (let start = 0; start < entries.length; start += insertChunk) {
			const rows: string[][] = [];
			for (const [key, value] of entries.slice(start, start + insertChunk)) {
				// Exactly what keyv.set writes: the prefixed key and the serialized {value} envelope.
				let text = serialize({value});
				if (text instanceof Promise) text = await text;
				rows.push([`${namespace}:${key}`, text]);
			}

			await this.enqueue(async () =>
				this.adapter.query(
					`INSERT INTO ${table} (key, value)
					SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)
					WHERE true ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
					JSON.stringify(rows),
				),
			);
		}
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
