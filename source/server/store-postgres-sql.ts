/**
 * The SQL the Postgres store runs. Values live in @keyv/postgres's own table,
 * in keyv's format, so keyv reads what these statements write. Beside it, the
 * store keeps what keyv has no place for: the revision, the changelog the
 * other servers follow, and claims with a deadline.
 */

/** @keyv/postgres's default table, created as it would create it. */
export const keyvTable = 'public.keyv';
const state = 'public.agency_tokens_state';
const changelog = 'public.agency_tokens_changelog';
const claims = 'public.agency_tokens_claims';

/**
 * Creates the tables once per database. Servers starting together would race
 * on CREATE TABLE IF NOT EXISTS (a duplicate-key error in the catalogue), so
 * the DDL runs under a transaction-scoped advisory lock.
 */
export const schemaStatements = [
	`SELECT pg_advisory_xact_lock(hashtext('agency-tokens:schema'))`,
	`CREATE TABLE IF NOT EXISTS ${keyvTable} (key VARCHAR(255) PRIMARY KEY, value TEXT)`,
	// One row: the revision every commit that changes the working set bumps, the oldest revision
	// the changelog still reaches back to, and the last audit entry's number.
	`CREATE TABLE IF NOT EXISTS ${state} (
		id smallint PRIMARY KEY CHECK (id = 1),
		revision bigint NOT NULL DEFAULT 0,
		floor bigint NOT NULL DEFAULT 0,
		audit_sequence bigint NOT NULL DEFAULT 0
	)`,
	`INSERT INTO ${state} (id) VALUES (1) ON CONFLICT (id) DO NOTHING`,
	`CREATE TABLE IF NOT EXISTS ${changelog} (revision bigint NOT NULL, key text NOT NULL, PRIMARY KEY (revision, key))`,
	`CREATE TABLE IF NOT EXISTS ${claims} (name text PRIMARY KEY, expires_at timestamptz NOT NULL)`,
];

/**
 * The first statement of a commit: bumps the revision ($1: 0 or 1) and the
 * audit sequence ($2) and returns them. It takes the state row's lock, held
 * until COMMIT, so commits run one after another across every server: the
 * version checks that follow see every commit before, and revisions become
 * visible in order (a follower never skips one still in flight).
 */
export const bumpState = `UPDATE ${state} SET revision = revision + $1, audit_sequence = audit_sequence + $2
	WHERE id = 1 RETURNING revision::text AS revision, audit_sequence::text AS sequence`;

/** The expected entries, locked until COMMIT ($1: keys). */
export const lockEntries = `SELECT key, value FROM ${keyvTable} WHERE key = ANY($1::text[]) FOR UPDATE`;

export const deleteEntries = `DELETE FROM ${keyvTable} WHERE key = ANY($1::text[])`;

/** Writes many entries ($1: keys, $2: values, no key twice). */
export const upsertEntries = `INSERT INTO ${keyvTable} (key, value) SELECT * FROM unnest($1::text[], $2::text[])
	ON CONFLICT (key) DO UPDATE SET value = excluded.value`;

/** Logs the keys a commit changed ($2) under its revision ($1). */
export const logKeys = `INSERT INTO ${changelog} (revision, key) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`;

/** Forgets revisions up to $1: a follower further behind reloads everything. */
export const trimLog = `WITH gone AS (DELETE FROM ${changelog} WHERE revision <= $1)
	UPDATE ${state} SET floor = $1 WHERE id = 1`;

export const currentRevision = `SELECT revision::text AS revision FROM ${state} WHERE id = 1`;

/**
 * What changed since $1, in one statement and so one snapshot: the revision,
 * the changelog's floor, and each key changed in between (once) with its value
 * now (null: deleted). Without changes, or too far behind, a single row with a
 * null key.
 */
export const changesSince = `SELECT s.revision::text AS revision, s.floor::text AS floor, c.key, k.value
	FROM ${state} s
	LEFT JOIN LATERAL (
		SELECT DISTINCT key FROM ${changelog}
		WHERE $1 >= s.floor AND revision > $1 AND revision <= s.revision
	) c ON true
	LEFT JOIN ${keyvTable} k ON k.key = c.key
	WHERE s.id = 1`;

/** A page of the entries under a prefix ($1), after key $2, in key order ($3: rows). */
export const loadPage = `SELECT key, value FROM ${keyvTable} WHERE key > $2 AND starts_with(key, $1) ORDER BY key LIMIT $3`;

/** A session-level lock: a holder that dies (its connection gone) drops it at once. */
export const tryLock = `SELECT pg_try_advisory_lock(hashtext($1)) AS ok`;
export const unlock = `SELECT pg_advisory_unlock(hashtext($1))`;

/** Takes a claim ($1) for $2 ms unless another holds one that has not lapsed (by the database's clock). */
export const takeClaim = `INSERT INTO ${claims} AS claim (name, expires_at)
	VALUES ($1, clock_timestamp() + $2 * interval '1 millisecond')
	ON CONFLICT (name) DO UPDATE SET expires_at = excluded.expires_at WHERE claim.expires_at <= clock_timestamp()
	RETURNING name`;

export const dropClaim = `DELETE FROM ${claims} WHERE name = $1`;

/** Deletes entries under $1 whose keyv envelope says they expired before $2 (epoch ms). */
export const sweep = `DELETE FROM ${keyvTable}
	WHERE starts_with(key, $1)
	AND CASE WHEN value LIKE '%"expires":%' THEN (value::jsonb ->> 'expires')::bigint END < $2`;

/** Removes the store's entries ($1: the namespace prefix) and resets what is kept beside them. */
export const clearStatements = [
	`DELETE FROM ${keyvTable} WHERE starts_with(key, $1)`,
	`DELETE FROM ${changelog}`,
	`UPDATE ${state} SET revision = 0, floor = 0, audit_sequence = 0 WHERE id = 1`,
];
