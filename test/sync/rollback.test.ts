/**
 * Failures through the sync layer against the real server: every write
 * answered 503 (`failRate` 1), a token changed or deleted behind the app's
 * back (412, 404). Each op is reverted to exactly what was there before, with
 * a message naming the token, and the server is left as it was.
 */
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {AccessToken} from '../../source/domain/token.js';
import {selectVisibleRows, type Intent} from '../../source/state/index.js';
import {startTestServer, type TestServer} from '../support/server.js';
import {
	companyInformationStatus,
	createHarness,
	createToken,
	lastFlash,
	serverToken,
	type Created,
	type Harness,
} from './harness.js';

describe('a server that refuses every write with 503', () => {
	let server: TestServer;
	let app: Harness;
	/** Off while the tests set up their tokens; then every write fails, as with `--fail-rate 1`. */
	let failing = false;
	const made: Created[] = [];

	beforeAll(async () => {
		server = await startTestServer({failRate: 1, random: () => (failing ? 0 : 1), latencyMs: 100});
		expect((await server.request('POST', '/LegacyTokens/Enable')).status).toBe(200);
		made.push(
			...(await Promise.all(
				['First', 'Second', 'Third'].map(async (name) => createToken(server, name, {ApiVersion: '15'})),
			)),
		);
		expect((await server.request('POST', `/AccessTokens/${made[2]!.token.Id}/Disable`)).status).toBe(200);
		failing = true;
		app = createHarness(server);
		await app.load();
	});
	afterAll(async () => server?.close());

	const first = () => made[0]!.token.Id;
	const third = () => made[2]!.token.Id;
	const legacy = () => app.state().tokens.rows.find((row) => row.token.Legacy)!.token;

	const cases: Array<{title: string; intent: () => Intent; failed: (name: string) => string}> = [
		{
			title: 'duplicate',
			intent: () => ({kind: 'duplicate', tokenIds: [first()]}),
			failed: (n) => `Could not duplicate "${n}"`,
		},
		{
			title: 'reset',
			intent: () => ({kind: 'reset', tokenIds: [first()]}),
			failed: (n) => `Could not reset "${n}"`,
		},
		{
			title: 'reset of a legacy Read-Only pair',
			intent: () => ({kind: 'reset', tokenIds: [legacy().Id], credential: 'ReadOnly'}),
			failed: (n) => `Could not reset "${n}"`,
		},
		{
			title: 'upgrade',
			intent: () => ({kind: 'upgrade', tokenIds: [first()], apiVersion: '16'}),
			failed: (n) => `Could not upgrade "${n}"`,
		},
		{
			title: 'disable',
			intent: () => ({kind: 'disable', tokenIds: [first()]}),
			failed: (n) => `Could not disable "${n}"`,
		},
		{
			title: 'enable',
			intent: () => ({kind: 'enable', tokenIds: [third()]}),
			failed: (n) => `Could not enable "${n}"`,
		},
		{
			title: 'enable and reset',
			intent: () => ({kind: 'enable', tokenIds: [third()], andReset: true}),
			failed: (n) => `Could not enable "${n}"`,
		},
		{
			title: 'delete',
			intent: () => ({kind: 'delete', tokenIds: [first()]}),
			failed: (n) => `Could not delete "${n}"`,
		},
	];

	test.each(cases)(
		'$title is reverted to exactly the previous token, says 503 naming it, and changes nothing on the server',
		async ({intent, failed}) => {
			const {tokenIds} = intent();
			const before = tokenIds.map((id) => app.token(id)!);
			const order = selectVisibleRows(app.state()).map((row) => row.token.Id);
			const total = (await server.request('GET', '/AccessTokens?PageSize=1')).json['@total'];
			const settled = app.operations.perform(intent());
			expect(app.state().pending.size).toBe(tokenIds.length);

			await settled;
			expect(app.state().pending.size).toBe(0);
			// The very objects the op replaced, in the same places.
			for (const [index, id] of tokenIds.entries()) expect(app.token(id)).toBe(before[index]);
			expect(selectVisibleRows(app.state()).map((row) => row.token.Id)).toEqual(order);
			const message = lastFlash(app.state())!;
			expect(message).toContain(failed(before[0]!.Name));
			expect(message).toContain('HTTP 503');
			expect(app.state().flashes.at(-1)?.level).toBe('error');
			expect(app.secretCalls).toHaveLength(0);
			for (const token of before) expect(await serverToken(server, token.Id)).toEqual(token);
			expect((await server.request('GET', '/AccessTokens?PageSize=1')).json['@total']).toBe(total);
		},
	);

	test('a bulk action is reverted token by token, and the message names every failure', async () => {
		const ids = made.slice(0, 2).map((entry) => entry.token.Id);
		const before = ids.map((id) => app.token(id)!);
		const settled = app.operations.perform({kind: 'disable', tokenIds: ids});
		expect(ids.map((id) => app.token(id)?.State)).toEqual(['Disabled', 'Disabled']);

		await settled;
		for (const [index, id] of ids.entries()) expect(app.token(id)).toBe(before[index]);
		expect(lastFlash(app.state())).toMatch(
			/^Disabled 0 of 2 tokens; failed: "First" \(HTTP 503: .+\), "Second" \(HTTP 503: .+\)$/u,
		);
		for (const token of before) expect(await serverToken(server, token.Id)).toEqual(token);
	});

	test('an action queued on a duplicate’s pending row fails with it, saying the copy was not created', async () => {
		const duplicating = app.operations.perform({kind: 'duplicate', tokenIds: [first()]});
		const [insert] = [...app.state().pending.values()];
		const disabling = app.operations.perform({kind: 'disable', tokenIds: [insert!.tokenId]});
		await Promise.all([duplicating, disabling]);
		expect(app.state().flashes.map((flash) => flash.message)).toContain(
			'Could not disable "First (copy)": the copy was not created',
		);
		expect(app.state().tokens.rows.some((row) => row.token.Name === 'First (copy)')).toBe(false);
		expect(app.state().pending.size).toBe(0);
	});

	test('the old secret still works after a failed reset', async () => {
		await app.operations.perform({kind: 'reset', tokenIds: [first()]});
		expect(await companyInformationStatus(server, made[0]!.credentials)).toBe(200);
	});

	test('with retries allowed, the op stays pending while the client retries, then is reverted', async () => {
		const patient = createHarness(server, {limit: 1, baseDelayMs: 10, maxDelayMs: 20, maxRetryAfterMs: 2000});
		await patient.load();
		const before = patient.token(first())!;
		const settled = patient.operations.perform({kind: 'disable', tokenIds: [first()]});
		await expect.poll(() => patient.retries.length, {timeout: 5000}).toBe(1);
		expect(patient.retries[0]).toMatchObject({attempt: 1, delayMs: 1000});
		expect(patient.state().pending.size).toBe(1);
		expect(patient.token(first())?.State).toBe('Disabled');

		await settled;
		expect(patient.token(first())).toBe(before);
		expect(lastFlash(patient.state())).toContain('HTTP 503');
	});
});

