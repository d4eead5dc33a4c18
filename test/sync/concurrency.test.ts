/**
 * Several operations in flight at once against the real (slowed) server: on
 * different tokens they run together without touching each other, on one
 * token one after the other, and drain() waits for every one of them.
 */
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {startTestServer, type TestServer} from '../support/server.js';
import {createHarness, createToken, serverToken, type Harness} from './harness.js';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer({latencyMs: 200});
});
afterAll(async () => server?.close());

/** Fresh tokens on the server, and an app that has loaded them. */
async function withTokens(...names: string[]): Promise<{app: Harness; ids: string[]}> {
	const created = await Promise.all(names.map(async (name) => createToken(server, name, {ApiVersion: '15'})));
	const app = createHarness(server);
	await app.load();
	return {app, ids: created.map((entry) => entry.token.Id)};
}

describe('operations in flight together', () => {
	test('on different tokens do not interfere: each gets its own change, on screen and on the server', async () => {
		const {app, ids} = await withTokens('Parallel A', 'Parallel B');
		const [a, b] = ids as [string, string];
		const disabling = app.operations.perform({kind: 'disable', tokenIds: [a]});
		const upgrading = app.operations.perform({kind: 'upgrade', tokenIds: [b], apiVersion: '16'});
		expect(app.state().pending.size).toBe(2);
		expect(app.operations.inFlight).toBe(2);
		expect(app.token(a)).toMatchObject({State: 'Disabled', ApiVersion: '15'});
		expect(app.token(b)).toMatchObject({State: 'Enabled', ApiVersion: '16'});

		await Promise.all([disabling, upgrading]);
		const [onServerA, onServerB] = await Promise.all([serverToken(server, a), serverToken(server, b)]);
		expect(onServerA).toMatchObject({State: 'Disabled', ApiVersion: '15', Version: 2});
		expect(onServerB).toMatchObject({State: 'Enabled', ApiVersion: '16', Version: 2});
		expect(app.token(a)).toEqual(onServerA);
		expect(app.token(b)).toEqual(onServerB);
		expect(app.state().flashes.map((flash) => flash.message)).toEqual(
			expect.arrayContaining(['Disabled "Parallel A"', 'Upgraded "Parallel B"']),
		);
	});

	test('on one token run in order: disable then delete both reach the server, the delete after the disable', async () => {
		const {app, ids} = await withTokens('Disable then delete');
		const [id] = ids as [string];
		const disabling = app.operations.perform({kind: 'disable', tokenIds: [id]});
		const deleting = app.operations.perform({kind: 'delete', tokenIds: [id]});
		// The delete waits for the disable: only the disable shows so far.
		expect(app.token(id)?.State).toBe('Disabled');
		expect([...app.state().pending.values()].map((op) => op.label)).toEqual(['Disabling']);
		expect(app.operations.inFlight).toBe(2);

		await Promise.all([disabling, deleting]);
		expect(app.token(id)).toBeUndefined();
		expect(app.state().pending.size).toBe(0);
		expect(await serverToken(server, id)).toBeUndefined();
		const audit = (await server.request('GET', '/AuditLog?PageSize=100')).json.AuditEntries as Array<{
			TokenId: string;
			Action: string;
		}>;
		// Newest first.
		expect(audit.filter((entry) => entry.TokenId === id).map((entry) => entry.Action)).toEqual([
			'Delete',
			'Disable',
			'Create',
		]);
		expect(app.state().flashes.map((flash) => flash.level)).not.toContain('error');
	});
});

describe('an action on a duplicate’s pending row', () => {
	test('waits for the copy to exist on the server, then acts on the copy', async () => {
		const {app, ids} = await withTokens('Original of a copy');
		const duplicating = app.operations.perform({kind: 'duplicate', tokenIds: ids});
		const [insert] = [...app.state().pending.values()];
		const disabling = app.operations.perform({kind: 'disable', tokenIds: [insert!.tokenId]});

		await Promise.all([duplicating, disabling]);
		const copy = app.state().tokens.rows.find((row) => row.token.Name === 'Original of a copy (copy)')?.token;
		expect(copy).toMatchObject({State: 'Disabled'});
		expect(await serverToken(server, copy!.Id)).toEqual(copy);
		expect(await serverToken(server, ids[0]!)).toMatchObject({State: 'Enabled'});
		expect(app.state().flashes.map((flash) => flash.message)).toContain(
			'Disabled "Original of a copy (copy)"',
		);
	});
});

describe('drain', () => {
	test('resolves true once every operation has settled', async () => {
		const {app, ids} = await withTokens('Drain one', 'Drain two', 'Drain three');
		void app.operations.perform({kind: 'disable', tokenIds: ids.slice(0, 2)});
		void app.operations.perform({kind: 'upgrade', tokenIds: [ids[2]!], apiVersion: '16'});
		expect(app.operations.inFlight).toBe(3);

		await expect(app.operations.drain(10_000)).resolves.toBe(true);
		expect(app.operations.inFlight).toBe(0);
		expect(app.state().pending.size).toBe(0);
		const onServer = await Promise.all(ids.map(async (id) => serverToken(server, id)));
		expect(onServer.map((token) => [token?.State, token?.ApiVersion])).toEqual([
			['Disabled', '15'],
			['Disabled', '15'],
			['Enabled', '16'],
		]);
	});

	test('resolves false when the time is up first, with the operation still in flight', async () => {
		const {app, ids} = await withTokens('Drain too soon');
		const settled = app.operations.perform({kind: 'disable', tokenIds: ids});
		await expect(app.operations.drain(1)).resolves.toBe(false);
		expect(app.operations.inFlight).toBe(1);
		await settled;
		expect(app.operations.inFlight).toBe(0);
	});

	test('waits for the reset that follows an enable-and-reset, not just the enable', async () => {
		const {app, ids} = await withTokens('Drain enable and reset');
		const [id] = ids as [string];
		expect((await server.request('POST', `/AccessTokens/${id}/Disable`)).status).toBe(200);
		await app.load();
		void app.operations.perform({kind: 'enable', tokenIds: [id], andReset: true});

		await expect(app.operations.drain(10_000)).resolves.toBe(true);
		expect(app.secretCalls).toHaveLength(1);
		expect(await serverToken(server, id)).toMatchObject({State: 'Enabled', Version: 4});
	});
});
