// End-to-end harness: runs a program in a real pseudo-terminal (node-pty) and keeps a headless
// xterm of the same size in step with its output, so tests read the screen an operator sees.
//
//   const app = spawnApp(['--sandbox'], {cols: 80, rows: 24});
//   await app.waitFor('Access tokens');
//   app.press('down');
//   await app.waitFor(/› billing/);
//   expect(app.screen()).toContain('enabled');
//   ...
//   afterEach(closeAllTerminals);
import {execFile} from 'node:child_process';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {spawn} from '@lydell/node-pty';
import type {IPty} from '@lydell/node-pty';
import {keys} from './ink.js';
import {createHeadlessTerminal, screenLines, screenText, writeToTerminal} from './terminal.js';

const execFileAsync = promisify(execFile);

/** The repository root (dist/cli.js is resolved from here). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export type TerminalOptions = {
	/** Columns; default 80. */
	cols?: number;
	/** Rows; default 24. */
	rows?: number;
	/**
	 * Added to the inherited environment; `undefined` removes a variable. CI and
	 * CONTINUOUS_INTEGRATION are always removed unless set here, TERM defaults to
	 * xterm-256color, and XDG_CACHE_HOME to a directory of the tests' own.
	 */
	env?: Record<string, string | undefined>;
	/** Working directory; default the repository root. */
	cwd?: string;
};

export type WaitOptions = {
	/** Milliseconds before giving up; default 10000 (CI machines are slow to start Node). */
	timeout?: number;
	/** Milliseconds between polls of the screen; default 10. */
	interval?: number;
};

export type ExitStatus = {exitCode: number; signal?: number};

const ctrlLetters = [...'abcdefghijklmnopqrstuvwxyz'] as const;
type Letter =
	| 'a'
	| 'b'
	| 'c'
	| 'd'
	| 'e'
	| 'f'
	| 'g'
	| 'h'
	| 'i'
	| 'j'
	| 'k'
	| 'l'
	| 'm'
	| 'n'
	| 'o'
	| 'p'
	| 'q'
	| 'r'
	| 's'
	| 't'
	| 'u'
	| 'v'
	| 'w'
	| 'x'
	| 'y'
	| 'z';
type CtrlKey = `ctrl-${Letter}`;

/** Named keys for `press`, as an xterm sends them. */
export const ptyKeys = {
	enter: keys.enter,
	escape: keys.escape,
	up: keys.up,
	down: keys.down,
	left: keys.left,
	right: keys.right,
	home: keys.home,
	end: keys.end,
	pageup: keys.pageUp,
	pagedown: keys.pageDown,
	tab: keys.tab,
	'shift-tab': keys.shiftTab,
	backspace: keys.backspace,
	delete: keys.delete,
	space: keys.space,
	...(Object.fromEntries(
		ctrlLetters.map((letter) => [`ctrl-${letter}`, String.fromCharCode(letter.charCodeAt(0) - 96)]),
	) as Record<CtrlKey, string>),
} as const;

export type PtyKey = keyof typeof ptyKeys;

export type TerminalSession = {
	/** The visible rows joined with \n: trailing spaces and trailing blank rows dropped. */
	screen(): string;
	/** Every visible row (always `rows` of them), trailing spaces dropped. */
	lines(): string[];
	/** The cursor's position on the screen, 0-based. */
	cursor(): {x: number; y: number};
	/** Waits until the screen contains `text` (or matches the RegExp); the error shows the screen. */
	waitFor(expected: string | RegExp, options?: WaitOptions): Promise<string>;
	/** Waits until the screen differs from `previousScreen` (default: the screen now); returns it. */
	waitForChange(previousScreen?: string, options?: WaitOptions): Promise<string>;
	/**
	 * Waits until the program has written something and then nothing for `quietMs` (default 100),
	 * or has exited; returns the screen. For "the render has settled" and benchmarks.
	 */
	waitForIdle(quietMs?: number, options?: WaitOptions): Promise<string>;
	/**
	 * Waits until the program has put the terminal in raw mode (no canonical input, no echo), as
	 * Ink does once an input handler is mounted. Keys written before that are echoed and held
	 * back by the tty's line editing (Enter arrives as \n), so wait for this before typing fast.
	 */
	waitForRawMode(options?: WaitOptions): Promise<void>;
	/** Sends raw input, exactly as typed or pasted. */
	write(data: string): void;
	/** Sends a named key, `times` times in one write (default once). */
	press(key: PtyKey, times?: number): void;
	/** Resizes the pty (the program gets SIGWINCH) and the headless screen together. */
	resize(cols: number, rows: number): void;
	readonly cols: number;
	readonly rows: number;
	/** Bytes the program has written to the terminal so far. */
	readonly bytesWritten: number;
	/**
	 * Everything the program has written to the terminal so far, as it was written: escape
	 * sequences the screen does not show (OSC 52 clipboard writes, titles) included.
	 */
	output(): string;
	/** Whether the program has exited. */
	readonly exited: boolean;
	/** Settles when the program exits and its last output is on the screen. */
	readonly exit: Promise<ExitStatus>;
	/** Sends `signal` (default SIGHUP, as closing a terminal does); does not wait. */
	kill(signal?: string): void;
	/** Ends the program (SIGHUP, then SIGKILL after `graceMs`) and releases the terminal. */
	close(graceMs?: number): Promise<ExitStatus>;
	/** The process id, for diagnostics. */
	readonly pid: number;
};

