/**
 * The token action keys in the real binary, in a pseudo-terminal at 80x24,
 * against the real server: slowed to 1.5 s an answer, so the optimistic change
 * can be seen on screen while the server still holds the old value; or
 * failing every write, so the rollback can be seen.
 */
import {rm} from 'node:fs/promises';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {buildServer} from '../../source/server/app.js';
import type {Repository} from '../../source/server/repository.js';
import {openAppOn} from '../support/app.js';
import {closeAllTerminals, type TerminalSession} from '../support/pty.js';
import {accountSid, makeDataDir, send, type RequestOptions, type TestResponse} from '../support/server.js';

type Server = {
	url: string;
	/** What the server holds this instant, without waiting out its latency. */
	repository: Repository;
	request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
	close(): Promise<void>;
};

/** The real server on an ephemeral port; built directly so a test can look inside it at any moment. */
async function startServer(options: {latencyMs?: number; failRate?: number}): Promise<Server> {
	const dataDir = await makeDataDir();
	const {app, context} = await buildServer({dataDir, rateLimitPerHour: 0, ...options});
	const url = await app.listen({host: '127.0.0.1', port: 0});
	return {
		url,
		repository: context.repository,
		request: async (method, path, requestOptions) =>
			send(method, `${url}/Agencies/${accountSid}${path}`, requestOptions),
		async close() {
			await app.close();
			await rm(dataDir, {recursive: true, force: true});
		},
	};
}

afterAll(closeAllTerminals);

/** Leaves whatever dialog is open, then filters the list down to `name` (the cursor lands on it). */
async function showOnly(app: TerminalSession, name: string): Promise<void> {
	app.press('escape');
	app.write(`x/${name}\r`);
	await app.waitFor(new RegExp(`^› {2}${name}\\s`, 'mu'));
}

/** The stored token named `name`, as the server holds it this instant. */
function stored(server: Server, name: string) {
	return [...server.repository.tokens.values()].find((token) => token.Name === name);
}

/** Everything a write would change, read over HTTP: every token and the audit log's length. */
async function serverSnapshot(server: Server) {
	const [tokens, audit] = await Promise.all([
		server.request('GET', '/AccessTokens?PageSize=1000'),
		server.request('GET', '/AuditLog?PageSize=1'),
	]);
	return {tokens: tokens.json.AccessTokens, auditEntries: audit.json['@total']};
}

