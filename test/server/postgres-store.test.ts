/**
 * What the PostgreSQL store guarantees on its own, below HTTP: version checks
 * in one transaction, claims, the seed lock, sweeping, connections cut by the
 * database, creating its tables, and the refusals at start. Needs PostgreSQL
 * (see test/support/postgres.ts). What it shares with Redis: shared-feed.test.ts.
 */
import {setTimeout as delay} from 'node:timers/promises';
import pg from 'pg';
import {expect, test} from 'vitest';
import {tokenKey, type StoredToken} from '../../source/server/model.js';
import {Repository} from '../../source/server/repository.js';
import {PostgresStore} from '../../source/server/store-postgres.js';
import {postgresServerPerFile} from '../support/postgres.js';
import {audit, openPair, token} from './store-fixtures.js';

const postgres = postgresServerPerFile();
const open = async (url: string) => PostgresStore.open(url);

test('of 20 commits racing with one expected Version across two stores, exactly one is written', async () => {
	const {stores, close} = await openPair(open, await postgres().database());
	try {
		const original = token(0);
		const key = tokenKey(original.Id);
		expect(
			await stores[0].commit({changes: [{key, value: original}], expect: [{key, version: null}]}),
		).toEqual({
			ok: true,
		});
		const results = await Promise.all(
			Array.from({length: 20}, async (_, index) =>
				stores[index % 2]!.commit({
					changes: [{key, value: {...original, Name: `writer ${index}`, Version: 2}}],
					expect: [{key, version: 1}],
					audit: audit('Edit', original),
				}),
			),
		);
		expect(results.filter((result) => result.ok)).toHaveLength(1);
		expect(results.filter((result) => !result.ok)).toEqual(
			Array.from({length: 19}, () => ({ok: false, key})),
		);
		const winner = results.findIndex((result) => result.ok);
		expect(await stores[1].get<StoredToken>(key)).toMatchObject({Name: `writer ${winner}`, Version: 2});
		// Only the winner's audit entry was numbered: the refused commits left no gap.
		expect(await stores[0].loadValues('audit:')).toEqual([expect.objectContaining({Id: '1'})]);
		// An insert expecting no token is refused once the token exists.
		expect(
			await stores[1].commit({changes: [{key, value: original}], expect: [{key, version: null}]}),
		).toEqual({
			ok: false,
			key,
		});
	} finally {
		await close();
	}
});

test('claims are exclusive across stores until released or lapsed; the seed lock admits one at a time', async () => {
	const {stores, close} = await openPair(open, await postgres().database());
	try {
		expect(await stores[0].claim('key', 60_000)).toBe(true);
		expect(await stores[1].claim('key', 60_000)).toBe(false);
		await stores[0].release('key');
		expect(await stores[1].claim('key', 50)).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(await stores[0].claim('key', 60_000)).toBe(true);

		const order: string[] = [];
		const task = (name: string) => async () => {
			order.push(`${name} in`);
			await new Promise((resolve) => setTimeout(resolve, 150));
			order.push(`${name} out`);
		};
		await Promise.all([stores[0].exclusive('seed', task('one')), stores[1].exclusive('seed', task('two'))]);
		const [first, second] = [order[0]!.split(' ')[0], order[2]!.split(' ')[0]];
		expect(order).toEqual([`${first} in`, `${first} out`, `${second} in`, `${second} out`]);
	} finally {
		await close();
	}
});

test('expired entries are swept; entries that have not expired, and other prefixes, stay', async () => {
	const {stores, close} = await openPair(open, await postgres().database());
	try {
		await stores[0].commit({
			changes: [
				{key: 'idem:old', value: {answer: 1}, ttlMs: 1},
				{key: 'idem:new', value: {answer: 2}, ttlMs: 60_000},
				{key: 'other:old', value: {answer: 3}, ttlMs: 1},
			],
		});
		await new Promise((resolve) => setTimeout(resolve, 20));
		await stores[1].sweepExpired('idem:');
		expect(await stores[1].loadValues('idem:')).toEqual([{answer: 2}]);
		expect(await stores[1].loadValues('other:')).toEqual([{answer: 3}]);
		// keyv itself refuses an expired entry that was not swept yet.
		expect(await stores[1].get('other:old')).toBeUndefined();
	} finally {
		await close();
	}
});

test('connections cut by the database, even one held for the seed lock, fail a statement, not the process', async () => {
	const url = await postgres().database();
	const store = await PostgresStore.open(url);
	const admin = new pg.Client({connectionString: url});
	await admin.connect();
	try {
		await store.exclusive('seed', async () => {
			// What a restart of Postgres or an administrator does to every session of the servers.
			await admin.query(
				"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'agency-tokens'",
			);
			await delay(200);
		});
		// Fresh connections take over.
		await store.set('meta:probe', 1);
		expect(await store.get('meta:probe')).toBe(1);
	} finally {
		await admin.end();
		await store.close();
	}
});

test('servers starting together on a new database create its tables once, without tripping over each other', async () => {
	const url = await postgres().database();
	const stores = await Promise.all(Array.from({length: 4}, async () => PostgresStore.open(url)));
	try {
		const repositories = await Promise.all(stores.map(async (store) => Repository.load(store)));
		const created = token(0);
		await repositories[0]!.insert(created, audit('Create', created));
		for (const repository of repositories) await repository.sync();
		expect(repositories.map((repository) => repository.tokens.get(created.Id)?.Name)).toEqual(
			Array.from({length: 4}, () => created.Name),
		);
	} finally {
		await Promise.all(stores.map(async (store) => store.close()));
	}
});

test('a user who may not create the tables is told so at start; a missing database is unreachable', async () => {
	const url = await postgres().database();
	const admin = new pg.Client({connectionString: url});
	await admin.connect();
	try {
		await admin.query('DROP ROLE IF EXISTS visitor');
		await admin.query('CREATE ROLE visitor LOGIN');
		// PostgreSQL 15 and later grant nobody CREATE on public by default; older ones grant everybody.
		await admin.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
	} finally {
		await admin.end();
	}

	const visitor = new URL(url);
	visitor.username = 'visitor';
	await expect(PostgresStore.open(visitor.toString())).rejects.toThrow(
		/refused the store's tables \(the user needs CREATE on schema public\): permission denied/,
	);
	const missing = new URL(url);
	missing.pathname = '/no_such_database';
	await expect(PostgresStore.open(missing.toString())).rejects.toThrow(
		/^Cannot reach Postgres at .*no_such_database/,
	);
});
