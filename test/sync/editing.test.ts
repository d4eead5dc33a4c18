/**
 * Create and edit as the sync layer sends them, against the real server: the
 * optimistic row, the commit or revert, and what the open form hears back.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createApiClient} from '../../source/api/index.js';
import type {AccessToken} from '../../source/domain/token.js';
import {
	initialState,
	reducer,
	type Action,
	type AppState,
	type RevealedSecret,
} from '../../source/state/index.js';
import {createForm, editForm, type TokenForm} from '../../source/state/token-form.js';
import {createEditing} from '../../source/sync/editing.js';
import {accountSid, startTestServer, type TestServer} from '../support/server.js';

let server: TestServer;
let failing: TestServer;

beforeAll(async () => {
	[server, failing] = await Promise.all([startTestServer(), startTestServer({failRate: 1})]);
});

afterAll(async () => {
	await Promise.all([server.close(), failing.close()]);
});

/** The sync layer over a plain store, the list and the catalogues loaded, as the app has them. */
async function setUp(target: TestServer = server) {
	const client = createApiClient({
		apiUrl: target.url,
		accountSid,
		authToken: 'demo-admin',
		retry: {limit: 0, baseDelayMs: 10, maxDelayMs: 20, maxRetryAfterMs: 0},
	});
	let state: AppState = initialState({now: Date.now(), serverUrl: target.url, accountSid, listHeight: 100});
	const dispatch = (action: Action) => {
		state = reducer(state, action);
	};

	const [tokens, versions, categories, users] = await Promise.all([
		client.listAllTokens({}, () => undefined),
		client.apiVersions(),
		client.apiScopes(),
		client.users(),
	]);
	dispatch({type: 'tokens/appended', tokens, done: true, at: Date.now()});
	dispatch({type: 'catalogues/loaded', catalogues: {versions, categories, users}});
	const secrets: RevealedSecret[][] = [];
	const editing = createEditing({
		client,
		getState: () => state,
		dispatch,
		onSecrets: (shown) => secrets.push(shown),
	});
	return {
		editing,
		secrets,
		dispatch,
		state: () => state,
		catalogues: {versions, categories, users},
		/** Opens `form` as the keys would, then lets the form reducer mark it as sent. */
		open(form: TokenForm): TokenForm {
			dispatch({
				type: 'overlay/open',
				overlay: {kind: 'form', form: {...form, status: {kind: 'submitting'}}},
			});
			const open = state.overlay;
			if (open?.kind !== 'form') throw new Error('no form');
			return open.form;
		},
		form(): TokenForm | undefined {
			return state.overlay?.kind === 'form' ? state.overlay.form : undefined;
		},
		byName: (name: string) =>
			[...state.tokens.byId.values()].map((row) => row.token).find((token) => token.Name === name),
	};
}

type Setup = Awaited<ReturnType<typeof setUp>>;

/** A filled-in wizard for `name`. */
function wizard(app: Setup, name: string, scopes = ['invoices.invoices.get']): TokenForm {
	const form = createForm(`create-${name}`, app.catalogues, 'U1001');
	return {...form, draft: {...form.draft, Name: name, Description: 'made by a test', Scopes: scopes}};
}

async function serverToken(target: TestServer, id: string): Promise<AccessToken & {Version: number}> {
	return (await target.request('GET', `/AccessTokens/${id}`)).json as AccessToken;
}

