/**
 * Reveal and copy of a token's credentials through the sync layer, against the
 * real server: what the details pane gets, how long it keeps it, what the
 * clipboard gets, and what the server's audit log records (never a secret).
 */
import {afterAll, afterEach, beforeAll, describe, expect, test, vi} from 'vitest';
import {createApiClient, type ApiClient} from '../../source/api/index.js';
import type {AccessToken, Credentials} from '../../source/domain/token.js';
import {initialState, reducer, type Action, type AppState} from '../../source/state/index.js';
import {createCredentials, revealMs} from '../../source/sync/credentials.js';
import {accountSid, startTestServer, type TestServer} from '../support/server.js';

let server: TestServer;
let scoped: AccessToken;
let legacy: AccessToken;

beforeAll(async () => {
	server = await startTestServer();
	const created = await server.request('POST', '/AccessTokens', {
		body: {Name: 'Reveal me', Scopes: ['account.company-information.get']},
	});
	scoped = created.json.AccessToken;
	await server.request('POST', '/LegacyTokens/Enable');
	const list = (await server.request('GET', '/AccessTokens?PageSize=1000')).json
		.AccessTokens as AccessToken[];
	legacy = list.find((token) => token.Legacy && token.State === 'Enabled')!;
});
afterAll(async () => server?.close());
afterEach(() => {
	vi.useRealTimers();
});

/** The app's credentials effects over a real client and the real reducer; `copy` only records. */
async function connect({authToken = 'demo-admin', fakeTimersAfterReveal = false, copyFails = false} = {}) {
	let state: AppState = initialState({now: 0, serverUrl: server.url, accountSid, listHeight: 20});
	const dispatch = (action: Action) => {
		state = reducer(state, action);
	};

	const real = createApiClient({
		apiUrl: server.url,
		accountSid,
		authToken,
		retry: {limit: 0},
		timeoutMs: 10_000,
	});
	dispatch({
		type: 'tokens/appended',
		tokens: await real.listAllTokens({}, () => undefined),
		done: true,
		at: 0,
	});
	// Fake timers only once the first answer is in, so that request runs on real ones; later
	// ones run under the fake setTimeout, which a request that answers promptly does not need.
	const client: ApiClient = {
		...real,
		async revealCredentials(id) {
			const credentials = await real.revealCredentials(id);
			if (fakeTimersAfterReveal && !vi.isFakeTimers())
				vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
			return credentials;
		},
	};
	const copied: string[] = [];
	const credentials = createCredentials({
		client,
		getState: () => state,
		dispatch,
		async copy(text) {
			if (copyFails) throw new Error('no terminal to copy to');
			copied.push(text);
			return {detail: 'OSC 52 (test)'};
		},
		now: () => 1_000_000,
	});
	return {
		credentials,
		copied,
		state: () => state,
		open: (tokenId: string) => dispatch({type: 'overlay/open', overlay: {kind: 'details', tokenId}}),
		close: () => dispatch({type: 'overlay/close'}),
		revealed: () => (state.overlay?.kind === 'details' ? state.overlay.revealed : undefined),
		flash: () => state.flashes.at(-1),
	};
}

async function companyInformation(credentials: Credentials) {
	return server.request('GET', `/Agencies/${credentials.AccountSid}/CompanyInformation`, {
		auth: [credentials.AccountSid, credentials.AuthToken],
	});
}

async function auditLog() {
	const {json, text} = await server.request('GET', '/AuditLog?PageSize=1000');
	return {entries: json.AuditEntries as Array<Record<string, string>>, total: json['@total'] as number, text};
}

/** Everything the operator could see: the overlay and the messages (the token rows carry hints only). */
const onScreen = (state: AppState) => JSON.stringify({overlay: state.overlay, flashes: state.flashes});

