/**
 * The shared store on PostgreSQL: keyv over @keyv/postgres, for several server
 * processes on one database. Values sit in the adapter's table under keyv's
 * keys (`agency-tokens:token:<Id>`) in keyv's format. What keyv cannot do runs
 * as SQL on the store's own connections (store-postgres-sql.ts):
 * - a commit is one transaction that first locks the store's state row, so
 *   commits run one at a time across servers; inside it each expected token
 *   Version is checked against the row, locked FOR UPDATE, then every entry is
 *   written, the audit entry numbered and the revision bumped, or, on a
 *   failed check, the transaction rolls back and nothing is written;
 * - every commit logs the keys it changed under its revision, so each process
 *   catches up on the others' writes with one round trip per request.
 */
import Keyv from 'keyv';
import type pg from 'pg';
import {setTimeout as delay} from 'node:timers/promises';
import {StoreUnavailable} from './errors.js';
import type {Change, ChangeFeed, CommitRequest, CommitResult, Feed, Store} from './store.js';
import {decodeEntry, encodeEntry} from './store-format.js';
import {createPool, PooledKeyvPostgres, transaction} from './store-postgres-pool.js';
import * as sql from './store-postgres-sql.js';

const namespace = 'agency-tokens';
const full = (key: string) => `${namespace}:${key}`;
const lockName = (name: string) => `${namespace}:lock:${name}`;
/** Revisions the changelog keeps: a process further behind than this reloads everything. */
const defaultChangelogRevisions = 10_000;
/** Rows per page while loading, and per INSERT while seeding. */
const pageRows = 5000;
const auditPrefix = 'audit:';

type Row = {key: string; value: string | null};
/** A row of the change feed: no key when nothing changed. */
type FeedRow = {key: string | null; value: string | null; revision: string; floor: string};

export class PostgresStore implements Store {
	/** Connects (failing within a few seconds when the database is not there), creates the tables, and returns the store. */
	static async open(
		url: string,
		{changelogRevisions = defaultChangelogRevisions}: {changelogRevisions?: number} = {},
	): Promise<PostgresStore> {
		const pool = createPool(url);
		try {
			await transaction(pool, async (client) => {
				for (const statement of sql.schemaStatements) await client.query(statement);
			});
		} catch (error) {
			await pool.end().catch(() => undefined);
			const {code, message} = error as {code?: string; message: string};
			// A socket's error (ECONNREFUSED), or SQLSTATE classes 08 (connection), 28 (login), 3D (no such
			// database), 57 (shutting down): the database is not there for us. Any other SQLSTATE came from the DDL.
			const unreachable = !/^[\dA-Z]{5}$/.test(code ?? '') || /^(08|28|3D|57)/.test(code!);
			throw new Error(
				unreachable
					? `Cannot reach Postgres at ${redacted(url)}: ${message}`
					: `Postgres at ${redacted(url)} refused the store's tables (the user needs CREATE on schema public): ${message}`,
			);
		}

		const adapter = new PooledKeyvPostgres(pool);
		adapter.on('error', () => undefined);
		const keyv = new Keyv({store: adapter, namespace, throwOnErrors: true});
		keyv.on('error', () => undefined);
		return new PostgresStore(pool, keyv, changelogRevisions);
	}

	readonly feed: Feed = {
		revision: async () =>
			this.guard(async () => Number((await this.pool.query(sql.currentRevision)).rows[0].revision)),
		changesSince: async (revision) => this.changesSince(revision),
	};

	private constructor(
		private readonly pool: pg.Pool,
		private readonly keyv: Keyv,
		private readonly changelogRevisions: number,
	) {}

	/** Through keyv, which also drops an entry whose time is up. */
	async get<T>(key: string): Promise<T | undefined> {
		return this.guard(async () => (await this.keyv.get<T>(key)) ?? undefined);
	}

	async set(key: string, value: unknown): Promise<void> {
		await this.guard(async () => this.keyv.set(key, value));
	}

	async commit({changes, expect = [], audit}: CommitRequest): Promise<CommitResult> {
		// Logged (and so a new revision): anything that is part of the working set, unlike remembered answers.
		const logged = audit !== undefined || changes.some(({ttlMs}) => !ttlMs);
		return this.guard(async () =>
			transaction(this.pool, async (client) => {
				let revision = 0;
				let auditKey: string | undefined;
				const written = new Map<string, string | undefined>();
				if (logged || expect.length > 0) {
					const {rows} = await client.query<{revision: string; sequence: string}>(sql.bumpState, [
						logged ? 1 : 0,
						audit ? 1 : 0,
					]);
					revision = Number(rows[0]!.revision);
					if (audit) {
						const sequence = Number(rows[0]!.sequence);
						// Zero-padded as the working set keys them, so audit keys sort by sequence.
						auditKey = full(`${auditPrefix}${String(sequence).padStart(12, '0')}`);
						written.set(auditKey, encodeEntry(this.keyv, {Id: String(sequence), ...audit}));
					}
				}

				if (expect.length > 0) {
					const {rows} = await client.query<Row>(sql.lockEntries, [expect.map(({key}) => full(key))]);
					const current = new Map(rows.map((row) => [row.key, row.value]));
					for (const {key, version} of expect) {
						if (!matches(this.keyv, current.get(full(key)) ?? undefined, version)) {
							await client.query('ROLLBACK');
							return {ok: false, key} as const;
						}
					}
				}

				for (const change of changes) written.set(full(change.key), this.encode(change));
				await this.write(client, written);
				if (logged) {
					const loggedKeys = changes.filter(({ttlMs}) => !ttlMs).map(({key}) => full(key));
					if (auditKey) loggedKeys.push(auditKey);
					await client.query(sql.logKeys, [revision, loggedKeys]);
					if (revision > this.changelogRevisions) {
						await client.query(sql.trimLog, [revision - this.changelogRevisions]);
					}
				}

				return {ok: true} as const;
			}),
		);
	}

