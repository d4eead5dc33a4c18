import {randomUUID} from 'node:crypto';
import {rm} from 'node:fs/promises';
import {afterEach, expect, test} from 'vitest';
import {makeDataDir, send} from '../support/server.js';
import {spawnServer, type ChildServer} from './child-server.js';

const children: ChildServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
	for (const server of children.splice(0)) {
		server.child.kill('SIGKILL');
		await server.exited;
	}

	for (const dir of dirs.splice(0)) await rm(dir, {recursive: true, force: true});
});

async function start(dataDir: string): Promise<ChildServer> {
	const server = await spawnServer(['--port', '0', '--data', dataDir, '--rate-limit', '0']);
	children.push(server);
	return server;
}

test('every write answered 2xx survives kill -9 at once after the answer, and none lands twice when retried', async () => {
	const dataDir = await makeDataDir();
	dirs.push(dataDir);
	const first = await start(dataDir);
	const base = `${first.url}/Agencies/IRAgencyDemo1`;
	const acknowledged = new Map<string, {Name: string; Description: string; Version: number}>();

	// A sequential run of creates and edits, then a concurrent burst cut short by the kill.
	for (let index = 0; index < 10; index++) {
		const created = await send('POST', `${base}/AccessTokens`, {
			body: {Name: `Durable ${index}`, Scopes: ['reports.reports.get']},
		});
		expect(created.status).toBe(201);
		const edited = await send('PUT', `${base}/AccessTokens/${created.json.AccessToken.Id}`, {
			body: {Description: `edited ${index}`},
			headers: {'If-Match': '"1"'},
		});
		expect(edited.status).toBe(200);
		acknowledged.set(edited.json.Id, edited.json);
	}

	let answered = 0;
	const burst = 40;
	const killAfter = 25;
	// Each burst write carries an Idempotency-Key, as the app sends them: retried after the restart, none may land twice.
	const burstKeys = Array.from({length: burst}, () => randomUUID());
	const burstRequest = (index: number) => ({
		body: {Name: `Burst ${index}`, Description: 'burst', Scopes: ['reports.reports.get']},
		headers: {'Idempotency-Key': burstKeys[index]!},
	});
	const acknowledgedBurst = new Map<number, string>();
	const inFlight = Array.from({length: burst}, async (_, index) => {
		try {
			const created = await send('POST', `${base}/AccessTokens`, burstRequest(index));
			if (created.status === 201) {
				acknowledged.set(created.json.AccessToken.Id, created.json.AccessToken);
				acknowledgedBurst.set(index, created.json.AccessToken.Id);
			}

			// Killed the moment this answer arrived: nothing gets a chance to flush afterwards.
			if (++answered === killAfter) first.child.kill('SIGKILL');
		} catch {
			// Cut off by the kill: never acknowledged, so nothing is promised about it.
		}
	});
	await Promise.all(inFlight);
	expect(await first.exited).toBe('SIGKILL');
	expect(acknowledged.size).toBeGreaterThanOrEqual(10 + killAfter);

	const second = await start(dataDir);
	const after = await send('GET', `${second.url}/Agencies/IRAgencyDemo1/AccessTokens?PageSize=1000`);
	expect(after.status).toBe(200);
	const present = new Map<string, {Name: string; Description: string; Version: number}>(
		after.json.AccessTokens.map((token: {Id: string}) => [token.Id, token]),
	);
	for (const [id, token] of acknowledged) {
		expect(present.get(id), token.Name).toMatchObject({
			Name: token.Name,
			Description: token.Description,
			Version: token.Version,
		});
	}

	// Whatever was in flight is either wholly there or not there at all: the token with its audit entry.
	const audited = new Set(
		(
			await send('GET', `${second.url}/Agencies/IRAgencyDemo1/AuditLog?PageSize=1000`)
		).json.AuditEntries.filter((entry: {Action: string}) => entry.Action === 'Create').map(
			(entry: {TokenId: string}) => entry.TokenId,
		),
	);
	for (const token of present.values()) {
		if (!token.Name.startsWith('Burst')) continue;
		expect(token).toMatchObject({Description: 'burst', Version: 1});
		expect(audited.has((token as unknown as {Id: string}).Id), token.Name).toBe(true);
	}

	// The client retries every burst write with its key: each lands exactly once, acknowledged ones as they were.
	for (let index = 0; index < burst; index++) {
		const retried = await send(
			'POST',
			`${second.url}/Agencies/IRAgencyDemo1/AccessTokens`,
			burstRequest(index),
		);
		expect(retried.status).toBe(201);
		const id = acknowledgedBurst.get(index);
		if (id !== undefined) expect(retried.json.AccessToken.Id).toBe(id);
	}

	const final = (await send('GET', `${second.url}/Agencies/IRAgencyDemo1/AccessTokens?PageSize=1000`)).json
		.AccessTokens as Array<{Name: string}>;
	const burstNames = final.map((token) => token.Name).filter((name) => name.startsWith('Burst '));
	expect(burstNames.sort()).toEqual(Array.from({length: burst}, (_, index) => `Burst ${index}`).sort());
});