const sessions = new Set<TerminalSession>();

const sleep = (ms: number) =>
	new Promise<void>((resolve) => {
		setTimeout(resolve, ms);
	});

const testCacheHome = path.join(tmpdir(), 'agency-tokens-test-cache');

/** Ink's synchronized update (mode 2026) around each frame it writes to a terminal. */
const beginFrame = '\u001B[?2026h';
const endFrame = '\u001B[?2026l';

function environment(overrides: Record<string, string | undefined> = {}): Record<string, string> {
	const merged: Record<string, string | undefined> = {
		...process.env,
		TERM: 'xterm-256color',
		// The app's code caches (source/app/code-cache.ts) go to the tests' own directory, not the user's.
		XDG_CACHE_HOME: testCacheHome,
	};
	// Ink (via is-in-ci) writes nothing until unmount when either is set, and CI sets CI=true.
	delete merged['CI'];
	delete merged['CONTINUOUS_INTEGRATION'];
	Object.assign(merged, overrides);
	return Object.fromEntries(
		Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined),
	);
}

function formatScreen(lines: string[], cols: number): string {
	const shown = [...lines];
	while (shown.length > 0 && shown.at(-1) === '') {
		shown.pop();
	}

	const rule = '─'.repeat(Math.min(cols, 80));
	const blank = lines.length - shown.length;
	return [
		`┌${rule}`,
		...shown.map((line) => `│${line}`),
		`└${rule}${blank > 0 ? ` (+${blank} blank rows)` : ''}`,
	].join('\n');
}