describe('creating a token', () => {
	it("shows the row at once, pending, then commits it under the server's Id and shows the credentials once", async () => {
		const app = await setUp();
		const form = app.open(wizard(app, 'Sync: created'));
		const sent = app.editing.submit(form);
		const pending = app.byName('Sync: created');
		expect(pending?.Id).toMatch(/^pending:/u);
		expect([...app.state().pending.values()]).toMatchObject([{kind: 'insert', label: 'Creating'}]);
		expect(app.state().selection.cursorId).toBe(pending!.Id);
		await sent;
		const created = app.byName('Sync: created')!;
		expect(created.Id).not.toMatch(/^pending:/u);
		expect(app.state().pending.size).toBe(0);
		expect(app.state().selection.cursorId).toBe(created.Id);
		expect(app.form()).toBeUndefined();
		expect(app.secrets).toHaveLength(1);
		expect(app.secrets[0]![0]!.credentials.AccountSid).toBe(created.AccountSid);
		expect(await serverToken(server, created.Id)).toMatchObject({
			Name: 'Sync: created',
			Description: 'made by a test',
			ApiVersion: '16',
			PrimaryContact: 'U1001',
			Scopes: ['invoices.invoices.get'],
		});
	});

	it('puts a server 400 beside the field it names, and removes the row with the reason', async () => {
		const app = await setUp();
		// Past the wizard's own checks: an unknown scope only the server can refuse.
		const form = app.open(wizard(app, 'Sync: refused', ['nope.scope']));
		await app.editing.submit(form);
		expect(app.byName('Sync: refused')).toBeUndefined();
		expect(app.state().flashes.at(-1)?.message).toBe(
			'Could not create "Sync: refused": API scope "nope.scope" is not in the catalogue',
		);
		expect(app.form()).toMatchObject({
			status: {kind: 'editing'},
			step: 'scopes',
			field: 'Scopes',
			errors: {Scopes: 'API scope "nope.scope" is not in the catalogue'},
		});
		expect(app.secrets).toEqual([]);
	});

	it('keeps the wizard and says why when the server fails, to try again', async () => {
		const app = await setUp(failing);
		const form = app.open(wizard(app, 'Sync: failed'));
		await app.editing.submit(form);
		expect(app.byName('Sync: failed')).toBeUndefined();
		expect(app.form()).toMatchObject({
			status: {kind: 'editing'},
			step: 'review',
			draft: {Name: 'Sync: failed'},
		});
		expect(app.form()!.notice).toMatch(/HTTP 5\d\d|fail/iu);
	});
});

describe('saving an edit', () => {
	it("sends the change with If-Match and goes back to the token's details", async () => {
		const app = await setUp();
		const token = app.byName('Snowflake loader')!;
		const form = editForm('edit-1', token, 'U1001');
		const sent = app.open({...form, draft: {...form.draft, Description: 'Edited by the sync test'}});
		const saving = app.editing.submit(sent);
		expect(app.state().tokens.byId.get(token.Id)?.token.Description).toBe('Edited by the sync test');
		await saving;
		expect(app.state().overlay).toEqual({kind: 'details', tokenId: token.Id});
		const saved = await serverToken(server, token.Id);
		expect(saved).toMatchObject({
			Description: 'Edited by the sync test',
			Scopes: token.Scopes,
			Version: token.Version + 1,
		});
	});

	it("after a 412, opens the conflict with the server's copy; reapplying keeps the server's other change", async () => {
		const app = await setUp();
		const token = app.byName('HubSpot contacts sync')!;
		const form = editForm('edit-2', token, 'U1001');
		const sent = app.open({...form, draft: {...form.draft, Description: 'Mine'}});
		const theirs = await server.request('PUT', `/AccessTokens/${token.Id}`, {
			body: {Name: 'HubSpot contacts sync (theirs)'},
			headers: {'If-Match': `"${token.Version}"`},
		});
		expect(theirs.status).toBe(200);
		await app.editing.submit(sent);
		const conflicted = app.form()!;
		expect(conflicted.status).toMatchObject({
			kind: 'conflict',
			server: {Name: 'HubSpot contacts sync (theirs)'},
		});
		// The row shows what the server holds, not the operator's unsaved change.
		expect(app.state().tokens.byId.get(token.Id)?.token).toMatchObject({
			Name: 'HubSpot contacts sync (theirs)',
			Description: token.Description,
		});
		app.dispatch({type: 'form/reapply'});
		await app.editing.submit(app.form()!);
		expect(await serverToken(server, token.Id)).toMatchObject({
			Name: 'HubSpot contacts sync (theirs)',
			Description: 'Mine',
		});
	});

	it('says so when the token was deleted meanwhile, and drops its row', async () => {
		const app = await setUp();
		const token = app.byName('Slack alerts webhook')!;
		const form = editForm('edit-3', token, 'U1001');
		const sent = app.open({...form, draft: {...form.draft, Description: 'Too late'}});
		await server.request('DELETE', `/AccessTokens/${token.Id}`, {
			headers: {'If-Match': `"${token.Version}"`},
		});
		await app.editing.submit(sent);
		expect(app.form()).toMatchObject({
			status: {kind: 'editing'},
			notice: 'This token is no longer on the server: it was deleted',
		});
		expect(app.state().tokens.byId.get(token.Id)).toBeUndefined();
	});
});