describe('v: reveal', () => {
	test('puts the credentials into the open details pane, and they authenticate as the token', async () => {
		const app = await connect();
		app.open(scoped.Id);
		await app.credentials.reveal(scoped.Id);
		const revealed = app.revealed()!;
		expect(revealed.readWrite.AccountSid).toBe(scoped.AccountSid);
		expect(revealed.readWrite.AuthToken.endsWith(scoped.AuthTokenHint)).toBe(true);
		expect(revealed.readOnly).toBeNull();
		expect(revealed.until).toBe(1_000_000 + revealMs);
		expect(app.state().overlay).toMatchObject({kind: 'details', tokenId: scoped.Id});
		const answer = await companyInformation(revealed.readWrite);
		expect(answer.status).toBe(200);
		expect(answer.json.AccountSid).toBe(scoped.AccountSid);
	});

	test('of a legacy token shows both pairs, each authenticating as its own pair', async () => {
		const app = await connect();
		app.open(legacy.Id);
		await app.credentials.reveal(legacy.Id);
		const {readWrite, readOnly} = app.revealed()!;
		expect(readOnly!.AccountSid).toBe(legacy.ReadOnly!.AccountSid);
		expect((await companyInformation(readWrite)).json.Credential).toBe('ReadWrite');
		expect((await companyInformation(readOnly!)).json.Credential).toBe('ReadOnly');
	});

	test("is in the audit log with the operator's name, and no audit entry holds a secret", async () => {
		const secrets: string[] = [];
		for (const [authToken, tokenId] of [
			['demo-specialist', scoped.Id],
			['demo-admin', legacy.Id],
		] as const) {
			const app = await connect({authToken});
			app.open(tokenId);
			await app.credentials.reveal(tokenId);
			secrets.push(app.revealed()!.readWrite.AuthToken);
			if (app.revealed()!.readOnly) secrets.push(app.revealed()!.readOnly!.AuthToken);
		}

		const {entries, text} = await auditLog();
		expect(entries.slice(0, 2)).toMatchObject([
			{Action: 'Reveal', Actor: 'Ada Lindqvist', TokenId: legacy.Id, TokenName: legacy.Name},
			{Action: 'Reveal', Actor: 'Ravi Menon', TokenId: scoped.Id, TokenName: 'Reveal me'},
		]);
		expect(secrets).toHaveLength(3);
		for (const secret of secrets) expect(text).not.toContain(secret);
	});

	test('answering after the operator left the pane shows the credentials nowhere', async () => {
		const app = await connect();
		app.open(scoped.Id);
		const answered = app.credentials.reveal(scoped.Id);
		app.open(legacy.Id);
		await answered;
		expect(app.state().overlay).toEqual({kind: 'details', tokenId: legacy.Id});
		app.close();
		await app.credentials.reveal(scoped.Id);
		expect(app.state().overlay).toBeNull();
	});

	test('refused by the server (a read-only operator), says why and shows nothing, and is not audited', async () => {
		const before = (await auditLog()).total;
		const app = await connect({authToken: 'demo-readonly'});
		app.open(scoped.Id);
		await app.credentials.reveal(scoped.Id);
		expect(app.state().overlay).toEqual({kind: 'details', tokenId: scoped.Id});
		expect(app.flash()).toMatchObject({level: 'error'});
		expect(app.flash()!.message).toMatch(/^Could not reveal the credentials: .*Read-Only.*cannot reveal/u);
		expect((await auditLog()).total).toBe(before);
	});
});