describe('a token changed behind the app’s back', () => {
	let server: TestServer;
	let app: Harness;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(async () => server?.close());

	async function staleToken(
		name: string,
	): Promise<{stale: AccessToken; fresh: AccessToken; created: Created}> {
		const created = await createToken(server, name);
		app = createHarness(server);
		await app.load();
		const edited = await server.request('PUT', `/AccessTokens/${created.token.Id}`, {
			body: {Name: `${name} (renamed elsewhere)`},
			headers: {'If-Match': `"${created.token.Version}"`},
		});
		expect(edited.status).toBe(200);
		return {stale: app.token(created.token.Id)!, fresh: edited.json as AccessToken, created};
	}

	test.each([
		{kind: 'disable', intent: (id: string): Intent => ({kind: 'disable', tokenIds: [id]})},
		{kind: 'delete', intent: (id: string): Intent => ({kind: 'delete', tokenIds: [id]})},
		{kind: 'reset', intent: (id: string): Intent => ({kind: 'reset', tokenIds: [id]})},
		{kind: 'upgrade', intent: (id: string): Intent => ({kind: 'upgrade', tokenIds: [id], apiVersion: '16'})},
	])(
		'$kind from a stale copy gets 412: reverted, refreshed with the server’s copy, and said so',
		async ({kind, intent}) => {
			const {stale, fresh, created} = await staleToken(`Stale for ${kind}`);
			await app.operations.perform(intent(stale.Id));
			expect(lastFlash(app.state())).toBe(
				`Could not ${kind} "${stale.Name}": changed by someone else — refreshed`,
			);
			expect(app.state().pending.size).toBe(0);
			expect(app.token(stale.Id)).toEqual(fresh);
			expect(await serverToken(server, stale.Id)).toEqual(fresh);
			expect(app.secretCalls).toHaveLength(0);
			expect(await companyInformationStatus(server, created.credentials)).toBe(200);
		},
	);

	test('an action on a token deleted elsewhere is reverted, and the row goes', async () => {
		const created = await createToken(server, 'Deleted elsewhere');
		app = createHarness(server);
		await app.load();
		expect((await server.request('DELETE', `/AccessTokens/${created.token.Id}`)).status).toBe(204);
		await app.operations.perform({kind: 'disable', tokenIds: [created.token.Id]});
		expect(lastFlash(app.state())).toMatch(/^Could not disable "Deleted elsewhere": HTTP 404/u);
		expect(app.token(created.token.Id)).toBeUndefined();
		expect(app.state().pending.size).toBe(0);
	});
});
