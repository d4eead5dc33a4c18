/**
 * Account-wide effects and legacy tokens through the sync layer, against the
 * real server: the legacy switch, the per-pair reset of a legacy token (the
 * other pair keeps working), and the audit log of what the app does.
 */
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {createApiClient, type ApiClient} from '../../source/api/index.js';
import type {AccessToken, CredentialKind, Credentials} from '../../source/domain/token.js';
import {
	initialState,
	reducer,
	type Action,
	type AppState,
	type RevealedSecret,
	selectReadOnly,
} from '../../source/state/index.js';
import {createAccount} from '../../source/sync/account.js';
import {createLoader} from '../../source/sync/load.js';
import {createOperations} from '../../source/sync/operations.js';
import {emptyAudit} from '../../source/ui/audit-keys.js';
import {legacy as seededLegacy} from '../server/fixture-facts.js';
import {accountSid, startTestServer, type TestServer} from '../support/server.js';

let server: TestServer;
beforeEach(async () => {
	server = await startTestServer();
});
afterEach(async () => server?.close());

/** The app's account and token effects over a real client, loader and reducer. */
async function connect(authToken = 'demo-admin', listHeight = 20, wrap = (client: ApiClient) => client) {
	let state: AppState = initialState({now: Date.now(), serverUrl: server.url, accountSid, listHeight});
	const dispatch = (action: Action) => {
		state = reducer(state, action);
	};

	const client = wrap(
		createApiClient({apiUrl: server.url, accountSid, authToken, retry: {limit: 0}, timeoutMs: 10_000}),
	);
	const loader = createLoader({client, dispatch});
	const secrets: RevealedSecret[] = [];
	const operations = createOperations({
		client,
		getState: () => state,
		dispatch,
		onSecrets: (shown) => secrets.push(...shown),
	});
	const account = createAccount(
		client,
		dispatch,
		() => state,
		async () => loader.refresh(),
	);
	await loader.refresh();
	return {
		client,
		account,
		operations,
		secrets,
		state: () => state,
		dispatch,
		names: () => state.tokens.rows.map((row) => row.token.Name),
		legacyRows: () => state.tokens.rows.map((row) => row.token).filter((token) => token.Legacy),
		flash: () => state.flashes.at(-1),
	};
}

async function auditLog(pageSize = 1000) {
	const {json} = await server.request('GET', `/AuditLog?PageSize=${pageSize}`);
	return {entries: json.AuditEntries as Array<Record<string, string>>, total: json['@total'] as number};
}

async function companyInformation(credentials: Credentials) {
	const response = await server.request('GET', `/Agencies/${credentials.AccountSid}/CompanyInformation`, {
		auth: [credentials.AccountSid, credentials.AuthToken],
	});
	return response.status;
}

describe('enabling legacy tokens', () => {
	test('turns the switch on, reloads the list with every legacy token in it, and is audited', async () => {
		const app = await connect();
		await app.account.loadLegacySwitch();
		expect(app.state().connection.legacyEnabled).toBe(false);
		expect(app.legacyRows()).toEqual([]);

		await app.account.enableLegacy();
		expect(app.state().connection.legacyEnabled).toBe(true);
		expect(
			app
				.legacyRows()
				.map((token) => token.Name)
				.sort(),
		).toEqual(seededLegacy.map((token) => token.Name).sort());
		expect(app.flash()).toMatchObject({level: 'success', message: expect.stringContaining('"legacy"')});
		expect((await server.request('GET', '/LegacyTokens/Enable')).json).toEqual({Enabled: true});
		expect((await auditLog()).entries[0]).toMatchObject({
			Action: 'EnableLegacy',
			Actor: 'Ada Lindqvist',
			TokenId: '',
			TokenName: '',
		});
	});

	test('refused for a read-only operator: says why, the list and the server stay as they were', async () => {
		const app = await connect('demo-readonly');
		const before = app.names();
		await app.account.enableLegacy();
		expect(app.flash()).toMatchObject({level: 'error'});
		expect(app.flash()!.message).toMatch(/^Could not enable legacy tokens: .*Read-Only/u);
		expect(app.state().connection.legacyEnabled).not.toBe(true);
		// A 403 on a write: the session goes read-only, as for a refused token action.
		expect(selectReadOnly(app.state())).toMatch(/^the server refused a change/u);
		expect(app.names()).toEqual(before);
		expect((await server.request('GET', '/LegacyTokens/Enable')).json).toEqual({Enabled: false});
		expect((await auditLog()).total).toBe(0);
	});
});

