// A headless xterm that tests can write terminal output into and read back as text: the
// screen an operator would actually see, after every escape sequence has been applied.
import {EventEmitter} from 'node:events';
import xtermHeadless from '@xterm/headless';
import type {Terminal as XtermTerminal} from '@xterm/headless';

// @xterm/headless is a CommonJS bundle: Node only exposes it as the default export.
const {Terminal} = xtermHeadless;

export type HeadlessTerminal = XtermTerminal;

/**
 * `convertEol` makes a bare \n also return the carriage, as a TTY driver does (ONLCR) for a
 * program writing to a real terminal. Leave it off for output that already went through a pty.
 */
export function createHeadlessTerminal(cols = 80, rows = 24, {convertEol = false} = {}): HeadlessTerminal {
	return new Terminal({cols, rows, convertEol, allowProposedApi: true, scrollback: 1000});
}

/** Resolves once xterm has parsed `data` (xterm parses asynchronously). */
export function writeToTerminal(terminal: HeadlessTerminal, data: string | Uint8Array): Promise<void> {
	return new Promise((resolve) => {
		terminal.write(data, resolve);
	});
}

/** Every row of the visible viewport, trailing spaces trimmed; always `terminal.rows` long. */
export function screenLines(terminal: HeadlessTerminal): string[] {
	const buffer = terminal.buffer.active;
	const lines: string[] = [];
	for (let row = 0; row < terminal.rows; row++) {
		// translateToString(true) keeps spaces that were written, as Ink writes its padding.
		lines.push((buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '').replace(/ +$/, ''));
	}

	return lines;
}

/** The viewport as one string: rows joined with \n, trailing spaces and trailing blank rows dropped. */
export function screenText(terminal: HeadlessTerminal): string {
	const lines = screenLines(terminal);
	while (lines.length > 0 && lines.at(-1) === '') {
		lines.pop();
	}

	return lines.join('\n');
}

/**
 * A stand-in for process.stdout that Ink treats as a real TTY (isTTY, columns, rows, 'resize')
 * and that feeds everything written to it into a headless xterm of the same size.
 */
export class VirtualTtyStdout extends EventEmitter {
	readonly isTTY = true;
	readonly terminal: HeadlessTerminal;
	bytesWritten = 0;
	private pending: Promise<void> = Promise.resolve();

	constructor(
		public columns = 80,
		public rows = 24,
	) {
		super();
		// Nothing between this stream and xterm translates \n to \r\n, so xterm has to.
		this.terminal = createHeadlessTerminal(columns, rows, {convertEol: true});
	}

	write = (chunk: string | Uint8Array, encodingOrCallback?: unknown, callback?: unknown): boolean => {
		this.bytesWritten += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
		this.pending = this.pending.then(() => writeToTerminal(this.terminal, chunk));
		const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
		if (typeof done === 'function') {
			void this.pending.then(() => (done as () => void)());
		}

		return true;
	};

	/** Resolves once xterm has parsed everything written so far. */
	async flush(): Promise<void> {
		await this.pending;
	}

	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.terminal.resize(columns, rows);
		this.emit('resize');
	}

	lines(): string[] {
		return screenLines(this.terminal);
	}

	screen(): string {
		return screenText(this.terminal);
	}

	/** The stream typed as what Ink's `render` options expect. */
	asWriteStream(): NodeJS.WriteStream {
		return this as unknown as NodeJS.WriteStream;
	}

	dispose(): void {
		this.terminal.dispose();
	}
}
