/**
 * The real binary pointed at a server with no auth token in the environment
 * or the flags: it asks at the terminal, hides what is typed, and opens the
 * list with the token; without a terminal it says which variable to set. A
 * token given as a flag still works, with a warning, and leaves `ps`.
 */
import {execFile} from 'node:child_process';
import {readFile} from 'node:fs/promises';
import {promisify} from 'node:util';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {closeAllTerminals, repoRoot, spawnApp, type TerminalSession} from '../support/pty.js';
import {accountSid, startTestServer, type TestServer} from '../support/server.js';

const execFileAsync = promisify(execFile);
/** The sandbox operator's token: the app never shows it, so finding it in the output is a leak. */
const token = 'demo-admin';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await closeAllTerminals();
	await server?.close();
});

/** No token anywhere but what the test types; the server's URL and account by flag. */
const noToken = {AGENCY_TOKENS_AUTH_TOKEN: undefined, AGENCY_TOKENS_API_URL: undefined};

async function ask(): Promise<TerminalSession> {
	const app = spawnApp(['--lang', 'en', '--api-url', server.url, '--account-sid', accountSid], {
		env: noToken,
	});
	await app.waitFor(`Auth token for ${accountSid} at ${server.url} (typing is hidden):`, {timeout: 15_000});
	await app.waitForRawMode();
	return app;
}

test('the app asks for the token, shows nothing of it, and opens the list with it', async () => {
	const app = await ask();
	app.write(`${token}x`);
	app.press('backspace');
	app.press('enter');
	await app.waitFor('Billing sync – production', {timeout: 15_000});
	await app.waitFor('Ada Lindqvist (Account Administrator)');
	await app.waitForRawMode();
	// The keys reach Ink after the prompt let go of the terminal.
	app.press('down');
	await app.waitFor(/^› {2}Billing sync – staging\s/mu);

	expect(app.output()).not.toContain(token);
	// Neither the command line nor the environment of the process holds it.
	const [commandLine, environment] = await Promise.all([
		readFile(`/proc/${app.pid}/cmdline`, 'utf8'),
		readFile(`/proc/${app.pid}/environ`, 'utf8'),
	]);
	expect(commandLine).not.toContain(token);
	expect(environment).not.toContain(token);
	app.write('q');
	expect(await app.exit).toEqual({exitCode: 0});
}, 60_000);

test('Ctrl-C at the prompt ends the app with 130', async () => {
	const app = await ask();
	app.write('demo');
	app.press('ctrl-c');
	expect(await app.exit).toEqual({exitCode: 130});
}, 30_000);

test('an empty answer says what to set and ends with 2', async () => {
	const app = await ask();
	app.press('enter');
	expect(await app.exit).toEqual({exitCode: 2});
	expect(app.screen()).toContain('no auth token given; type one, or set AGENCY_TOKENS_AUTH_TOKEN');
}, 30_000);

test('without a terminal the app names the variable and ends with 2', async () => {
	const run = execFileAsync(
		process.execPath,
		['dist/cli.js', '--api-url', server.url, '--account-sid', accountSid],
		{cwd: repoRoot, env: {...process.env, ...noToken}, timeout: 15_000},
	);
	await expect(run).rejects.toMatchObject({
		code: 2,
		stderr: expect.stringContaining(`no auth token for ${server.url}: set AGENCY_TOKENS_AUTH_TOKEN`),
	});
}, 30_000);

test('a token given as a flag works, is warned about, and leaves the command line once read', async () => {
	const app = spawnApp(
		['--lang', 'en', '--api-url', server.url, '--account-sid', accountSid, '--auth-token', token],
		{env: noToken},
	);
	await app.waitFor('Billing sync – production', {timeout: 15_000});
	await app.waitFor('The auth token was given as a flag, which other users can see in ps');
	const commandLine = await readFile(`/proc/${app.pid}/cmdline`, 'utf8');
	expect(commandLine).not.toContain(token);
	expect(commandLine).toMatch(/^agency-tokens\0/u);
}, 30_000);
