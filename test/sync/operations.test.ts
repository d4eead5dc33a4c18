/**
 * Each token action through the sync layer against the real server, slowed
 * down so the optimistic value can be seen before the server answers: shown
 * at once as a pending op, then replaced by the server's copy, and really done
 * on the server (the token's own credentials say so).
 */
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {AccessToken} from '../../source/domain/token.js';
import type {AppState, Intent} from '../../source/state/index.js';
import {startTestServer, type TestServer} from '../support/server.js';
import {
	companyInformationStatus,
	createHarness,
	createToken,
	lastFlash,
	serverToken,
	tokenRowsText,
	type Created,
	type Harness,
} from './harness.js';

let server: TestServer;
let app: Harness;
const made = new Map<string, Created>();

const names = [
	'Disable me',
	'Enable me',
	'Upgrade me',
	'Reset me',
	'Enable and reset me',
	'Duplicate me',
	'Disabled original',
	'Delete me',
	'Bulk one',
	'Bulk two',
	'Bulk three',
] as const;
type Name = (typeof names)[number];

beforeAll(async () => {
	server = await startTestServer({latencyMs: 300});
	const created = await Promise.all(
		names.map(async (name) => createToken(server, name, name === 'Upgrade me' ? {ApiVersion: '14'} : {})),
	);
	for (const entry of created) made.set(entry.token.Name, entry);
	await Promise.all(
		(['Enable me', 'Enable and reset me', 'Disabled original'] as const).map(async (name) =>
			server.request('POST', `/AccessTokens/${made.get(name)!.token.Id}/Disable`),
		),
	);
	app = createHarness(server);
	await app.load();
});
afterAll(async () => server?.close());

const idOf = (name: Name) => made.get(name)!.token.Id;
const credentialsOf = (name: Name) => made.get(name)!.credentials;
const pendingOps = (state: AppState) => [...state.pending.values()];

