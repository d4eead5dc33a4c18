/**
 * Legacy tokens, credentials and roles end to end: the built app in a real
 * 80x24 pseudo-terminal against the real server on an ephemeral port, checked
 * on the screen the operator sees and on the server itself.
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {osc52} from '../../source/ui/clipboard.js';
import {legacy, seedTokens} from '../server/fixture-facts.js';
import {connectArgs, openAppOn, rowLines} from '../support/app.js';
import {closeAllTerminals, spawnApp, type TerminalSession} from '../support/pty.js';
import {startTestServer, type TestServer} from '../support/server.js';

let server: TestServer;

beforeEach(async () => {
	server = await startTestServer();
});

afterEach(async () => {
	await closeAllTerminals();
	await server.close();
});

/** As over SSH: the app tries no local clipboard. */
const overSsh = {
	SSH_CONNECTION: '203.0.113.7 52344 198.51.100.2 22',
	DISPLAY: undefined,
	WAYLAND_DISPLAY: undefined,
};

/** Connected to the test server as `authToken`, with the whole list on screen and the keyboard live. */
async function open(authToken: string, args: string[] = []): Promise<TerminalSession> {
	// Not a seeded name: tokens created first may fill the screen.
	const app = await openAppOn(server, {authToken, args, env: overSsh, until: /showing (\d+) of \1\b/u});
	// Loaded, not merely started: the status line says when (it may be cut to "refreshe…" at 80 columns).
	await app.waitFor(/ · refreshe/u);
	return app;
}

const statusLine = (screen: string) => screen.split('\n').find((line) => line.includes('showing ')) ?? '';

/** What the server holds: the tokens' names and states, the legacy switch, the audit log's length. */
async function serverSnapshot() {
	const list = await server.request('GET', '/AccessTokens?PageSize=1000');
	return {
		tokens: (list.json.AccessTokens as Array<{Name: string; State: string}>).map(({Name, State}) => [
			Name,
			State,
		]),
		legacy: (await server.request('GET', '/LegacyTokens/Enable')).json.Enabled as boolean,
		audited: (await server.request('GET', '/AuditLog')).json['@total'] as number,
	};
}

describe('legacy tokens', () => {
	it('l offers to enable them, y turns the switch on and the legacy rows appear marked "legacy"', async () => {
		const app = await open('demo-admin');
		expect(app.screen()).not.toMatch(/ legacy /u);
		app.write('l');
		await app.waitFor('Enable legacy tokens for this account?');
		expect(app.screen()).toContain('Read-Only pair');
		app.write('y');
		await app.waitFor('Legacy tokens are enabled');
		expect((await server.request('GET', '/LegacyTokens/Enable')).json).toEqual({Enabled: true});

		// Search for the legacy rows among the rest: one per seeded legacy token named "Legacy – …".
		const named = seedTokens.filter((token) => token.Name.startsWith('Legacy – '));
		expect(named.every((token) => token.Legacy)).toBe(true);
		app.write('/legacy –\r');
		await app.waitFor('Search by name (/): legacy –');
		const rows = rowLines(await app.waitFor(new RegExp(`showing ${named.length} of \\d+`, 'u')));
		expect(rows).toHaveLength(named.length);
		for (const row of rows) expect(row).toMatch(/^.{3}Legacy – .* legacy /u);

		app.write('l');
		await app.waitFor(`Legacy tokens are on for this account: ${legacy.length} in the list`);
		expect(app.screen()).not.toContain('Enable legacy tokens for this account?');
	});
});

describe('read-only mode', () => {
	it('with demo-readonly: READ-ONLY in the status line, d says why and opens no dialog, the server is unchanged', async () => {
		const before = await serverSnapshot();
		const app = await open('demo-readonly');
		expect(statusLine(app.screen())).toMatch(/^READ-ONLY · showing/u);
		expect(app.screen()).toContain('Chloé Martin (Read-Only)');
		app.write('d');
		await app.waitFor('read-only: your role (Read-Only) cannot change tokens');
		expect(app.screen()).not.toMatch(/Delete ".*"\?/u);
		// The other action keys, then `?`: the help opens only if none of them opened a dialog.
		app.write('crue?');
		await app.waitFor('press any key to close');
		app.write('j');
		await app.waitFor('read-only: your role (Read-Only) cannot change tokens');
		expect(rowLines(app.screen()).length).toBeGreaterThan(0);
		expect(await serverSnapshot()).toEqual(before);
	});

	it('with --readonly as demo-admin: the same, and the message says the flag did it', async () => {
		const before = await serverSnapshot();
		const app = await open('demo-admin', ['--readonly']);
		expect(statusLine(app.screen())).toMatch(/^READ-ONLY · showing/u);
		// The role itself may be cut off at 80 columns: the name says whose session it is.
		expect(statusLine(app.screen())).toContain('Ada Lindqvist (Account Admi');
		app.write('d');
		await app.waitFor('read-only: started with --readonly');
		expect(app.screen()).not.toMatch(/Delete ".*"\?/u);
		app.write('lcrue?');
		await app.waitFor('press any key to close');
		expect(await serverSnapshot()).toEqual(before);
	});
});

