/**
 * A program in a pseudo-terminal, timed the way an operator would feel it:
 * every chunk of output is stamped when it arrives, fed to a headless xterm,
 * and the screen is compared after each one. A key's latency is the arrival
 * of the output that last changed the screen for it (so a change drawn over
 * two frames counts until the second), with no polling interval in it.
 *
 * test/support/pty.ts polls every 10 ms, which is right for tests and too
 * coarse here; this keeps its approach (node-pty + @xterm/headless) and its
 * headless-screen helpers.
 */
import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {performance} from 'node:perf_hooks';
import {promisify} from 'node:util';
import {spawn, type IPty} from '@lydell/node-pty';
import {createHeadlessTerminal, screenText, writeToTerminal} from '../test/support/terminal.js';

const execFileAsync = promisify(execFile);

export type Change = {
	/** performance.now() when the chunk that made this screen arrived. */
	readonly at: number;
	readonly screen: string;
};

export type KeyTiming = {
	/** Key written → the last screen change it caused, ms; NaN when the screen never changed. */
	readonly ms: number;
	/** Key written → the first screen change, ms. */
	readonly firstMs: number;
	/** Screen changes (frames that changed what is shown) the key caused. */
	readonly frames: number;
	/** Bytes the program wrote in response. */
	readonly bytes: number;
	readonly screen: string;
	/** When the key was written (performance.now()). */
	readonly writtenAt: number;
	/** The screen changes it caused, oldest first. */
	readonly changes: readonly Change[];
};

/** Synchronized output (DEC mode 2026): a terminal that supports it shows what lies between as one frame. */
const beginSync = '\u001B[?2026h';
const endSync = '\u001B[?2026l';

const sleep = (ms: number) =>
	new Promise<void>((resolve) => {
		setTimeout(resolve, ms);
	});

export class Terminal {
	readonly startedAt: number;
	readonly pid: number;
	bytes = 0;
	/** Every change of the screen, oldest first. */
	readonly changes: Change[] = [];
	private lastOutputAt = 0;
	private screenNow = '';
	private exited = false;
	/** Inside a synchronized update: the screen is not compared until it ends. */
	private inSync = false;
	/** The end of the previous chunk, for a marker split across two chunks. */
	private tail = '';
	private readonly child: IPty;
	private readonly xterm;
	private parsed: Promise<void> = Promise.resolve();
	private readonly waiters = new Set<() => void>();