describe('an action on one token', () => {
	const updates: Array<{
		kind: 'disable' | 'enable' | 'upgrade';
		name: Name;
		intent: (id: string) => Intent;
		change: Partial<AccessToken>;
		label: string;
		done: string;
		/** What the token's own credentials get afterwards. */
		authStatus: number;
	}> = [
		{
			kind: 'disable',
			name: 'Disable me',
			intent: (id) => ({kind: 'disable', tokenIds: [id]}),
			change: {State: 'Disabled'},
			label: 'Disabling',
			done: 'Disabled "Disable me"',
			authStatus: 401,
		},
		{
			kind: 'enable',
			name: 'Enable me',
			intent: (id) => ({kind: 'enable', tokenIds: [id]}),
			change: {State: 'Enabled'},
			label: 'Enabling',
			done: 'Enabled "Enable me"',
			authStatus: 200,
		},
		{
			kind: 'upgrade',
			name: 'Upgrade me',
			intent: (id) => ({kind: 'upgrade', tokenIds: [id], apiVersion: '16'}),
			change: {ApiVersion: '16'},
			label: 'Upgrading',
			done: 'Upgraded "Upgrade me"',
			authStatus: 200,
		},
	];

	test.each(updates)(
		'$kind shows at once as pending, then holds the server’s copy and the server has changed',
		async ({name, intent, change, label, done, authStatus}) => {
			const id = idOf(name);
			const before = app.token(id)!;
			const settled = app.operations.perform(intent(id));

			expect(app.token(id)).toMatchObject({...change, Version: before.Version});
			expect(pendingOps(app.state())).toEqual([
				expect.objectContaining({tokenId: id, kind: 'update', label, previous: before}),
			]);
			expect(app.operations.inFlight).toBe(1);

			await settled;
			const onServer = await serverToken(server, id);
			expect(onServer).toMatchObject({...change, Version: before.Version + 1});
			expect(app.token(id)).toEqual(onServer);
			expect(app.state().pending.size).toBe(0);
			expect(lastFlash(app.state())).toBe(done);
			expect(await companyInformationStatus(server, credentialsOf(name))).toBe(authStatus);
		},
	);

	test('reset hides the old hint at once; the new secret goes to onSecrets once and the old one stops working', async () => {
		const id = idOf('Reset me');
		const settled = app.operations.perform({kind: 'reset', tokenIds: [id]});
		expect(app.token(id)?.AuthTokenHint).toBe('····');
		expect(pendingOps(app.state())).toEqual([expect.objectContaining({tokenId: id, label: 'Resetting'})]);

		await settled;
		const {secrets} = app.takeSecrets();
		expect(secrets).toHaveLength(1);
		const [secret] = secrets;
		expect(secret).toMatchObject({tokenName: 'Reset me', credential: 'ReadWrite'});
		expect(secret!.credentials.AccountSid).toBe(credentialsOf('Reset me').AccountSid);
		const onServer = await serverToken(server, id);
		expect(app.token(id)).toEqual(onServer);
		expect(onServer!.AuthTokenHint).toBe(secret!.credentials.AuthToken.slice(-4));
		expect(tokenRowsText(app.state())).not.toContain(secret!.credentials.AuthToken);
		expect(await companyInformationStatus(server, credentialsOf('Reset me'))).toBe(401);
		expect(await companyInformationStatus(server, secret!.credentials)).toBe(200);
	});

	test('enable and reset enables, then resets: the old secret no longer works, the new one does', async () => {
		const id = idOf('Enable and reset me');
		const before = app.token(id)!;
		const settled = app.operations.perform({kind: 'enable', tokenIds: [id], andReset: true});
		expect(app.token(id)?.State).toBe('Enabled');

		await settled;
		const onServer = await serverToken(server, id);
		expect(onServer).toMatchObject({State: 'Enabled', Version: before.Version + 2});
		expect(app.token(id)).toEqual(onServer);
		const {secrets, intent} = app.takeSecrets();
		expect(intent).toEqual({kind: 'reset', tokenIds: [id]});
		expect(await companyInformationStatus(server, credentialsOf('Enable and reset me'))).toBe(401);
		expect(await companyInformationStatus(server, secrets[0]!.credentials)).toBe(200);
		expect(lastFlash(app.state())).toBe('Reset "Enable and reset me"');
	});

	test('duplicate shows a pending "(copy)" row at once, then the server’s new token with its own credentials', async () => {
		const id = idOf('Duplicate me');
		const count = app.state().tokens.rows.length;
		const settled = app.operations.perform({kind: 'duplicate', tokenIds: [id]});

		const [op] = pendingOps(app.state());
		expect(op).toMatchObject({kind: 'insert', label: 'Duplicating', previous: null});
		expect(op!.tokenId).not.toBe(id);
		expect(app.token(op!.tokenId)).toMatchObject({Name: 'Duplicate me (copy)', AuthTokenHint: ''});
		expect(app.state().tokens.rows).toHaveLength(count + 1);

		await settled;
		expect(app.state().pending.size).toBe(0);
		expect(app.token(op!.tokenId)).toBeUndefined();
		const copies = app.state().tokens.rows.filter((row) => row.token.Name === 'Duplicate me (copy)');
		expect(copies).toHaveLength(1);
		const copy = copies[0]!.token;
		expect(copy).toEqual(await serverToken(server, copy.Id));
		expect(app.state().tokens.rows).toHaveLength(count + 1);
		const {secrets} = app.takeSecrets();
		expect(secrets).toEqual([
			expect.objectContaining({tokenName: 'Duplicate me (copy)', credential: 'ReadWrite'}),
		]);
		expect(secrets[0]!.credentials.AccountSid).not.toBe(credentialsOf('Duplicate me').AccountSid);
		expect(tokenRowsText(app.state())).not.toContain(secrets[0]!.credentials.AuthToken);
		expect(await companyInformationStatus(server, secrets[0]!.credentials)).toBe(200);
		expect(await companyInformationStatus(server, credentialsOf('Duplicate me'))).toBe(200);
	});

	test('duplicating a disabled token shows the copy enabled at once, as the server makes it', async () => {
		const settled = app.operations.perform({kind: 'duplicate', tokenIds: [idOf('Disabled original')]});
		const [op] = pendingOps(app.state());
		expect(app.token(op!.tokenId)).toMatchObject({Name: 'Disabled original (copy)', State: 'Enabled'});

		await settled;
		app.takeSecrets();
		const copy = app.state().tokens.rows.find((row) => row.token.Name === 'Disabled original (copy)')!.token;
		expect(await serverToken(server, copy.Id)).toMatchObject({State: 'Enabled'});
	});

	test('delete removes the row at once; the server no longer has the token and its secret stops working', async () => {
		const id = idOf('Delete me');
		const before = app.token(id);
		const settled = app.operations.perform({kind: 'delete', tokenIds: [id]});
		expect(app.token(id)).toBeUndefined();
		expect(pendingOps(app.state())).toEqual([
			expect.objectContaining({tokenId: id, kind: 'remove', label: 'Deleting', previous: before}),
		]);

		await settled;
		expect(app.state().pending.size).toBe(0);
		expect(app.token(id)).toBeUndefined();
		expect(await serverToken(server, id)).toBeUndefined();
		expect(await companyInformationStatus(server, credentialsOf('Delete me'))).toBe(401);
		expect(lastFlash(app.state())).toBe('Deleted "Delete me"');
	});
});