/** Runs `command` in a pseudo-terminal of `cols`x`rows` (default 80x24) with a headless screen. */
export function spawnTerminal(
	command: string,
	args: string[] = [],
	options: TerminalOptions = {},
): TerminalSession {
	let cols = options.cols ?? 80;
	let rows = options.rows ?? 24;
	const terminal = createHeadlessTerminal(cols, rows);
	const env = environment(options.env);
	const child: IPty = spawn(command, args, {
		// node-pty sets TERM from `name`, so the caller's TERM has to go through it.
		name: env['TERM'] ?? 'xterm-256color',
		cols,
		rows,
		cwd: options.cwd ?? repoRoot,
		env,
	});

	let bytesWritten = 0;
	const written: string[] = [];
	let lastOutputAt = Date.now();
	let exitStatus: ExitStatus | undefined;
	let parsed: Promise<void> = Promise.resolve();
	// Whether what is parsed ends inside a frame that Ink wraps in a synchronized update: the pty
	// can hand over a frame in parts, and a screen read between them holds half of it.
	let inFrame = false;
	let markerTail = '';
	const dataSubscription = child.onData((data) => {
		bytesWritten += Buffer.byteLength(data);
		written.push(data);
		lastOutputAt = Date.now();
		parsed = parsed.then(async () => {
			await writeToTerminal(terminal, data);
			const text = markerTail + data;
			const begin = text.lastIndexOf(beginFrame);
			const end = text.lastIndexOf(endFrame);
			if (begin !== end) inFrame = begin > end;
			markerTail = text.slice(-(beginFrame.length - 1));
		});
	});

	const exit = new Promise<ExitStatus>((resolve) => {
		child.onExit(({exitCode, signal}) => {
			// node-pty can report the exit before the last output: let it arrive, then parse it.
			void sleep(30)
				.then(() => parsed)
				.then(() => {
					exitStatus = signal ? {exitCode, signal} : {exitCode};
					resolve(exitStatus);
				});
		});
	});

	const shorten = (text: string) => {
		const oneLine = text.replaceAll(/\s+/g, ' ').trim();
		return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
	};

	const describe = () =>
		`${[command, ...args].map(shorten).join(' ')} (pid ${child.pid}, ${cols}x${rows}${exitStatus ? `, exited with ${JSON.stringify(exitStatus)}` : ''})`;

	async function poll(
		check: () => boolean | Promise<boolean>,
		what: string,
		{timeout = 10_000, interval = 10}: WaitOptions = {},
	) {
		const deadline = Date.now() + timeout;
		for (;;) {
			await parsed;
			// A screen is read whole: never between the parts of one frame.
			if (!inFrame && (await check())) {
				return;
			}

			if (exitStatus || Date.now() >= deadline) {
				const reason = exitStatus ? 'the program exited first' : `timed out after ${timeout}ms`;
				throw new Error(
					`Waiting for ${what}: ${reason}.\n${describe()}\nScreen:\n${formatScreen(screenLines(terminal), cols)}`,
				);
			}

			await sleep(interval);
		}
	}

	// The slave side of the pty (/dev/pts/N), whose line settings stty can read.
	const ptsName = (child as IPty & {ptsName?: string}).ptsName;
	async function inRawMode(): Promise<boolean> {
		if (!ptsName) {
			throw new Error('waitForRawMode: node-pty did not report the pty device name');
		}

		try {
			const flag = process.platform === 'darwin' ? '-f' : '-F';
			const {stdout} = await execFileAsync('stty', ['-a', flag, ptsName]);
			return /(^|\s)-icanon(\s|;|$)/.test(stdout) && /(^|\s)-echo(\s|;|$)/.test(stdout);
		} catch {
			return false; // The program has just exited and the pty is gone: poll reports it.
		}
	}

	const session: TerminalSession = {
		screen: () => screenText(terminal),
		lines: () => screenLines(terminal),
		cursor: () => ({x: terminal.buffer.active.cursorX, y: terminal.buffer.active.cursorY}),
		async waitFor(expected, waitOptions) {
			const matches = () => {
				const screen = screenText(terminal);
				return typeof expected === 'string' ? screen.includes(expected) : expected.test(screen);
			};

			await poll(
				matches,
				typeof expected === 'string' ? JSON.stringify(expected) : String(expected),
				waitOptions,
			);
			return screenText(terminal);
		},
		async waitForChange(previousScreen = screenText(terminal), waitOptions) {
			await poll(() => screenText(terminal) !== previousScreen, 'the screen to change', waitOptions);
			return screenText(terminal);
		},
		async waitForIdle(quietMs = 100, waitOptions) {
			// A program that has exited writes nothing more: that is idle too.
			await poll(
				() => exitStatus !== undefined || (bytesWritten > 0 && Date.now() - lastOutputAt >= quietMs),
				`${quietMs}ms without output`,
				waitOptions,
			);
			return screenText(terminal);
		},
		async waitForRawMode(waitOptions) {
			await poll(inRawMode, 'the terminal to be in raw mode', {interval: 25, ...waitOptions});
		},
		write(data) {
			if (!exitStatus) {
				child.write(data);
			}
		},
		press(key, times = 1) {
			const sequence = ptyKeys[key];
			if (sequence === undefined) {
				throw new Error(`Unknown key ${JSON.stringify(key)}; known keys: ${Object.keys(ptyKeys).join(', ')}`);
			}

			session.write(sequence.repeat(times));
		},
		resize(newCols, newRows) {
			cols = newCols;
			rows = newRows;
			terminal.resize(newCols, newRows);
			if (!exitStatus) {
				child.resize(newCols, newRows);
			}
		},
		get cols() {
			return cols;
		},
		get rows() {
			return rows;
		},
		get bytesWritten() {
			return bytesWritten;
		},
		output: () => written.join(''),
		get exited() {
			return exitStatus !== undefined;
		},
		exit,
		kill(signal = 'SIGHUP') {
			if (!exitStatus) {
				try {
					child.kill(signal);
				} catch {
					// Already gone.
				}
			}
		},
		async close(graceMs = 2000) {
			session.kill('SIGHUP');
			const timer = setTimeout(() => {
				session.kill('SIGKILL');
			}, graceMs);
			try {
				return await exit;
			} finally {
				clearTimeout(timer);
				dataSubscription.dispose();
				terminal.dispose();
				sessions.delete(session);
			}
		},
		pid: child.pid,
	};
	sessions.add(session);
	return session;
}

/** Runs the built app (`node dist/cli.js ...args`) from the repository root in a pseudo-terminal. */
export function spawnApp(args: string[] = [], options: TerminalOptions = {}): TerminalSession {
	return spawnTerminal(process.execPath, ['dist/cli.js', ...args], options);
}

/** Closes every session still open; call it in afterEach so no program outlives its test. */
export async function closeAllTerminals(): Promise<void> {
	await Promise.all([...sessions].map((session) => session.close()));
}

// Last resort if a test file forgot closeAllTerminals: never leave programs behind the worker.
process.once('exit', () => {
	for (const session of sessions) {
		session.kill('SIGKILL');
	}
});