describe('revealed credentials hide again', () => {
	test('30 s after the reveal, leaving the pane open', async () => {
		expect(revealMs).toBe(30_000);
		const app = await connect({fakeTimersAfterReveal: true});
		app.open(scoped.Id);
		await app.credentials.reveal(scoped.Id);
		vi.advanceTimersByTime(revealMs - 1);
		expect(app.revealed()).toBeDefined();
		vi.advanceTimersByTime(1);
		expect(app.state().overlay).toEqual({kind: 'details', tokenId: scoped.Id});
	});

	test('30 s after the latest reveal when hidden and revealed again', async () => {
		const app = await connect({fakeTimersAfterReveal: true});
		app.open(scoped.Id);
		await app.credentials.reveal(scoped.Id);
		vi.advanceTimersByTime(20_000);
		app.open(scoped.Id); // `v` again hides them, as the key router does.
		await app.credentials.reveal(scoped.Id);
		const second = app.revealed();
		vi.advanceTimersByTime(revealMs - 1);
		// The first reveal's timer has fired (30 s after it) but the second reveal stays.
		expect(app.revealed()).toBe(second);
		vi.advanceTimersByTime(1);
		expect(app.revealed()).toBeUndefined();
	});

	test("when due after the operator opened another token, without touching that token's pane", async () => {
		const app = await connect({fakeTimersAfterReveal: true});
		app.open(scoped.Id);
		await app.credentials.reveal(scoped.Id);
		app.open(legacy.Id);
		await app.credentials.reveal(legacy.Id);
		const legacyRevealed = app.revealed();
		vi.advanceTimersByTime(revealMs - 1);
		expect(app.state().overlay).toMatchObject({tokenId: legacy.Id, revealed: legacyRevealed});
	});

	test('as soon as the pane closes: opening it again shows no secret', async () => {
		const app = await connect();
		app.open(scoped.Id);
		await app.credentials.reveal(scoped.Id);
		const secret = app.revealed()!.readWrite.AuthToken;
		app.close();
		expect(app.state().overlay).toBeNull();
		app.open(scoped.Id);
		expect(app.revealed()).toBeUndefined();
		expect(onScreen(app.state())).not.toContain(secret);
	});
});

describe('y: copy the auth token', () => {
	test('copies the revealed Read/Write auth token without asking the server again', async () => {
		const app = await connect();
		app.open(scoped.Id);
		await app.credentials.reveal(scoped.Id);
		const before = (await auditLog()).total;
		await app.credentials.copyAuthToken(scoped.Id);
		expect(app.copied).toEqual([app.revealed()!.readWrite.AuthToken]);
		expect(app.flash()).toMatchObject({
			level: 'success',
			message: expect.stringMatching(
				/^Auth token of "Reveal me" sent to the clipboard with OSC 52 \(test\)/u,
			),
		});
		expect((await auditLog()).total).toBe(before);
	});

	test('when not revealed, fetches it (audited) and copies it without putting it on screen', async () => {
		const app = await connect();
		app.open(scoped.Id);
		const before = (await auditLog()).total;
		await app.credentials.copyAuthToken(scoped.Id);
		expect(app.copied).toHaveLength(1);
		const [copied] = app.copied;
		expect((await companyInformation({AccountSid: scoped.AccountSid, AuthToken: copied!})).status).toBe(200);
		expect(app.state().overlay).toEqual({kind: 'details', tokenId: scoped.Id});
		expect(onScreen(app.state())).not.toContain(copied);
		const {entries, total} = await auditLog();
		expect(total).toBe(before + 1);
		expect(entries[0]).toMatchObject({Action: 'Reveal', TokenId: scoped.Id, Actor: 'Ada Lindqvist'});
	});

	test("of a legacy token copies the Read/Write pair's auth token, not the Read-Only one", async () => {
		const app = await connect();
		app.open(legacy.Id);
		await app.credentials.copyAuthToken(legacy.Id);
		const both = (await server.request('GET', `/AccessTokens/${legacy.Id}/Credentials`)).json;
		expect(app.copied).toEqual([both.ReadWrite.AuthToken]);
		expect(app.copied).not.toContain(both.ReadOnly.AuthToken);
	});

	test('that fails says so and claims no copy', async () => {
		const app = await connect({copyFails: true});
		app.open(scoped.Id);
		await app.credentials.copyAuthToken(scoped.Id);
		expect(app.flash()).toMatchObject({
			level: 'error',
			message: 'Could not copy the auth token: no terminal to copy to',
		});
	});
});