	constructor(
		command: string,
		args: string[],
		readonly cols = 80,
		readonly rows = 24,
		env: Record<string, string> = {},
	) {
		this.xterm = createHeadlessTerminal(cols, rows);
		const merged: Record<string, string> = {};
		for (const [name, value] of Object.entries(process.env)) if (value !== undefined) merged[name] = value;
		// Ink writes nothing until exit under CI (is-in-ci); the bench measures a person's terminal.
		delete merged['CI'];
		delete merged['CONTINUOUS_INTEGRATION'];
		// English screens (the anchors the bench waits for), whatever the caller's locale.
		Object.assign(merged, {TERM: 'xterm-256color', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8'}, env);
		this.startedAt = performance.now();
		this.child = spawn(command, args, {name: 'xterm-256color', cols, rows, cwd: process.cwd(), env: merged});
		this.pid = this.child.pid;
		this.child.onData((data) => {
			const at = performance.now();
			this.bytes += Buffer.byteLength(data);
			this.lastOutputAt = at;
			const text = this.tail + data;
			const begin = text.lastIndexOf(beginSync);
			const end = text.lastIndexOf(endSync);
			if (begin !== -1 || end !== -1) this.inSync = begin > end;
			this.tail = text.slice(-(beginSync.length - 1));
			const synchronizing = this.inSync;
			this.parsed = this.parsed.then(async () => {
				await writeToTerminal(this.xterm, data);
				// Ink wraps every frame in a synchronized update: what the operator sees is the
				// screen at its end, not the halves of a frame that the pty delivered apart.
				if (synchronizing) return;
				const screen = screenText(this.xterm);
				if (screen !== this.screenNow) {
					this.screenNow = screen;
					this.changes.push({at, screen});
				}

				this.notify();
			});
		});
		this.child.onExit(() => {
			this.exited = true;
			this.notify();
		});
	}

	screen(): string {
		return this.screenNow;
	}

	get hasExited(): boolean {
		return this.exited;
	}

	write(data: string): number {
		const at = performance.now();
		this.child.write(data);
		return at;
	}

	/** Resolves with the first change (or the current screen) that satisfies `test`, stamped with its arrival. */
	async waitFor(test: (screen: string) => boolean, what: string, timeoutMs = 30_000): Promise<Change> {
		const from = this.changes.length;
		if (test(this.screenNow))
			return {at: this.changes.at(-1)?.at ?? performance.now(), screen: this.screenNow};
		return this.until(
			() => {
				for (let index = from; index < this.changes.length; index++) {
					if (test(this.changes[index]!.screen)) return this.changes[index]!;
				}

				return undefined;
			},
			what,
			timeoutMs,
		);
	}

	/** Waits until nothing has been written for `quietMs` (and something was written since `since`). */
	async waitForQuiet(quietMs: number, timeoutMs = 30_000, since = 0): Promise<void> {
		const deadline = performance.now() + timeoutMs;
		for (;;) {
			await this.parsed;
			const now = performance.now();
			if (this.exited || (this.lastOutputAt > since && now - this.lastOutputAt >= quietMs)) return;
			if (now > deadline)
				throw new Error(`no ${quietMs} ms of quiet within ${timeoutMs} ms\n${this.screenNow}`);
			await sleep(Math.max(1, Math.min(quietMs - (now - this.lastOutputAt), 20)));
		}
	}

	/**
	 * Writes `data` and times what it does to the screen: waits until the
	 * screen has changed and then the program has been quiet for `quietMs`.
	 * `done`, when given, must hold for the final screen (e.g. the status line
	 * shows the filtered count), so a slow second frame is waited for too.
	 */
	async timeKey(
		data: string,
		{
			quietMs = 60,
			timeoutMs = 10_000,
			done,
		}: {quietMs?: number; timeoutMs?: number; done?: (screen: string) => boolean} = {},
	): Promise<KeyTiming> {
		await this.parsed;
		const before = this.screenNow;
		const fromChange = this.changes.length;
		const fromBytes = this.bytes;
		const at = this.write(data);
		const deadline = at + timeoutMs;
		for (;;) {
			await this.parsed;
			const now = performance.now();
			const changed = this.changes.length > fromChange && this.screenNow !== before;
			const quiet = now - Math.max(this.lastOutputAt, at) >= quietMs;
			if ((changed && quiet && (!done || done(this.screenNow))) || this.exited) break;
			if (now > deadline) break;
			await sleep(changed ? Math.max(1, Math.min(quietMs / 3, 10)) : 1);
		}

		const changes = this.changes.slice(fromChange);
		return {
			ms: changes.length > 0 ? changes.at(-1)!.at - at : Number.NaN,
			firstMs: changes.length > 0 ? changes[0]!.at - at : Number.NaN,
			frames: changes.length,
			bytes: this.bytes - fromBytes,
			screen: this.screenNow,
			writtenAt: at,
			changes,
		};
	}

	/** Waits until the program has put the terminal in raw mode, as Ink does once it reads keys. */
	async waitForRawMode(timeoutMs = 15_000): Promise<void> {
		const pts = (this.child as IPty & {ptsName?: string}).ptsName;
		if (!pts) return;
		const deadline = performance.now() + timeoutMs;
		while (performance.now() < deadline && !this.exited) {
			try {
				const {stdout} = await execFileAsync('stty', ['-a', '-F', pts]);
				if (/(^|\s)-icanon(\s|;|$)/.test(stdout) && /(^|\s)-echo(\s|;|$)/.test(stdout)) return;
			} catch {
				// The pty is going away; the caller's next wait reports it.
			}

			await sleep(25);
		}
	}

	/** The program's resident memory now and at its peak, in MB (Linux /proc). */
	memory(): {rssMb: number; peakMb: number} {
		try {
			const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
			const kb = (field: string) =>
				Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
			return {rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024};
		} catch {
			return {rssMb: Number.NaN, peakMb: Number.NaN};
		}
	}

	/** Ends the program: `q`, then SIGHUP, then SIGKILL. */
	async close(): Promise<void> {
		if (!this.exited) this.child.write('q');
		for (let waited = 0; !this.exited && waited < 1500; waited += 50) await sleep(50);
		for (const signal of ['SIGHUP', 'SIGKILL']) {
			if (this.exited) break;
			try {
				this.child.kill(signal);
			} catch {
				break;
			}

			for (let waited = 0; !this.exited && waited < 1000; waited += 50) await sleep(50);
		}

		this.xterm.dispose();
	}

	private notify(): void {
		for (const waiter of this.waiters) waiter();
	}

	private async until<T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			const finish = () => {
				this.waiters.delete(onChange);
				clearTimeout(timer);
			};

			const onChange = () => {
				const found = check();
				if (found !== undefined) {
					finish();
					resolve(found);
				} else if (this.exited) {
					finish();
					reject(new Error(`waiting for ${what}: the program exited\n${this.screenNow}`));
				}
			};

			const timer = setTimeout(() => {
				finish();
				reject(new Error(`waiting for ${what}: timed out after ${timeoutMs} ms\n${this.screenNow}`));
			}, timeoutMs);
			this.waiters.add(onChange);
			onChange();
		});
	}
}