describe('against a server that takes 1.5 s to answer', () => {
	let server: Server;
	/** One app for these tests, as starting one against this server takes seconds; each test picks its own tokens. */
	let app: TerminalSession;
	beforeAll(async () => {
		server = await startServer({latencyMs: 1500});
		app = await openAppOn(server);
	});
	afterAll(async () => {
		await app?.close();
		await server?.close();
	});

	test('each action key opens its dialog; Esc, n and Enter on Cancel leave the server untouched', async () => {
		const before = await serverSnapshot(server);
		await showOnly(app, 'Tableau extract – EMEA');
		const dialogs: Array<[string, RegExp | string, string]> = [
			['r', 'stops working at once', '\r'],
			['e', 'Disable "Tableau extract – EMEA"?', 'n'],
			['u', /Upgrade "Tableau extract – EMEA" from v15 to[\s\S]*› v16 \(latest\)/u, '\u001B'],
			['d', 'Delete "Tableau extract – EMEA"?', '\u001B'],
		];
		for (const [key, shows, leave] of dialogs) {
			app.write(key);
			await app.waitFor(shows);
			if (key !== 'u') expect(app.screen()).toContain('[ Cancel ]');
			app.write(leave);
			await app.waitFor(/^› {2}Tableau extract – EMEA\s+Enabled/mu);
		}

		await showOnly(app, 'Tableau extract – APAC');
		app.write('e');
		await app.waitFor('Enable "Tableau extract – APAC"?');
		expect(app.screen()).toContain('r enable and reset');
		app.press('escape');
		await app.waitFor(/^› {2}Tableau extract – APAC\s+Disabled/mu);

		await showOnly(app, 'Shopify connector');
		app.write('d');
		await app.waitFor('Type Shopify connector to confirm');
		app.write('y\r');
		await app.waitFor('Type "Shopify connector" exactly to confirm');
		app.press('escape');
		await app.waitFor('Cancelled: nothing was changed');
		expect(await serverSnapshot(server)).toEqual(before);
	});

	test('disable, upgrade, delete and duplicate show at once, pending, while the server still has the old token', async () => {
		await showOnly(app, 'Slack alerts webhook');
		app.write('ey');
		await app.waitFor(/^› ~Slack alerts webhook\s+Disabled/mu);
		expect(stored(server, 'Slack alerts webhook')?.State).toBe('Enabled');
		await app.waitFor(/^› {2}Slack alerts webhook\s+Disabled/mu);
		expect(stored(server, 'Slack alerts webhook')?.State).toBe('Disabled');

		await showOnly(app, 'Tableau extract – EMEA');
		app.write('u\r');
		await app.waitFor(/^› ~Tableau extract – EMEA\s+Enabled\s.*v16/mu);
		expect(stored(server, 'Tableau extract – EMEA')?.ApiVersion).toBe('15');
		await app.waitFor(/^› {2}Tableau extract – EMEA\s+Enabled\s.*v16/mu);
		expect(stored(server, 'Tableau extract – EMEA')?.ApiVersion).toBe('16');

		await showOnly(app, 'Looker BI export');
		app.write('dy');
		await app.waitFor('No token matches the filters');
		expect(stored(server, 'Looker BI export')).toBeDefined();
		await app.waitFor('Deleted "Looker BI export"');
		expect(stored(server, 'Looker BI export')).toBeUndefined();

		await showOnly(app, 'Snowflake loader');
		app.write('c');
		// The cursor may stay on the original or go to the new row: either way the copy is pending.
		await app.waitFor(/^[› ] ~Snowflake loader \(copy\)\s+Enabled/mu);
		expect(stored(server, 'Snowflake loader (copy)')).toBeUndefined();
		await app.waitFor('New credentials for "Snowflake loader (copy)"');
		expect(stored(server, 'Snowflake loader (copy)')).toBeDefined();

		const after = (await server.request('GET', '/AccessTokens?PageSize=1000')).json.AccessTokens as Array<{
			Name: string;
			State: string;
			ApiVersion: string;
		}>;
		const byName = (name: string) => after.find((token) => token.Name === name);
		expect(byName('Slack alerts webhook')?.State).toBe('Disabled');
		expect(byName('Tableau extract – EMEA')?.ApiVersion).toBe('16');
		expect(byName('Looker BI export')).toBeUndefined();
		expect(byName('Snowflake loader (copy)')?.State).toBe('Enabled');
	});

	test('reset shows the new auth token once, in a dialog, and that token works', async () => {
		await showOnly(app, 'Billing sync – staging');
		app.write('r');
		await app.waitFor('The old auth token stops working at once');
		app.write('y');
		await app.waitFor(/^› ~Billing sync – staging\s.*…····$/mu);
		const screen = await app.waitFor('only time the auth token is shown');
		const sid = /Account SID {2}(\S+)/u.exec(screen)?.[1];
		const secret = /Auth Token {3}(\S+)/u.exec(screen)?.[1];
		expect(sid).toMatch(/^IR/u);
		const works = await send('GET', `${server.url}/Agencies/${sid}/CompanyInformation`, {
			auth: [sid!, secret!],
		});
		expect(works.status).toBe(200);

		app.press('escape');
		await app.waitFor(/^› {2}Billing sync – staging\s/mu);
		expect(app.screen()).not.toContain(secret);
		expect(app.screen()).toContain(`…${secret!.slice(-4)}`);
	});
});

describe('against a server that fails every write', () => {
	let server: Server;
	beforeAll(async () => {
		server = await startServer({failRate: 1});
	});
	afterAll(async () => server?.close());

	test('disable, delete and duplicate come back as they were, with an error naming the token; the server is unchanged', async () => {
		const app = await openAppOn(server);
		const before = await serverSnapshot(server);
		await showOnly(app, 'Snowflake loader');
		const row = () => app.lines().find((line) => /^[› ][ *][ ~]Snowflake loader /u.test(line));
		const original = row();
		expect(original).toMatch(/^› {2}Snowflake loader\s+Enabled/u);

		app.write('ey');
		await app.waitFor(/^› ~Snowflake loader\s+Disabled/mu);
		await app.waitFor('Error: Could not disable "Snowflake loader": HTTP 503');
		expect(row()).toBe(original);

		app.write('dy');
		await app.waitFor('No token matches the filters');
		await app.waitFor('Error: Could not delete "Snowflake loader": HTTP 503');
		expect(row()).toBe(original);

		app.write('c');
		await app.waitFor('~Snowflake loader (copy)');
		await app.waitFor('Error: Could not duplicate "Snowflake loader": HTTP 503');
		expect(app.screen()).not.toContain('(copy)');
		expect(row()).toBe(original);

		expect(await serverSnapshot(server)).toEqual(before);
	});
});