describe('a legacy token', () => {
	test('resetting its Read-Only pair changes that pair only', async () => {
		expect((await server.request('POST', '/LegacyTokens/Enable')).status).toBe(200);
		await app.load();
		const legacy = app
			.state()
			.tokens.rows.map((row) => row.token)
			.find((token) => token.Legacy && token.State === 'Enabled')!;
		const old = (await server.request('GET', `/AccessTokens/${legacy.Id}/Credentials`)).json;
		const settled = app.operations.perform({kind: 'reset', tokenIds: [legacy.Id], credential: 'ReadOnly'});
		expect(app.token(legacy.Id)).toMatchObject({
			AuthTokenHint: legacy.AuthTokenHint,
			ReadOnly: {AccountSid: legacy.ReadOnly!.AccountSid, AuthTokenHint: '····'},
		});

		await settled;
		const {secrets} = app.takeSecrets();
		expect(secrets).toEqual([expect.objectContaining({tokenName: legacy.Name, credential: 'ReadOnly'})]);
		const onServer = await serverToken(server, legacy.Id);
		expect(app.token(legacy.Id)).toEqual(onServer);
		expect(onServer!.ReadOnly!.AuthTokenHint).toBe(secrets[0]!.credentials.AuthToken.slice(-4));
		expect(onServer!.AuthTokenHint).toBe(legacy.AuthTokenHint);
		expect(await companyInformationStatus(server, old.ReadOnly)).toBe(401);
		expect(await companyInformationStatus(server, secrets[0]!.credentials)).toBe(200);
		expect(await companyInformationStatus(server, old.ReadWrite)).toBe(200);
	});
});

describe('a bulk action', () => {
	const bulk = ['Bulk one', 'Bulk two', 'Bulk three'] as const;

	test('disables every token at once, each pending, and says how many succeeded', async () => {
		const ids = bulk.map(idOf);
		const settled = app.operations.perform({kind: 'disable', tokenIds: ids});
		expect(ids.map((id) => app.token(id)?.State)).toEqual(['Disabled', 'Disabled', 'Disabled']);
		expect(pendingOps(app.state()).map((op) => op.tokenId)).toEqual(ids);

		await settled;
		const onServer = await Promise.all(ids.map(async (id) => serverToken(server, id)));
		expect(onServer.map((token) => token?.State)).toEqual(['Disabled', 'Disabled', 'Disabled']);
		expect(ids.map((id) => app.token(id))).toEqual(onServer);
		expect(lastFlash(app.state())).toBe('Disabled 3 of 3 tokens');
	});

	test('resets every token and hands all the new secrets to onSecrets in one call', async () => {
		const ids = bulk.map(idOf);
		await app.operations.perform({kind: 'reset', tokenIds: ids});
		const {secrets} = app.takeSecrets();
		expect(secrets.map((secret) => secret.tokenName)).toEqual([...bulk]);
		for (const secret of secrets)
			expect(tokenRowsText(app.state())).not.toContain(secret.credentials.AuthToken);
		expect(
			await Promise.all(bulk.map(async (name) => companyInformationStatus(server, credentialsOf(name)))),
		).toEqual([401, 401, 401]);
	});

	test('deletes every token at once; the server has none of them left', async () => {
		const ids = bulk.map(idOf);
		const settled = app.operations.perform({kind: 'delete', tokenIds: ids});
		expect(ids.map((id) => app.token(id))).toEqual([undefined, undefined, undefined]);
		expect(app.state().pending.size).toBe(3);

		await settled;
		expect(app.state().pending.size).toBe(0);
		expect(await Promise.all(ids.map(async (id) => serverToken(server, id)))).toEqual([
			undefined,
			undefined,
			undefined,
		]);
		expect(lastFlash(app.state())).toBe('Deleted 3 of 3 tokens');
	});
});
