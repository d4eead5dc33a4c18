/**
 * Several servers on one shared store (`--store redis://…` or
 * `--store postgres://…`), each scenario once per engine: each server sees the
 * others' writes, If-Match holds between them, and data outlives the servers.
 * Needs redis-server and PostgreSQL (see test/support/redis.ts and
 * postgres.ts): fails, never skips, without them.
 */
import {randomUUID} from 'node:crypto';
import {copyFile, rm} from 'node:fs/promises';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {afterEach, describe, expect, test} from 'vitest';
import {makeDataDir, send, startTestServer, type TestServer} from '../support/server.js';
import {sharedStoreEngines} from '../support/shared-stores.js';
import {spawnServer, type ChildServer} from './child-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function dataDir(): Promise<string> {
	const dir = await makeDataDir();
	cleanups.push(async () => rm(dir, {recursive: true, force: true}));
	return dir;
}

/** A second server's data directory: its own, holding a copy of the first one's secret.key. */
async function sharingKeyOf(first: string): Promise<string> {
	const dir = await dataDir();
	await copyFile(path.join(first, 'secret.key'), path.join(dir, 'secret.key'));
	return dir;
}

async function start(store: string, dir: string): Promise<TestServer> {
	const server = await startTestServer({store, dataDir: dir});
	cleanups.push(async () => server.close());
	return server;
}

/** Two servers on one fresh store, with one key. */
async function pair(freshStore: () => Promise<string>): Promise<[TestServer, TestServer]> {
	const store = await freshStore();
	const firstDir = await dataDir();
	const first = await start(store, firstDir);
	const second = await start(store, await sharingKeyOf(firstDir));
	return [first, second];
}

const tokenBody = {Name: 'Shared', Scopes: ['account.company-information.get']};

const listed = async (server: TestServer) =>
	(await server.request('GET', '/AccessTokens?PageSize=1000')).json.AccessTokens as Array<{
		Id: string;
		Version: number;
	}>;

async function companyInformation(server: TestServer, credentials: {AccountSid: string; AuthToken: string}) {
	return server.request('GET', `/Agencies/${credentials.AccountSid}/CompanyInformation`, {
		auth: [credentials.AccountSid, credentials.AuthToken],
	});
}

