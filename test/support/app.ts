/**
 * The built app as the end-to-end tests start and drive it: in a real
 * pseudo-terminal (pty.ts), on an embedded sandbox or connected to a server
 * (server.ts), and handed over only once it is usable.
 *
 *   const server = await startTestServer();
 *   const app = await openAppOn(server, {authToken: 'demo-readonly'});
 *   app.write('d');
 *   await app.waitFor('read-only: your role (Read-Only) cannot change tokens');
 */
import {spawnApp, type TerminalOptions, type TerminalSession} from './pty.js';
import {accountSid} from './server.js';

/** A row of the seeded list: on screen once the first page is in. */
const seededRow = 'Billing sync – production';

export type OpenOptions = TerminalOptions & {
	/** What shows once the list is in; default a seeded token's name. */
	until?: string | RegExp;
};

/**
 * The app with `args`, once `until` and the whole list are on screen and the
 * terminal is in raw mode (keys typed before that are held back by the tty).
 * English whatever the machine's locale: the tests read the screen's words.
 */
export async function openApp(
	args: string[],
	{until = seededRow, ...terminal}: OpenOptions = {},
): Promise<TerminalSession> {
	const app = spawnApp(['--lang', 'en', ...args], terminal);
	await app.waitFor(until, {timeout: 15_000});
	await app.waitFor(/showing (\d+) of \1\b/u);
	await app.waitForRawMode();
	return app;
}

/** The flags that connect the app to the server at `url` as the operator whose auth token is `authToken`. */
export function connectArgs(url: string, authToken = 'demo-admin'): string[] {
	return ['--api-url', url, '--account-sid', accountSid, '--auth-token', authToken];
}

export type OpenOnOptions = OpenOptions & {
	/** Default `demo-admin`. */
	authToken?: string;
	/** More flags, after those that connect it. */
	args?: string[];
};

/** The app connected to `server` (demo-admin unless told), opened as `openApp` does. */
export async function openAppOn(
	server: {url: string},
	{authToken, args = [], ...options}: OpenOnOptions = {},
): Promise<TerminalSession> {
	return openApp([...connectArgs(server.url, authToken), ...args], options);
}

/** The list rows: the lines between the column header and the status line. */
export function rowLines(screen: string): string[] {
	const lines = screen.split('\n');
	const header = lines.findIndex((line) => line.includes('NAME') && line.includes('STATE'));
	const status = lines.findIndex((line) => /^(READ-ONLY · )?showing /u.test(line));
	return lines.slice(header + 1, status).filter((line) => line.trim() !== '');
}

/** `n`, again while the catalogues (versions, scopes, users) are still on their way. */
export async function openWizard(app: TerminalSession): Promise<void> {
	for (let attempt = 0; attempt < 50; attempt++) {
		app.write('n');
		await app.waitFor(/New access token|have not loaded yet/u);
		if (app.screen().includes('New access token')) return;
		await new Promise((resolve) => {
			setTimeout(resolve, 100);
		});
	}

	throw new Error(`The wizard did not open:\n${app.screen()}`);
}