describe('a role that may not manage tokens', () => {
	it('demo-analyst sees one screen naming the roles that may, and the app exits with status 3', async () => {
		const app = spawnApp(connectArgs(server.url, 'demo-analyst'), {env: overSsh});
		const screen = await app.waitFor('Your role (Analyst) cannot manage API access tokens.', {
			timeout: 15_000,
		});
		expect(screen.replaceAll(/\s+/gu, ' ')).toContain('Account Administrator, Implementation Specialist');
		expect(screen).not.toContain('NAME');
		await expect(app.exit).resolves.toMatchObject({exitCode: 3});
	});
});

describe("a token's credentials in its details", () => {
	/** Opens the first token's details; returns its Id as the pane shows it. */
	async function openDetails(app: TerminalSession): Promise<string> {
		app.press('enter');
		const screen = await app.waitFor(/^Id +\S+/mu);
		return /^Id +(\S+)/mu.exec(screen)![1]!;
	}

	async function credentialsOf(id: string): Promise<{AccountSid: string; AuthToken: string}> {
		return (await server.request('GET', `/AccessTokens/${id}/Credentials`)).json.ReadWrite;
	}

	it('v shows the full auth token (audited), Esc hides it', async () => {
		const app = await open('demo-admin');
		const id = await openDetails(app);
		expect(app.screen()).toContain('only the last 4 characters are shown');
		app.write('v');
		await app.waitFor('(v hides it');
		const [reveal] = (await server.request('GET', '/AuditLog?PageSize=1')).json.AuditEntries;
		expect(reveal).toMatchObject({Action: 'Reveal', TokenId: id, Actor: 'Ada Lindqvist'});
		const {AuthToken} = await credentialsOf(id);
		const line = app.lines().find((candidate) => candidate.startsWith('Auth token'));
		expect(line).toMatch(/^Auth token +\S+ \(v hides it/u);
		expect(line).toContain(`${AuthToken} (v hides it`);

		app.press('escape');
		await app.waitFor('STATE');
		expect(app.screen()).not.toContain(AuthToken);
		await openDetails(app);
		expect(app.screen()).toContain('only the last 4 characters are shown');
		expect(app.screen()).not.toContain(AuthToken);
	});

	it('y writes the auth token to the terminal as OSC 52 and says so, without showing it', async () => {
		const app = await open('demo-admin');
		const id = await openDetails(app);
		app.write('y');
		await app.waitFor(/Auth token of ".+" sent to the clipboard with OSC 52/u);
		const {AuthToken} = await credentialsOf(id);
		expect(app.output()).toContain(osc52(AuthToken));
		expect(app.screen()).not.toContain(AuthToken);
	});
});

describe('the audit log', () => {
	/** "Audited 20", "Audited 19", … down to "Audited <to>". */
	const names = (from: number, to: number) =>
		Array.from({length: from - to + 1}, (_, index) => `Audited ${String(from - index).padStart(2, '0')}`);

	it('A lists who did what to which token, a whole page at a time, PgDn and PgUp page, Esc goes back', async () => {
		for (let index = 1; index <= 20; index++) {
			await server.request('POST', '/AccessTokens', {
				body: {Name: `Audited ${String(index).padStart(2, '0')}`, Scopes: ['reports.reports.get']},
				auth: index % 2 === 0 ? 'demo-specialist' : 'demo-admin',
			});
		}

		const app = await open('demo-admin');
		app.write('A');
		const pageSize = app.rows - 1 - 6 - 1; // The list's height less one: 16 at 80x24.
		const first = await app.waitFor(/Audit log · page 1 of 2 · 20 entries$/mu);
		expect(first).toMatch(/^.+ Ravi Menon +Create +Audited 20$/mu);
		expect(first).toMatch(/^.+ Ada Lindqvist +Create +Audited 19$/mu);
		// Every entry of the page is on screen, down to its last.
		for (const name of names(20, 21 - pageSize)) expect(first).toContain(name);
		expect(first).not.toContain(names(20 - pageSize, 20 - pageSize)[0]);

		app.press('pagedown');
		// The title names the page at once; the entries follow (" · loading…" until then).
		const second = await app.waitFor(/Audit log · page 2 of 2 · 20 entries$/mu);
		for (const name of names(20 - pageSize, 1)) expect(second).toContain(name);
		expect(second).not.toContain('Audited 20');

		app.press('pageup');
		await app.waitFor(/Audit log · page 1 of 2 · 20 entries$/mu);
		expect(app.screen()).toContain('Audited 20');
		app.press('escape');
		await app.waitFor('STATE');
		expect(app.screen()).not.toContain('Audit log');
	});
});
