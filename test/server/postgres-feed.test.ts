/**
 * The working set on a shared PostgreSQL store, below HTTP: how a repository
 * catches up with another's writes, including one so far behind that the
 * changelog no longer reaches back to it, and the store's own guarantees
 * (version checks in one transaction, claims, the seed lock). Needs
 * PostgreSQL (see test/support/postgres.ts).
 */
import {setTimeout as delay} from 'node:timers/promises';
import pg from 'pg';
import {expect, test} from 'vitest';
import {derivedSecret} from '../../source/server/crypto.js';
import {newTokenId, tokenKey, type StoredToken} from '../../source/server/model.js';
import {Repository} from '../../source/server/repository.js';
import {PostgresStore} from '../../source/server/store-postgres.js';
import {postgresServerPerFile} from '../support/postgres.js';

const postgres = postgresServerPerFile();

function token(index: number): StoredToken {
	return {
		Id: newTokenId(),
		Name: `Feed ${index}`,
		Description: '',
		ApiVersion: '12',
		State: 'Enabled',
		Legacy: false,
		CreatedAt: 1_700_000_000_000 + index,
		UpdatedAt: 1_700_000_000_000 + index,
		LastUsedAt: null,
		PrimaryContact: 'U1',
		DeveloperEmails: [],
		Scopes: ['reports.reports.get'],
		Version: 1,
		Secret: derivedSecret,
		ReadOnlySecret: null,
	};
}

const audit = (action: 'Create' | 'Delete' | 'Edit', subject: StoredToken) => ({
	At: new Date(0).toISOString(),
	Actor: 'test',
	Action: action,
	TokenId: subject.Id,
	TokenName: subject.Name,
	Detail: '',
});

/** Two stores on one database, and a repository loaded from each. */
async function openPair(options = {}) {
	const url = await postgres().database();
	const stores = [await PostgresStore.open(url, options), await PostgresStore.open(url, options)] as const;
	const repositories = [await Repository.load(stores[0]), await Repository.load(stores[1])] as const;
	return {stores, repositories, close: async () => Promise.all(stores.map(async (store) => store.close()))};
}

const snapshot = (repository: Repository) => ({
	tokens: [...repository.tokens.values()].sort((a, b) => a.CreatedAt - b.CreatedAt),
	audit: repository.auditEntries,
	revision: repository.revision,
});

test('a repository far behind reloads everything; one close behind takes just the changes', async () => {
	const {repositories, close} = await openPair({changelogRevisions: 3});
	const [writer, reader] = repositories;
	try {
		const tokens = Array.from({length: 10}, (_, index) => token(index));
		for (const created of tokens) await writer.insert(created, audit('Create', created));
		const edited = {...tokens[3]!, Name: 'Edited', Version: 2};
		await writer.replace(tokens[3]!, edited, audit('Edit', edited));
		await writer.remove(tokens[0]!, audit('Delete', tokens[0]!));

		// 12 revisions behind, with 3 kept: the log cannot say what changed.
		await reader.sync();
		expect(snapshot(reader)).toEqual(snapshot(writer));
		expect(reader.tokens.get(tokens[3]!.Id)?.Name).toBe('Edited');
		expect(reader.auditEntries.map((entry) => entry.Id)).toEqual(
			Array.from({length: 12}, (_, index) => String(index + 1)),
		);

		// Now close behind: the change itself.
		await writer.remove(tokens[5]!, audit('Delete', tokens[5]!));
		await reader.sync();
		expect(snapshot(reader)).toEqual(snapshot(writer));
		expect(reader.size).toBe(8);
	} finally {
		await close();
	}
});

test('a write based on a version another repository has replaced is refused, and nothing is written', async () => {
	const {repositories, close} = await openPair();
	const [one, other] = repositories;
	try {
		const original = token(0);
		await one.insert(original);
		await other.sync();
		await one.replace(original, {...original, Name: 'First', Version: 2});
		await expect(other.replace(original, {...original, Name: 'Second', Version: 2})).rejects.toThrow(
			'changed by another writer',
		);
		// The refusal brought the other repository up to date.
		expect(other.tokens.get(original.Id)?.Name).toBe('First');
		await one.sync();
		expect(one.tokens.get(original.Id)).toEqual(other.tokens.get(original.Id));
	} finally {
		await close();
	}
});

test('of 20 commits racing with one expected Version across two stores, exactly one is written', async () => {
	const {stores, close} = await openPair();
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
	const {stores, close} = await openPair();
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
	const {stores, close} = await openPair();
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
