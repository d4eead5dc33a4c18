// Token names and descriptions come from other people. Served by a server that did not
// validate them (older data, another implementation), escape sequences, controls, bidi
// overrides and huge strings must reach the screen inert and on one line.
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {execFile, spawnSync} from 'node:child_process';
import {promisify} from 'node:util';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {connectArgs, openAppOn} from '../support/app.js';
import {closeAllTerminals, repoRoot, spawnApp} from '../support/pty.js';

const hostileNames = [
	'title\u001B]0;pwned\u0007change',
	'clear\u001B[2Jscreen',
	'clip\u001B]52;c;ZXZpbA==\u0007board',
	'bidi \u202Eexe.txt',
	'zero\u200Bwidth',
	'c1\u009Bcontrol',
	'lone \uD800 surrogate',
	'long ' + 'x'.repeat(10_000),
];

function token(name: string, index: number) {
	const at = new Date(Date.now() - (index + 1) * 3_600_000).toISOString();
	return {
		Id: `H${index}`,
		Name: name,
		Description: `desc \u001B[31mred\u001B[0m ${name}`,
		ApiVersion: '16',
		State: 'Enabled',
		Legacy: false,
		CreatedAt: at,
		UpdatedAt: at,
		LastUsedAt: null,
		PrimaryContact: 'U1',
		DeveloperEmails: [],
		Scopes: [],
		AccountSid: `IRH${index}`,
		AuthTokenHint: 'ab\u001B[2J',
		ReadOnly: null,
		Version: 1,
	};
}

/** A minimal token API serving the hostile tokens; everything it answers is what the contract allows. */
function hostileServer(): Server {
	const tokens = hostileNames.map(token);
	return createServer((request, response) => {
		const path = new URL(request.url ?? '/', 'http://x').pathname.replace('/Agencies/IRAgencyDemo1', '');
		const send = (body: unknown) => {
			response.writeHead(200, {'content-type': 'application/json'});
			response.end(JSON.stringify(body));
		};

		if (path === '/Operator')
			send({Name: 'Op\u001B]0;x\u0007', Role: 'Account Administrator', UserId: 'U1', CanWrite: true});
		else if (path === '/AccessTokens') {
			send({
				'@page': 1,
				'@numpages': 1,
				'@pagesize': 1000,
				'@total': tokens.length,
				'@start': 1,
				'@end': tokens.length,
				'@uri': '',
				'@firstpageuri': '',
				'@previouspageuri': '',
				'@nextpageuri': '',
				'@lastpageuri': '',
				AccessTokens: tokens,
			});
		} else if (path === '/ApiVersions')
			send({ApiVersions: [{Version: '16', ReleasedOn: '2025-06-02', Latest: true}]});
		else if (path === '/ApiScopes') send({ApiCategories: []});
		else if (path === '/Users') send({Users: [{Id: 'U1', Name: 'U\u202Eone', Email: 'u@example.com'}]});
		else if (path === '/LegacyTokens/Enable') send({Enabled: false});
		else {
			response.writeHead(404, {'content-type': 'application/json'});
			response.end('{"Status":"ERROR","Message":"not found"}');
		}
	});
}

const run = async (command: string, args: string[]) =>
	promisify(execFile)(command, args, {cwd: repoRoot, encoding: 'utf8', timeout: 15_000}).catch(
		(error: {stdout: string; stderr: string}) => error,
	);

let server: Server;
let url: string;

beforeAll(async () => {
	server = hostileServer();
	await new Promise<void>((resolve) => {
		server.listen(0, '127.0.0.1', resolve);
	});
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise((resolve) => {
		server.close(resolve);
	});
});

afterEach(async () => {
	await closeAllTerminals();
});

/** Connected to the hostile server, with all its tokens on screen. */
const openHostile = async () => openAppOn({url}, {until: /showing 8 of 8/u});

describe('names and descriptions from a server that did not validate them', () => {
	it('are drawn inert, one line each, without touching the title, the clipboard or the screen', async () => {
		const app = await openHostile();
		const lines = app.lines();
		// The layout holds: filter bar, header, the rows, then status, message and footer at the bottom.
		const header = lines.findIndex((line) => line.includes('NAME') && line.includes('STATE'));
		expect(header).toBe(2);
		expect(lines[20]).toMatch(/^showing 8 of 8/u);
		expect(lines[22]).toContain('q quit');
		for (const line of lines.slice(header + 1, header + 9)) {
			expect(line).toMatch(/^[› ] {2}\S/u);
			expect(line.length).toBeLessThanOrEqual(80);
		}

		expect(app.screen()).toContain('title\uFFFD');
		// Nothing the server sent as an escape sequence reached the terminal.
		const output = app.output();
		expect(output).not.toContain('\u001B]0;');
		expect(output).not.toContain('\u001B]52;');
		expect(output).not.toContain('\u202E');
		expect(output).not.toContain('\u001B[2J');
	});

	it('stay inert in the details pane too', async () => {
		const app = await openHostile();
		app.press('enter');
		await app.waitFor('Primary contact');
		expect(app.screen()).toContain('desc \uFFFD[31mred');
		expect(app.output()).not.toContain('\u001B]0;');
		expect(app.output()).not.toContain('\u001B[31mred');
	});
});

describe('terminals the app cannot use', () => {
	it('says plainly when the terminal is too small, and comes back when it grows', async () => {
		const app = spawnApp(['--lang', 'en', ...connectArgs(url)], {cols: 20, rows: 10});
		await app.waitFor(/too small/u, {timeout: 15_000});
		expect(app.screen()).toContain('need 60x15');
		app.resize(80, 24);
		await app.waitFor(/showing 8 of 8/u);
	});

	it('survives a resize storm, too small and back, and settles drawn once at the last size', async () => {
		const app = spawnApp(['--lang', 'en', ...connectArgs(url)], {cols: 80, rows: 24});
		await app.waitFor(/showing 8 of 8/u, {timeout: 15_000});
		const sizes: Array<[number, number]> = [
			[120, 40],
			[40, 12],
			[200, 50],
			[20, 10],
			[61, 15],
			[79, 23],
			[80, 24],
		];
		for (let round = 0; round < 6; round++) for (const [cols, rows] of sizes) app.resize(cols, rows);
		await app.waitForIdle(300);
		const lines = app.screen().split('\n');
		expect(lines[0]).toMatch(/^Search by name/u);
		expect(lines.filter((line) => line.includes('showing 8 of 8'))).toHaveLength(1);
		expect(lines.filter((line) => line.startsWith('Search by name'))).toHaveLength(1);
		app.write('?');
		await app.waitFor('press any key to close');
	});

	it('exits 2 with a message on TERM=dumb', () => {
		const result = spawnSync(process.execPath, ['dist/cli.js', '--lang', 'en', ...connectArgs(url)], {
			cwd: repoRoot,
			encoding: 'utf8',
			env: {...process.env, TERM: 'dumb'},
			timeout: 15_000,
		});
		expect(result.status).toBe(2);
		expect(result.stderr).toContain('TERM=dumb');
	});

	it('ends quietly when its output pipe closes (list | head)', async () => {
		// Not spawnSync: the fake server answers from this very process.
		const result = await run('bash', [
			'-c',
			`set -o pipefail; node dist/cli.js list --api-url ${url} --account-sid IRAgencyDemo1 --auth-token demo-admin | head -c 10`,
		]);
		expect(result.stdout).toHaveLength(10);
		expect(result.stderr).not.toMatch(/Error|at /u);
	});
});