test('a token action the server refuses with 403 is rolled back and turns the app read-only', async () => {
	const app = await connect('demo-readonly');
	const token = app.state().tokens.rows.find((row) => row.token.State === 'Enabled')!.token;
	expect(selectReadOnly(app.state())).toBeNull(); // The operator's role is not loaded here.
	await app.operations.perform({kind: 'disable', tokenIds: [token.Id]});
	expect(app.state().tokens.byId.get(token.Id)!.token.State).toBe('Enabled');
	expect(app.flash()).toMatchObject({level: 'error', message: expect.stringContaining(token.Name)});
	expect(selectReadOnly(app.state())).toMatch(/^the server refused a change \(.*Read-Only/u);
	expect((await server.request('GET', `/AccessTokens/${token.Id}`)).json.State).toBe('Enabled');
});

describe('resetting one pair of a legacy token', () => {
	const hint = (token: AccessToken, pair: CredentialKind) =>
		pair === 'ReadOnly' ? token.ReadOnly!.AuthTokenHint : token.AuthTokenHint;

	test.each([
		['ReadOnly', 'ReadWrite'],
		['ReadWrite', 'ReadOnly'],
	] as const)('%s: its old secret stops working, the %s pair keeps working', async (pair, other) => {
		await server.request('POST', '/LegacyTokens/Enable');
		const app = await connect();
		const token = app.legacyRows().find((candidate) => candidate.State === 'Enabled')!;
		const before = (await server.request('GET', `/AccessTokens/${token.Id}/Credentials`)).json as Record<
			CredentialKind,
			Credentials
		>;
		await app.operations.perform({kind: 'reset', tokenIds: [token.Id], credential: pair});
		expect(await companyInformation(before[pair])).toBe(401);
		expect(await companyInformation(before[other])).toBe(200);
		expect(app.secrets).toHaveLength(1);
		const [shown] = app.secrets;
		expect(shown!.credential).toBe(pair);
		expect(shown!.credentials.AccountSid).toBe(before[pair].AccountSid);
		expect(await companyInformation(shown!.credentials)).toBe(200);
		const now = app.state().tokens.byId.get(token.Id)!.token;
		expect(hint(now, pair)).toBe(shown!.credentials.AuthToken.slice(-4));
		expect(hint(now, other)).toBe(hint(token, other));
		expect((await auditLog()).entries[0]).toMatchObject({Action: 'Reset', TokenId: token.Id, Detail: pair});
	});
});

describe('the audit log', () => {
	test('records each action the app performs, once per token, with the operator and no secret', async () => {
		const app = await connect('demo-specialist');
		const fields = (Name: string, Scopes: string[]) => ({
			Name,
			Description: '',
			PrimaryContact: 'U1002',
			DeveloperEmails: [],
			Scopes,
		});
		const trail = fields('Audit trail', ['account.company-information.get']);
		const created = await app.client.createToken({...trail, ApiVersion: '14'});
		const other = await app.client.createToken({
			...fields('Audit trail two', ['reports.reports.get']),
			ApiVersion: '16',
		});
		const id = created.AccessToken.Id;
		const edited = await app.client.editToken(
			id,
			{...trail, Description: 'watched'},
			created.AccessToken.Version,
		);
		await app.account.enableLegacy();
		const {perform} = app.operations;
		await perform({kind: 'duplicate', tokenIds: [id]});
		await perform({kind: 'upgrade', tokenIds: [id], apiVersion: '15'});
		await perform({kind: 'disable', tokenIds: [id, other.AccessToken.Id]});
		await perform({kind: 'enable', tokenIds: [id], andReset: true});
		const copyId = app.state().tokens.rows.find((row) => row.token.Name === 'Audit trail (copy)')!.token.Id;
		await perform({kind: 'delete', tokenIds: [copyId]});
		expect(edited.Description).toBe('watched');

		const {entries, total} = await auditLog();
		const summary = entries.map((entry) => [entry.Action, entry.TokenName, entry.Detail]);
		// A bulk action: one entry per token, in the order the answers came in.
		expect(summary.splice(3, 2).sort((a, b) => a[1]!.localeCompare(b[1]!))).toEqual([
			['Disable', 'Audit trail', ''],
			['Disable', 'Audit trail two', ''],
		]);
		expect(summary).toEqual([
			['Delete', 'Audit trail (copy)', ''],
			['Reset', 'Audit trail', ''],
			['Enable', 'Audit trail', ''],
			['Upgrade', 'Audit trail', '14 → 15'],
			['Duplicate', 'Audit trail (copy)', `from "Audit trail" (${id})`],
			['EnableLegacy', '', ''],
			['Edit', 'Audit trail', 'Description'],
			['Create', 'Audit trail two', ''],
			['Create', 'Audit trail', ''],
		]);
		expect(total).toBe(11);
		expect(new Set(entries.map((entry) => entry.Actor))).toEqual(new Set(['Ravi Menon']));
		const text = JSON.stringify(entries);
		for (const secret of [created.Credentials, other.Credentials, ...app.secrets.map((s) => s.credentials)])
			expect(text).not.toContain(secret.AuthToken);
	});

	/** Seven entries on the log: "Logged 1" (oldest) to "Logged 7". */
	async function logSeven() {
		for (let index = 1; index <= 7; index++) {
			await server.request('POST', '/AccessTokens', {
				body: {Name: `Logged ${index}`, Scopes: ['reports.reports.get']},
			});
		}
	}

	function openAuditView(app: Awaited<ReturnType<typeof connect>>) {
		app.dispatch({type: 'overlay/open', overlay: {kind: 'audit', page: 1, audit: emptyAudit}});
		return () => app.state().overlay as Extract<AppState['overlay'], {kind: 'audit'}>;
	}

	test('loads page by page into the open A view, newest first, sized to the list', async () => {
		await logSeven();
		const app = await connect('demo-readonly', 6); // A page of max(5, 6 - 1) = 5 entries.
		const view = openAuditView(app);
		await app.account.loadAudit(1);
		expect(view().audit).toMatchObject({numPages: 2, total: 7, loading: false, error: null});
		expect(view().audit.entries.map((entry) => entry.TokenName)).toEqual([
			'Logged 7',
			'Logged 6',
			'Logged 5',
			'Logged 4',
			'Logged 3',
		]);
		await app.account.loadAudit(2);
		expect(view().page).toBe(2);
		expect(view().audit.entries.map((entry) => entry.TokenName)).toEqual(['Logged 2', 'Logged 1']);
	});

	test('shows the page asked for last when the answers come back out of order', async () => {
		await logSeven();
		let release!: () => void;
		const held = new Promise<void>((resolve) => {
			release = resolve;
		});
		const app = await connect('demo-admin', 6, (client) => ({
			...client,
			async auditLog(page, pageSize, signal) {
				const answer = await client.auditLog(page, pageSize, signal);
				if (page === 1) await held; // Page 1 answers last, as over a slow link.
				return answer;
			},
		}));
		const view = openAuditView(app);
		const first = app.account.loadAudit(1);
		await app.account.loadAudit(2);
		release();
		await first;
		expect(view().page).toBe(2);
		expect(view().audit.entries.map((entry) => entry.TokenName)).toEqual(['Logged 2', 'Logged 1']);
	});

	test('leaves a closed view closed, and says why a page could not be read', async () => {
		const app = await connect();
		app.dispatch({type: 'overlay/open', overlay: {kind: 'audit', page: 1, audit: emptyAudit}});
		const loading = app.account.loadAudit(1);
		app.dispatch({type: 'overlay/close'});
		await loading;
		expect(app.state().overlay).toBeNull();

		const analyst = await connect('demo-analyst');
		analyst.dispatch({type: 'overlay/open', overlay: {kind: 'audit', page: 1, audit: emptyAudit}});
		await analyst.account.loadAudit(1);
		expect(analyst.state().overlay).toMatchObject({
			kind: 'audit',
			audit: {loading: false, entries: [], error: expect.stringContaining('Analyst')},
		});
	});
});
