/**
 * The engines a shared store (`--store URL`) runs on, as one table that the
 * shared-store tests run each scenario over (one `describe` an engine): how to
 * get a real server for a test file, a fresh store on it, a server of one's
 * own to stop and resume, the store class itself, and everything it holds.
 */
import {createClient} from '@keyv/redis';
import pg from 'pg';
import type {Store} from '../../source/server/store.js';
import {PostgresStore} from '../../source/server/store-postgres.js';
import {RedisStore} from '../../source/server/store-redis.js';
import {postgresServerPerFile, startPostgres} from './postgres.js';
import {redisServerPerFile, startRedis} from './redis.js';

/** A server of one's own: `stop` takes it away (data kept), `resume` brings it back. */
export type OwnServer = {
	store: string;
	stop(): Promise<void>;
	resume(): Promise<void>;
	close(): Promise<void>;
};

export type SharedStoreEngine = {
	/** As the tests' names say it. */
	name: 'Redis' | 'Postgres';
	/** Registers one server for the enclosing `describe`; the function returns the URL of a fresh, empty store on it. */
	serverPerFile(): () => Promise<string>;
	/** A server of its own, for a test that stops it. */
	startOwn(): Promise<OwnServer>;
	open(url: string, options?: {changelogRevisions?: number}): Promise<Store>;
	/** How a remembered answer's key starts in the engine (keyv's namespace separator differs). */
	idempotencyKeyPrefix: string;
	/** Every key the store holds, and everything it holds as one text. */
	dump(store: string): Promise<{keys: string[]; text: string}>;
};

const redis: SharedStoreEngine = {
	name: 'Redis',
	serverPerFile() {
		const server = redisServerPerFile();
		// One of Redis's 16 databases per store: a file asks for fewer.
		let nextDatabase = 0;
		return async () => server().database(nextDatabase++);
	},
	async startOwn() {
		const own = await startRedis();
		return {store: own.url, stop: own.stop, resume: own.resume, close: own.close};
	},
	open: async (url, options) => RedisStore.open(url, options),
	idempotencyKeyPrefix: 'agency-tokens::idem:',
	async dump(store) {
		const client = createClient({url: store});
		await client.connect();
		try {
			const keys = await client.keys('*');
			const values = await Promise.all(
				keys.map(async (key) =>
					(await client.type(key)) === 'string'
						? client.get(key)
						: (await client.zRange(key, 0, -1)).join('\n'),
				),
			);
			return {keys, text: [...keys, ...values].join('\n')};
		} finally {
			await client.close();
		}
	},
};

const postgres: SharedStoreEngine = {
	name: 'Postgres',
	serverPerFile() {
		const server = postgresServerPerFile();
		return async () => server().database();
	},
	async startOwn() {
		const own = await startPostgres();
		try {
			return {store: await own.database(), stop: own.stop, resume: own.resume, close: own.close};
		} catch (error) {
			await own.close();
			throw error;
		}
	},
	open: async (url, options) => PostgresStore.open(url, options),
	idempotencyKeyPrefix: 'agency-tokens:idem:',
	async dump(store) {
		const client = new pg.Client({connectionString: store});
		await client.connect();
		try {
			const keys = (await client.query<{key: string}>('SELECT key FROM keyv')).rows.map((row) => row.key);
			// Every table of the database, as text.
			const tables = (
				await client.query<{name: string}>(
					"SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'",
				)
			).rows.map((row) => row.name);
			const rows: string[] = [];
			// One query at a time: a pg client runs one.
			for (const table of tables) {
				for (const row of (await client.query(`SELECT * FROM ${table}`)).rows) rows.push(JSON.stringify(row));
			}

			return {keys, text: rows.join('\n')};
		} finally {
			await client.end();
		}
	},
};

export const sharedStoreEngines: SharedStoreEngine[] = [redis, postgres];
