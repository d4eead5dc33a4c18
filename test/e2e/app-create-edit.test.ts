/**
 * The create wizard and the edit form in the real binary, in a pseudo-terminal
 * at 80x24, against the real server: every value is entered from the keyboard
 * alone, and the server is then asked what it holds.
 */
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {AccessToken} from '../../source/domain/token.js';
import {openAppOn, openWizard} from '../support/app.js';
import {closeAllTerminals, type TerminalSession} from '../support/pty.js';
import {startTestServer, tokenNamed, type TestServer} from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
	server = await startTestServer();
});

afterAll(async () => {
	await server.close();
});

afterEach(closeAllTerminals);

/** Filters the list down to `name` and opens its edit form (Enter: details; Enter: edit). */
async function editToken(app: TerminalSession, name: string): Promise<void> {
	app.write(`/${name}\r`);
	await app.waitFor(new RegExp(`^› {2}${name}\\s`, 'mu'));
	app.press('enter');
	await app.waitFor('Enter edit');
	app.press('enter');
	await app.waitFor(`Edit "${name}"`);
}

describe('creating a token from the keyboard', () => {
	it('creates exactly what was entered, on the latest API version, and shows its credentials once', async () => {
		const app = await openAppOn(server);
		await openWizard(app);
		app.write('结算 – 测试');
		await app.waitFor('结算 – 测试');
		app.press('enter');
		app.write('Settles invoices nightly');
		app.press('enter');
		await app.waitFor('● v16');
		app.press('enter');
		await app.waitFor('[2 Contact]');
		expect(app.screen()).toContain('Ada Lindqvist (you)');
		app.press('enter');
		app.write('dev@acme.example');
		app.press('enter');
		await app.waitFor('1. dev@acme.example');
		app.press('enter');
		await app.waitFor('[3 Scopes]');
		// The ninth category is Invoices: read-only, two scopes.
		app.press('down', 8);
		app.press('space');
		await app.waitFor(/\[x\] Invoices\s+2\/2/u);
		app.press('enter');
		await app.waitFor('[4 Review]');
		expect(app.screen()).toContain('v16 (latest)');
		app.press('enter');
		await app.waitFor('New credentials for "结算 – 测试"');
		const screen = app.screen();
		expect(screen).toContain('This is the only time the auth token is shown in full here');

		const versions = await server.request('GET', '/ApiVersions');
		const latest = (versions.json.ApiVersions as Array<{Version: string; Latest: boolean}>).find(
			(version) => version.Latest,
		)!;
		const token = await tokenNamed(server, '结算 – 测试');
		expect(token).toMatchObject({
			Name: '结算 – 测试',
			Description: 'Settles invoices nightly',
			ApiVersion: latest.Version,
			PrimaryContact: 'U1001',
			DeveloperEmails: ['dev@acme.example'],
			Scopes: ['invoices.invoices.get', 'invoices.payments.get'],
		});
		// The credentials on screen are the new token's.
		expect(screen).toContain(`Account SID  ${token.AccountSid}`);
		app.press('escape');
		await app.waitFor(/^› {2}结算 – 测试\s/mu);
	});

	it('takes the whole wizard typed in one chunk, every key in order', async () => {
		const app = await openAppOn(server);
		await openWizard(app);
		app.press('escape');
		await app.waitFor('n new');
		// n, a name, a description, the latest version, the operator, no e-mail, the first category, review, create.
		app.write(['n', 'billing-42\r', 'fast path\r', '\r', '\r', '\r', ' ', '\r', '\r'].join(''));
		await app.waitFor('New credentials for "billing-42"');
		expect(await tokenNamed(server, 'billing-42')).toMatchObject({
			Description: 'fast path',
			Scopes: expect.arrayContaining(['account.users.get', 'account.users.post']) as unknown,
		});
	});

	it('refuses an empty name with a message naming the field, and sends nothing', async () => {
		const before = (await server.request('GET', '/AccessTokens?PageSize=1')).json['@total'] as number;
		const app = await openAppOn(server);
		await openWizard(app);
		app.press('enter');
		await app.waitFor('✗ Token name is required');
		expect(app.screen()).toContain('[1 Setup]');
		// Spaces are no name either, and Ctrl+S (to the review) stops at the same field.
		app.write('   \u0013');
		await app.waitFor('› Token name');
		expect(app.screen()).toContain('✗ Token name is required');
		app.press('escape');
		await app.waitFor('Discard the new token? y discard · n keep editing');
		app.write('y');
		await app.waitFor('n new');
		expect((await server.request('GET', '/AccessTokens?PageSize=1')).json['@total']).toBe(before);
	});
});