for (const engine of sharedStoreEngines) {
	describe(`on ${engine.name}`, () => {
		const freshStore = engine.serverPerFile();

		describe('two servers on one store', () => {
			test('the store is seeded once, and each server sees the other’s writes at once', async () => {
				const [first, second] = await pair(freshStore);
				expect(first.server.seeded).toBe(true);
				expect(second.server.seeded).toBe(false);
				expect(await listed(second)).toEqual(await listed(first));

				const created = (await first.request('POST', '/AccessTokens', {body: tokenBody})).json;
				const id = created.AccessToken.Id as string;
				expect((await second.request('GET', `/AccessTokens/${id}`)).json).toEqual(created.AccessToken);

				const edited = await second.request('PUT', `/AccessTokens/${id}`, {
					body: {Description: 'edited on the second'},
					headers: {'If-Match': '"1"'},
				});
				expect(edited.status).toBe(200);
				expect((await first.request('GET', `/AccessTokens/${id}`)).json).toMatchObject({
					Description: 'edited on the second',
					Version: 2,
				});

				// A reset on one server stops the old secret on the other at once.
				expect((await companyInformation(second, created.Credentials)).status).toBe(200);
				const reset = (await first.request('POST', `/AccessTokens/${id}/Reset`)).json.Credentials;
				expect((await companyInformation(second, created.Credentials)).status).toBe(401);
				expect((await companyInformation(second, reset)).status).toBe(200);

				await second.request('POST', '/LegacyTokens/Enable');
				expect((await first.request('GET', '/LegacyTokens/Enable')).json).toEqual({Enabled: true});

				await first.request('DELETE', `/AccessTokens/${id}`);
				expect((await second.request('GET', `/AccessTokens/${id}`)).status).toBe(404);
				expect(await listed(second)).toEqual(await listed(first));

				// One audit log, numbered without gaps or repeats across both servers.
				const audit = async (server: TestServer) =>
					(await server.request('GET', '/AuditLog?PageSize=1000')).json.AuditEntries as Array<{
						Id: string;
						Action: string;
					}>;
				const entries = await audit(second);
				expect(entries).toEqual(await audit(first));
				expect(entries.map((entry) => entry.Action).reverse()).toEqual([
					'Create',
					'Edit',
					'Reset',
					'EnableLegacy',
					'Delete',
				]);
				expect(entries.map((entry) => Number(entry.Id)).reverse()).toEqual([1, 2, 3, 4, 5]);
			});

			test('If-Match holds between servers: of 20 concurrent edits with one ETag, exactly one wins', async () => {
				const [first, second] = await pair(freshStore);
				const id = (await first.request('POST', '/AccessTokens', {body: tokenBody})).json.AccessToken
					.Id as string;
				await second.request('GET', `/AccessTokens/${id}`);
				const answers = await Promise.all(
					Array.from({length: 20}, async (_, index) =>
						(index % 2 === 0 ? first : second).request('PUT', `/AccessTokens/${id}`, {
							body: {Description: `writer ${index}`},
							headers: {'If-Match': '"1"'},
						}),
					),
				);
				const statuses = answers.map((answer) => answer.status).sort();
				expect(statuses).toEqual([200, ...Array.from({length: 19}, () => 412)]);
				const winner = answers.find((answer) => answer.status === 200)!.json;
				for (const server of [first, second]) {
					expect((await server.request('GET', `/AccessTokens/${id}`)).json).toMatchObject({
						Description: winner.Description,
						Version: 2,
					});
				}

				const loser = answers.find((answer) => answer.status === 412)!;
				expect(loser.json.Message).toContain('changed by someone else');
			});

			test('actions without If-Match apply to the token as it is: concurrent disables and enables lose nothing', async () => {
				const [first, second] = await pair(freshStore);
				const id = (await first.request('POST', '/AccessTokens', {body: tokenBody})).json.AccessToken
					.Id as string;
				const answers = await Promise.all(
					Array.from({length: 20}, async (_, index) =>
						(index % 2 === 0 ? first : second).request(
							'POST',
							`/AccessTokens/${id}/${index % 4 < 2 ? 'Disable' : 'Enable'}`,
						),
					),
				);
				expect(answers.every((answer) => answer.status === 200)).toBe(true);
				const final = (await first.request('GET', `/AccessTokens/${id}`)).json;
				// Every change that happened moved the Version by one; none was written over another.
				const changes = (await first.request('GET', '/AuditLog?PageSize=1000')).json.AuditEntries.filter(
					(entry: {TokenId: string; Action: string}) => entry.TokenId === id && entry.Action !== 'Create',
				);
				expect(final.Version).toBe(1 + changes.length);
				expect(changes.at(0).Action).toBe(final.State === 'Enabled' ? 'Enable' : 'Disable');
			});

			test('an Idempotency-Key holds between servers: a retry on the other server replays the answer', async () => {
				const [first, second] = await pair(freshStore);
				const key = randomUUID();
				const before = (await listed(first)).length;
				const answers = await Promise.all(
					Array.from({length: 6}, async (_, index) =>
						(index % 2 === 0 ? first : second).request('POST', '/AccessTokens', {
							body: tokenBody,
							headers: {'Idempotency-Key': key},
						}),
					),
				);
				expect(answers.map((answer) => answer.status)).toEqual(Array.from({length: 6}, () => 201));
				expect(new Set(answers.map((answer) => answer.json.AccessToken.Id)).size).toBe(1);
				expect((await listed(second)).length).toBe(before + 1);
			});

			test('everything survives a restart of every server', async () => {
				const store = await freshStore();
				const dir = await dataDir();
				const first = await start(store, dir);
				const created = (await first.request('POST', '/AccessTokens', {body: tokenBody})).json;
				const id = created.AccessToken.Id as string;
				await first.request('PUT', `/AccessTokens/${id}`, {
					body: {Description: 'kept'},
					headers: {'If-Match': '"1"'},
				});
				const before = await listed(first);
				await first.server.close();

				const again = await start(store, dir);
				expect(again.server.seeded).toBe(false);
				expect(await listed(again)).toEqual(before);
				expect((await again.request('GET', `/AccessTokens/${id}`)).json).toMatchObject({
					Description: 'kept',
					Version: 2,
				});
				expect((await companyInformation(again, created.Credentials)).status).toBe(200);
			});

			test(`the store holds no secret in clear: tokens and remembered answers are sealed`, async () => {
				const store = await freshStore();
				const server = await start(store, await dataDir());
				const headers = () => ({'Idempotency-Key': randomUUID()});
				const created = (await server.request('POST', '/AccessTokens', {body: tokenBody, headers: headers()}))
					.json;
				const id = created.AccessToken.Id as string;
				const reset = (await server.request('POST', `/AccessTokens/${id}/Reset`, {headers: headers()})).json;
				const copy = (await server.request('POST', `/AccessTokens/${id}/Duplicate`, {headers: headers()}))
					.json;
				const secrets = [created, reset, copy].map((answer) => answer.Credentials.AuthToken as string);

				const {keys, text} = await engine.dump(store);
				expect(keys.some((key) => key.startsWith(engine.idempotencyKeyPrefix))).toBe(true);
				expect(text).toContain(id);
				for (const secret of secrets) expect(text.includes(secret)).toBe(false);
			});

			test('a server with another secret.key is refused at start, naming the fix', async () => {
				const store = await freshStore();
				await start(store, await dataDir());
				await expect(startTestServer({store, dataDir: await dataDir()})).rejects.toThrow(/same secret\.key/);
			});

			test('two server processes started with --store share one store', async () => {
				const store = await freshStore();
				const firstDir = await dataDir();
				const children: ChildServer[] = [];
				cleanups.push(async () => {
					for (const child of children) {
						child.child.kill('SIGKILL');
						await child.exited;
					}
				});
				children.push(
					await spawnServer(['--port', '0', '--data', firstDir, '--store', store, '--rate-limit', '0']),
				);
				const secondDir = await sharingKeyOf(firstDir);
				children.push(
					await spawnServer(['--port', '0', '--data', secondDir, '--store', store, '--rate-limit', '0']),
				);
				expect(children[0]!.line).toContain(`store: ${store}`);
				const base = (child: ChildServer) => `${child.url}/Agencies/IRAgencyDemo1`;
				const created = await send('POST', `${base(children[0]!)}/AccessTokens`, {body: tokenBody});
				expect(created.status).toBe(201);
				const id = created.json.AccessToken.Id as string;
				const seen = await send('GET', `${base(children[1]!)}/AccessTokens/${id}`);
				expect(seen.json).toEqual(created.json.AccessToken);

				// Processes, not just servers in one process: If-Match still lets exactly one of them through.
				const answers = await Promise.all(
					Array.from({length: 10}, async (_, index) =>
						send('PUT', `${base(children[index % 2]!)}/AccessTokens/${id}`, {
							body: {Description: `process ${index % 2}`},
							headers: {'If-Match': '"1"'},
						}),
					),
				);
				expect(answers.map((answer) => answer.status).sort()).toEqual([
					200,
					...Array.from({length: 9}, () => 412),
				]);
			});
		});

		describe('when the store goes away', () => {
			test('requests fail with a 503 (no hang, no crash), and work again once it is back', async () => {
				const own = await engine.startOwn();
				cleanups.push(async () => own.close());
				const server = await start(own.store, await dataDir());
				const created = (await server.request('POST', '/AccessTokens', {body: tokenBody})).json.AccessToken;
				await own.stop();
				for (const [method, path] of [
					['GET', '/AccessTokens'],
					['POST', '/AccessTokens'],
				] as const) {
					const answer = await server.request(method, path, {
						body: method === 'POST' ? tokenBody : undefined,
					});
					expect(answer.status, `${method} ${path}`).toBe(503);
					expect(answer.json).toMatchObject({
						Status: 'ERROR',
						Message: expect.stringContaining('unavailable'),
					});
					expect(answer.headers['retry-after']).toBe('1');
				}

				await own.resume();
				// Redis's client reconnects on its own, with backoff; Postgres takes a fresh pooled connection: a few tries at most.
				let again = await server.request('GET', `/AccessTokens/${created.Id}`);
				for (let tries = 0; again.status === 503 && tries < 50; tries++) {
					await delay(100);
					again = await server.request('GET', `/AccessTokens/${created.Id}`);
				}

				expect(again.status).toBe(200);
				expect(again.json).toEqual(created);
			});
		});
	});
}
