import {spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {openApp, rowLines} from '../support/app.js';
import {closeAllTerminals, repoRoot, type TerminalSession} from '../support/pty.js';

let dataDir: string;

beforeEach(() => {
	dataDir = mkdtempSync(path.join(tmpdir(), 'agency-tokens-e2e-'));
});

afterEach(async () => {
	await closeAllTerminals();
	rmSync(dataDir, {recursive: true, force: true});
});

/** The app on a fresh embedded sandbox at 80x24, once the list is on screen. */
async function openSandbox(): Promise<TerminalSession> {
	return openApp(['--data', dataDir]);
}

describe('the token list in a real terminal', () => {
	it('shows the filter bar, the tokens, the status line and the footer at 80x24', async () => {
		const app = await openSandbox();
		const screen = app.screen();
		expect(screen).toContain('Search by name (/): all');
		expect(screen).toContain('Created on (t): any');
		expect(screen).toContain('State (s): any');
		expect(screen).toMatch(/Enabled|Disabled/u);
		expect(screen).toContain('Account Administrator');
		expect(screen).toContain('? help');
		expect(app.lines().every((line) => line.length <= 80)).toBe(true);
		// One line shorter than the terminal, so Ink never clears the screen.
		expect(app.lines().at(-1)).toBe('');
	});

	it('filters live while typing a search, keeps it on Enter and clears it on Esc', async () => {
		const app = await openSandbox();
		app.write('/');
		await app.waitFor('Enter keeps · Esc clears');
		app.write('billing');
		await app.waitFor(/showing 2 of \d+/u);
		expect(rowLines(app.screen()).map((line) => line.slice(3, 30).trim())).toEqual([
			'Billing sync – production',
			'Billing sync – staging',
		]);
		app.press('enter');
		await app.waitFor('? help');
		expect(app.screen()).toContain('Search by name (/): billing');
		app.write('/');
		await app.waitFor('Enter keeps · Esc clears');
		app.press('escape');
		await app.waitFor('Search by name (/): all');
		await app.waitFor(/showing (\d+) of \1\b/u);
	});

	it('takes a search typed faster than a frame, in one chunk, as typed', async () => {
		const app = await openSandbox();
		app.write('/billing sync – st\r');
		await app.waitFor(/showing 1 of \d+/u);
		expect(app.screen()).toContain('Search by name (/): billing sync – st');
		expect(rowLines(app.screen())[0]).toContain('Billing sync – staging');
	});

	it('finds CJK names, case-insensitively for the rest', async () => {
		const app = await openSandbox();
		app.write('/结算');
		await app.waitFor('Search by name (/): 结算');
		expect(app.screen()).toMatch(/showing 1 of \d+/u);
		expect(rowLines(app.screen())[0]).toContain('结算同步');
		app.press('escape');
		app.write('/SHOPIFY');
		await app.waitFor('Search by name (/): SHOPIFY');
		expect(app.screen()).toMatch(/showing 1 of \d+/u);
		expect(rowLines(app.screen())[0]).toContain('Shopify connector');
	});

	it('cycles the state and created-on filters and clears them all with x', async () => {
		const app = await openSandbox();
		app.write('s');
		await app.waitFor('State (s): enabled');
		expect(rowLines(app.screen()).every((line) => line.includes('Enabled'))).toBe(true);
		app.write('s');
		await app.waitFor('State (s): disabled');
		expect(rowLines(app.screen()).every((line) => line.includes('Disabled'))).toBe(true);
		app.write('t');
		await app.waitFor('Created on (t): last 7 days');
		app.write('x');
		await app.waitFor('State (s): any');
		expect(app.screen()).toContain('Created on (t): any');
		await app.waitFor(/showing (\d+) of \1\b/u);
	});

	it('moves the cursor and opens a token read-only with Enter, back with Esc', async () => {
		const app = await openSandbox();
		const first = rowLines(app.screen())[0]!;
		expect(first.startsWith('›')).toBe(true);
		app.press('down');
		await app.waitFor(/^› {2}Billing sync – staging/mu);
		expect(rowLines(app.screen())[0]!.startsWith('›')).toBe(false);
		app.press('enter');
		await app.waitFor('Primary contact');
		expect(app.screen()).toContain('Billing sync – staging');
		expect(app.screen()).toContain('only the last 4 characters are shown');
		app.press('escape');
		await app.waitFor('STATE');
	});

	it('shows the help generated from the keymap, and any key closes it', async () => {
		const app = await openSandbox();
		app.write('?');
		await app.waitFor('press any key to close');
		// The overlay redraws the whole screen; its first lines can be on screen before its last.
		const help = await app.waitForIdle();
		for (const text of [
			'search by name',
			'clear all filters',
			'refresh from server',
			'reset auth token',
			'audit log',
			'quit',
		]) {
			expect(help).toContain(text);
		}

		app.write('j');
		await app.waitFor('Search by name (/)');
	});

	it('quits with q, exit status 0', async () => {
		const app = await openSandbox();
		app.write('q');
		await expect(app.exit).resolves.toMatchObject({exitCode: 0});
	});
});

describe('starting the app', () => {
	it('exits 2 pointing at --help when stdin is not a terminal', () => {
		const result = spawnSync(process.execPath, ['dist/cli.js', '--data', dataDir], {
			cwd: repoRoot,
			encoding: 'utf8',
			input: '',
			timeout: 15_000,
		});
		expect(result.status).toBe(2);
		expect(result.stderr).toContain('--help');
		expect(result.stderr).not.toContain('    at ');
	});

	it('runs the sandbox server on a thread that yields the CPU to the app', async () => {
		const app = await openSandbox();
		// A thread's niceness is the 19th field of its stat line (the 17th after the parenthesised name).
		const niceness = (thread: string) =>
			Number(readFileSync(`/proc/${app.pid}/task/${thread}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
		const threads = readdirSync(`/proc/${app.pid}/task`);
		expect(threads.filter((thread) => niceness(thread) === 10)).toHaveLength(1);
		expect(niceness(String(app.pid))).toBeLessThan(10);
	});

	it('prints its usage with --help', () => {
		const result = spawnSync(process.execPath, ['dist/cli.js', '--help'], {cwd: repoRoot, encoding: 'utf8'});
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('--api-url URL');
	});
});