	private encode({value, ttlMs}: Change): string | undefined {
		if (value === undefined) return undefined;
		return encodeEntry(this.keyv, value, ttlMs ? Date.now() + ttlMs : undefined);
	}

	/** Deletes (undefined) and upserts, two statements at most. */
	private async write(client: pg.ClientBase, entries: Map<string, string | undefined>): Promise<void> {
		const deleted = [...entries].filter(([, text]) => text === undefined).map(([key]) => key);
		const upserted = [...entries].filter((entry): entry is [string, string] => entry[1] !== undefined);
		if (deleted.length > 0) await client.query(sql.deleteEntries, [deleted]);
		if (upserted.length > 0) {
			await client.query(sql.upsertEntries, [upserted.map(([key]) => key), upserted.map(([, text]) => text)]);
		}
	}

	private async changesSince(revision: number): Promise<ChangeFeed> {
		const {rows} = await this.guard(async () => this.pool.query<FeedRow>(sql.changesSince, [revision]));
		const current = Number(rows[0]!.revision);
		if (revision > current || revision < Number(rows[0]!.floor)) return {revision: current, reload: true};
		const entries: Array<[string, unknown]> = rows
			.filter((row): row is FeedRow & {key: string} => row.key !== null)
			.map((row) => [
				row.key.slice(full('').length),
				row.value === null ? undefined : decodeEntry(this.keyv, row.value),
			]);
		return {revision: current, reload: false, entries};
	}

	/** Paged in key order (the primary key's index), so a million tokens never sit in one result. */
	async loadValues<T>(prefix: string, each: (value: T) => T = (value) => value): Promise<T[]> {
		const values: T[] = [];
		let after = '';
		for (;;) {
			const {rows} = await this.guard(async () =>
				this.pool.query<Row>(sql.loadPage, [full(prefix), after, pageRows]),
			);
			for (const row of rows) {
				const value = row.value === null ? undefined : decodeEntry<T>(this.keyv, row.value);
				if (value !== undefined) values.push(each(value));
			}

			if (rows.length < pageRows) return values;
			after = rows.at(-1)!.key;
		}
	}

	async setValues<T>(prefix: string, values: readonly T[], idOf: (value: T) => string): Promise<void> {
		for (let start = 0; start < values.length; start += pageRows) {
			const chunk = values.slice(start, start + pageRows);
			await this.guard(async () =>
				this.pool.query(sql.upsertEntries, [
					chunk.map((value) => full(`${prefix}${idOf(value)}`)),
					chunk.map((value) => encodeEntry(this.keyv, value)),
				]),
			);
		}
	}

	/**
	 * An advisory lock on a connection held while `task` runs; waits for another
	 * process's to go. A holder that dies drops it with its connection.
	 */
	async exclusive<T>(name: string, task: () => Promise<T>): Promise<T> {
		const client = await this.guard(async () => this.pool.connect());
		const locked = async () =>
			(await this.guard(async () => client.query<{ok: boolean}>(sql.tryLock, [lockName(name)]))).rows[0]!.ok;
		// After a failure the connection is closed, not pooled: no lock it may still hold outlives it.
		let broken = false;
		try {
			while (!(await locked())) await delay(100);
			try {
				return await task();
			} finally {
				await client.query(sql.unlock, [lockName(name)]).catch(() => {
					broken = true;
				});
			}
		} catch (error) {
			broken = true;
			throw error;
		} finally {
			client.release(broken);
		}
	}

	async claim(name: string, ttlMs: number): Promise<boolean> {
		const {rowCount} = await this.guard(async () => this.pool.query(sql.takeClaim, [name, ttlMs]));
		return rowCount === 1;
	}

	async release(name: string): Promise<void> {
		await this.guard(async () => this.pool.query(sql.dropClaim, [name]));
	}

	/** Postgres expires nothing itself (keyv drops an expired entry only when it is read). */
	async sweepExpired(prefix: string): Promise<void> {
		await this.guard(async () => this.pool.query(sql.sweep, [full(prefix), Date.now()]));
	}

	/** Every entry, the revision and the changelog, in one transaction; claims and locks stay. */
	async clear(): Promise<void> {
		await this.guard(async () =>
			transaction(this.pool, async (client) => {
				const [entries, ...rest] = sql.clearStatements;
				await client.query(entries!, [full('')]);
				for (const statement of rest) await client.query(statement);
			}),
		);
	}

	async close(): Promise<void> {
		await this.pool.end().catch(() => undefined);
	}

	/** Every failure of the engine is the same to a client: the store is unavailable (503). */
	private async guard<T>(operation: () => Promise<T>): Promise<T> {
		try {
			return await operation();
		} catch (error) {
			if (error instanceof StoreUnavailable) throw error;
			throw new StoreUnavailable(`Postgres: ${(error as Error).message}`);
		}
	}
}

/** Whether a stored entry (keyv format; undefined: absent) is at the expected Version (null: absent). */
function matches(keyv: Keyv, text: string | undefined, version: number | null): boolean {
	if (text === undefined) return version === null;
	if (version === null) return false;
	try {
		return decodeEntry<{Version?: unknown}>(keyv, text)?.Version === version;
	} catch {
		return false;
	}
}

function redacted(url: string): string {
	const parsed = new URL(url);
	if (parsed.password !== '') parsed.password = '***';
	return parsed.toString();
}
