/**
 * The Postgres store's connections: a pool of its own per store, with
 * timeouts so no statement hangs a request, and transactions on one connection.
 */
import KeyvPostgres, {type KeyvPostgresOptions} from '@keyv/postgres';
import pg from 'pg';

/** No statement may hang a request: a database that stops answering is a 503 after this. */
const commandTimeoutMs = 5000;

/** A pool whose connections fail within a few seconds, and whose broken connections never end the process. */
export function createPool(url: string): pg.Pool {
	const pool = new pg.Pool({
		connectionString: url,
		connectionTimeoutMillis: commandTimeoutMs,
		statement_timeout: commandTimeoutMs,
		query_timeout: commandTimeoutMs + 1000,
		// A server that hangs mid-commit (connection open, state row locked) must not stall the others for long.
		idle_in_transaction_session_timeout: commandTimeoutMs,
		application_name: 'agency-tokens',
	});
	// A connection that breaks while idle is reported here; unhandled, it would end the process.
	pool.on('error', () => undefined);
	// The pool listens only while a connection is idle: one that breaks while checked out (between two
	// statements of a commit, or holding the seed lock) would end the process too. Its next statement fails instead.
	pool.on('connect', (client) => client.on('error', () => undefined));
	return pool;
}

/**
 * @keyv/postgres keeps one pool per process, keyed by URL, and its disconnect
 * ends whichever pool is current: two stores in one process (tests, a store
 * reopened) would end each other's. Here each store owns its pool and the
 * adapter queries through it.
 */
export class PooledKeyvPostgres extends KeyvPostgres {
	/** @keyv/postgres's default table (`public.keyv`), queried through `pool`. */
	constructor(pool: pg.Pool) {
		// Its constructor calls connect() before this one's body runs: the pool travels in its options.
		super({pool, table: 'keyv', schema: 'public'} as KeyvPostgresOptions);
	}

	override async connect(): Promise<(text: string, values?: unknown[]) => Promise<unknown[]>> {
		const {pool} = this.opts as {pool: pg.Pool};
		return async (text, values) => (await pool.query(text, values)).rows as unknown[];
	}

	/** The store ends the pool. */
	override async disconnect(): Promise<void> {
		// Nothing to do.
	}
}

/**
 * Runs `work` in a transaction on one connection: COMMIT when it returns (unless
 * it rolled back itself), ROLLBACK when it throws. A connection that failed is
 * destroyed rather than returned to the pool mid-transaction.
 */
export async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
	const client = await pool.connect();
	let broken: Error | undefined;
	try {
		await client.query('BEGIN');
		const result = await work(client);
		// A no-op (with a warning) after the work's own ROLLBACK.
		await client.query('COMMIT');
		return result;
	} catch (error) {
		broken = error as Error;
		await client.query('ROLLBACK').catch(() => undefined);
		throw error;
	} finally {
		client.release(broken);
	}
}