describe('editing a token from the keyboard', () => {
	it('saves a new description: the server holds it, and nothing else changed', async () => {
		const before = await tokenNamed(server, 'Shopify connector');
		const app = await openAppOn(server);
		await editToken(app, 'Shopify connector');
		app.press('tab');
		app.press('ctrl-u');
		app.write('Edited from the keyboard – 键盘');
		app.write('\u0013');
		await app.waitFor('✓ Saved "Shopify connector"');
		const after = await tokenNamed(server, 'Shopify connector');
		expect(after).toEqual({
			...before,
			Description: 'Edited from the keyboard – 键盘',
			Version: after.Version,
			UpdatedAt: after.UpdatedAt,
		});
		expect(after.Version).toBeGreaterThan(before.Version);
		expect(app.screen()).toContain('Edited from the keyboard – 键盘');
	});

	it("after a change behind its back, shows the server's value beside the operator's, and reapplies on r", async () => {
		const app = await openAppOn(server);
		await editToken(app, 'Looker BI export');
		app.press('tab');
		app.press('ctrl-u');
		app.write('Mine: hourly');
		await app.waitFor('Mine: hourly');

		// Someone else renames it meanwhile, straight over HTTP.
		const token = await tokenNamed(server, 'Looker BI export');
		const current = await server.request('GET', `/AccessTokens/${token.Id}`);
		const theirs = await server.request('PUT', `/AccessTokens/${token.Id}`, {
			body: {Name: 'Looker BI export (ops)'},
			headers: {'If-Match': current.headers.etag!},
		});
		expect(theirs.status).toBe(200);

		app.write('\u0013');
		await app.waitFor('On the server now');
		const screen = app.screen();
		expect(screen).toContain('Changed on the server since you opened it');
		expect(screen).toMatch(/Token name\s+Looker BI export \(ops\)\s+not changed by you/u);
		expect(screen).toContain('Also yours, not changed on the server: Description');
		// Nothing of the operator's reached the server.
		expect((await server.request('GET', `/AccessTokens/${token.Id}`)).json.Description).not.toBe(
			'Mine: hourly',
		);

		app.write('r');
		await app.waitFor('✓ Saved "Looker BI export (ops)"');
		const saved = (await server.request('GET', `/AccessTokens/${token.Id}`)).json as AccessToken;
		expect(saved).toMatchObject({Name: 'Looker BI export (ops)', Description: 'Mine: hourly'});
	});

	it("after a change behind its back, d discards the operator's change and shows the server's copy", async () => {
		const app = await openAppOn(server);
		await editToken(app, 'Snowflake loader');
		app.press('tab');
		app.press('ctrl-u');
		app.write('Mine: discard me');
		await app.waitFor('Mine: discard me');
		const token = await tokenNamed(server, 'Snowflake loader');
		const current = await server.request('GET', `/AccessTokens/${token.Id}`);
		await server.request('PUT', `/AccessTokens/${token.Id}`, {
			body: {Description: 'Theirs: kept'},
			headers: {'If-Match': current.headers.etag!},
		});
		app.write('\u0013');
		await app.waitFor('On the server now');
		expect(app.screen()).toMatch(/Description\s+Theirs: kept\s+Mine: discard me/u);
		app.write('d');
		await app.waitFor('Enter edit');
		expect(app.screen()).toContain('Theirs: kept');
		expect((await server.request('GET', `/AccessTokens/${token.Id}`)).json.Description).toBe('Theirs: kept');
	});
});
