/**
 * The guided tour in the real binary, in a pseudo-terminal at 80x24: each
 * step moves on only after the app (and, for the reset, the server) shows
 * that the action happened.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {loadTour} from '../../source/app/tour-file.js';
import {connectArgs, openApp, openWizard} from '../support/app.js';
import {closeAllTerminals, type TerminalSession} from '../support/pty.js';
import {startTestServer, tokenNamed, type TestServer} from '../support/server.js';

const steps = loadTour().steps;

/** What the box's rule says while the step with this id is on. */
function at(id: string): string {
	const index = steps.findIndex((step) => step.id === id);
	if (index < 0) throw new Error(`fixtures/tour.json has no step "${id}"`);
	return `Guided tour · step ${index + 1} of ${steps.length}`;
}

let dataDir: string;
let server: TestServer | undefined;

beforeEach(() => {
	dataDir = mkdtempSync(path.join(tmpdir(), 'agency-tokens-tour-'));
});

afterEach(async () => {
	await closeAllTerminals();
	await server?.close();
	server = undefined;
	rmSync(dataDir, {recursive: true, force: true});
});

/** The app with the tour on, once the list is in and the tour's first step shows. */
async function openTour(args: string[]): Promise<TerminalSession> {
	const app = await openApp([...args, '--tour']);
	await app.waitFor(at('search'));
	return app;
}

/** The frame stays one line shorter than the terminal with the box on: Ink never clears the screen. */
function expectFrameFits(app: TerminalSession): void {
	expect(app.lines()).toHaveLength(24);
	expect(app.lines().at(-1)).toBe('');
	expect(app.lines().every((line) => line.length <= 80)).toBe(true);
}

/** `/billing⏎ t s x`: the four filter steps, each checked before the next key. */
async function filterSteps(app: TerminalSession): Promise<void> {
	app.write('/billing\r');
	await app.waitFor(at('created-on'));
	app.write('t');
	await app.waitFor(at('state'));
	app.write('s');
	await app.waitFor(at('clear'));
	app.write('x');
	await app.waitFor(at('open'));
}

describe('the guided tour in a real terminal', () => {
	it('names the key to press, the step count and how to leave, and moves on only when the action happened', async () => {
		const app = await openTour(['--data', dataDir]);
		const box = app.screen();
		expect(box).toContain('Esc in the list leaves the tour');
		expect(box).toContain('Next: [/] [billing] [Enter]');
		expectFrameFits(app);

		// Other keys do other things, and the tour waits.
		app.write('o');
		await app.waitFor('Sort (o): name');
		expect(app.screen()).toContain(at('search'));
		app.write('/bill');
		await app.waitFor('Search by name (/): bill');
		expect(app.screen()).toContain(at('search'));
		// Typed, but not kept yet: still the same step.
		app.write('ing');
		await app.waitFor('Search by name (/): billing');
		expect(app.screen()).toContain(at('search'));
		app.press('enter');
		await app.waitFor(at('created-on'));
		expect(app.screen()).toContain('✓ Searched by name');
		app.write('t');
		await app.waitFor(at('state'));
		app.write('s');
		await app.waitFor(at('clear'));
		// Not every filter cleared yet: the step stays.
		app.write('s');
		await app.waitFor('State (s): disabled');
		expect(app.screen()).toContain(at('clear'));
		app.write('x');
		await app.waitFor(at('open'));
		app.press('enter');
		await app.waitFor(at('duplicate'));
		expectFrameFits(app);
	});

	it('does not count a duplicate the server refused', async () => {
		const app = await openTour(['--data', dataDir, '--fail-rate', '1']);
		await filterSteps(app);
		app.press('enter');
		await app.waitFor(at('duplicate'));
		app.write('c');
		await app.waitFor('Could not duplicate', {timeout: 20_000});
		await app.waitFor(/showing (\d+) of \1\b/u);
		expect(app.screen()).toContain(at('duplicate'));
	}, 40_000);

	it('leaves with Esc in the list, never from a dialog or the search, and the app carries on', async () => {
		const app = await openTour(['--data', dataDir]);
		app.write('/bil');
		await app.waitFor('Enter keeps · Esc clears');
		app.press('escape');
		await app.waitFor('Search by name (/): all');
		app.write('?');
		await app.waitFor('press any key to close');
		app.press('escape');
		await app.waitFor(at('search'));
		app.press('escape');
		await app.waitFor('Left the tour');
		expect(app.screen()).not.toContain('Guided tour');
		app.write('s');
		await app.waitFor('State (s): enabled');
		app.write('T');
		await app.waitFor(at('search'));
	});

	it('walks through duplicate, reset (the old secret refused by the server), disable, delete and the wizard', async () => {
		server = await startTestServer();
		const app = await openTour(connectArgs(server.url));
		await filterSteps(app);
		app.press('enter');
		await app.waitFor(at('duplicate'));

		app.write('c');
		await app.waitFor(at('open-copy'));
		const copyName = 'Billing sync – production (copy)';
		await app.waitFor(`New credentials for "${copyName}"`);
		const copy = await tokenNamed(server, copyName);

		app.press('enter');
		app.write('g');
		await app.waitFor(new RegExp(`^› {2}Billing sync – production \\(c`, 'mu'));
		app.press('enter');
		await app.waitFor(at('reveal'));
		expectFrameFits(app);

		app.write('v');
		await app.waitFor(at('reset'));
		expect(app.screen()).toContain('✓ The auth token works (server: HTTP 200)');
		const oldSecret = /Auth token\s+(\S{20,})/u.exec(app.screen())?.[1];
		expect(oldSecret).toBeDefined();

		app.write('r');
		await app.waitFor('Reset the auth token');
		app.write('y');
		await app.waitFor(at('disable'));
		expect(app.screen()).toContain('✓ The old auth token no longer works (server: HTTP 401)');
		// The server agrees, asked here and not by the app.
		const probe = await server.request('GET', `/Agencies/${copy.AccountSid}/CompanyInformation`, {
			auth: [copy.AccountSid, oldSecret!],
		});
		expect(probe.status).toBe(401);

		app.press('enter');
		app.write('e');
		await app.waitFor(`Disable "${copyName}"?`);
		app.write('y');
		await app.waitFor(at('delete'));
		expect((await tokenNamed(server, copyName)).State).toBe('Disabled');

		app.write('d');
		await app.waitFor(`Delete "${copyName}"?`);
		app.write('y');
		await app.waitFor(at('create'));
		const left = await server.request('GET', `/AccessTokens/${copy.Id}`);
		expect(left.status).toBe(404);

		await openWizard(app);
		app.write('Tour token\r');
		await app.waitFor('Description');
		app.write('\r\r');
		await app.waitFor('[2 Contact]');
		app.write('\r\r');
		await app.waitFor('[3 Scopes]');
		app.write(' \r');
		await app.waitFor('[4 Review]');
		app.write('\r');
		await app.waitFor('Guided tour · complete', {timeout: 15_000});
		expect(app.screen()).toContain('✓ The server created your token');
		await tokenNamed(server, 'Tour token');
		await app.waitFor('New credentials for "Tour token"');
		app.press('enter');
		await app.waitFor('NAME');
		const before = app.screen();
		app.press('escape');
		expect(await app.waitForChange(before)).not.toContain('Guided tour');
	}, 90_000);
});
