/**
 * `--record FILE`: the session's input events as JSON lines, written as they
 * arrive, for `--replay`. A recording holds keystrokes only: never anything
 * the app displays (revealed or new credentials included), and not the keys
 * typed into a secret field. The file is private to its owner (0600).
 *
 *   {"agencyTokensRecording":1,"startedAt":"…","columns":80,"rows":24}
 *   {"t":1840,"mark":"loaded"}            the token list had loaded
 *   {"t":2311,"data":"/"}                 one raw input event, ms since start
 *   {"t":5120,"withheld":true}            an event typed into a secret field
 */
import {closeSync, fchmodSync, openSync, readFileSync, writeSync} from 'node:fs';
import type {AppState} from '../state/index.js';

export const recordingVersion = 1;

export type RecordingHeader = {
	readonly agencyTokensRecording: number;
	readonly startedAt: string;
	readonly columns?: number;
	readonly rows?: number;
};

export type Recorder = {
	/** One raw input event; `secret`: it goes into a secret field, so only the fact is written. */
	input(data: string, secret: boolean): void;
	/** The token list has loaded: replays start counting from here. */
	loaded(): void;
	close(): void;
};

export type RecorderOptions = {
	now?: () => number;
	columns?: number | undefined;
	rows?: number | undefined;
};

/**
 * Creates (or empties) `file` with mode 0600 and writes the header. Throws an
 * Error saying why when the file cannot be written.
 */
export function openRecorder(file: string, {now = Date.now, columns, rows}: RecorderOptions = {}): Recorder {
	const start = now();
	let fd: number | undefined;
	try {
		fd = openSync(file, 'w', 0o600);
		// An existing file keeps its mode on open: make it private too.
		fchmodSync(fd, 0o600);
	} catch (error) {
		if (fd !== undefined) closeSync(fd);
		throw new Error(`cannot record to ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
	}

	const header: RecordingHeader = {
		agencyTokensRecording: recordingVersion,
		startedAt: new Date(start).toISOString(),
		...(columns === undefined ? {} : {columns}),
		...(rows === undefined ? {} : {rows}),
	};
	let open = true;
	let sawLoaded = false;
	const write = (line: object) => {
		if (!open || fd === undefined) return;
		// Synchronous, line by line: a session that ends badly still leaves every key before the end.
		writeSync(fd, `${JSON.stringify(line)}\n`);
	};

	write(header);
	return {
		input(data, secret) {
			const t = now() - start;
			write(secret ? {t, withheld: true} : {t, data});
		},
		loaded() {
			if (sawLoaded) return;
			sawLoaded = true;
			write({t: now() - start, mark: 'loaded'});
		},
		close() {
			if (!open || fd === undefined) return;
			open = false;
			closeSync(fd);
		},
	};
}

/**
 * Form fields whose text is a secret. None exists yet: a future "paste a
 * token" field goes here (or another prompt makes `typingSecret` answer true),
 * so that what is typed into it never reaches a recording.
 */
const secretFields: ReadonlySet<string> = new Set<string>();

/** Whether keys now go into a field whose text is a secret. */
export function typingSecret(state: AppState): boolean {
	return state.overlay?.kind === 'form' && secretFields.has(state.overlay.form.field);
}

export type ReplayEvent = {readonly t: number; readonly data: string};

export type Recording = {
	readonly header: RecordingHeader | null;
	readonly events: readonly ReplayEvent[];
	/** When the token list had loaded (ms since start); null when the recording does not say. */
	readonly loadedAt: number | null;
	/** Events that were typed into a secret field: the replay cannot repeat them. */
	readonly withheld: number;
};

/** Reads a recording; throws an Error naming the file and line of the first thing it cannot read. */
export function readRecording(file: string): Recording {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		throw new Error(`cannot replay ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
	}

	return parseRecording(text, file);
}

/** Parses the lines of a recording (see the top of this file). */
export function parseRecording(text: string, name = 'the recording'): Recording {
	let header: RecordingHeader | null = null;
	const events: ReplayEvent[] = [];
	let loadedAt: number | null = null;
	let withheld = 0;
	for (const [index, line] of text.split('\n').entries()) {
		if (line.trim() === '') continue;
		const where = `${name}, line ${index + 1}`;
		let entry: unknown;
		try {
			entry = JSON.parse(line);
		} catch {
			throw new Error(`${where}: not JSON`);
		}

		if (typeof entry !== 'object' || entry === null) throw new Error(`${where}: not an object`);
		const record = entry as Record<string, unknown>;
		if (typeof record['agencyTokensRecording'] === 'number') {
			if (record['agencyTokensRecording'] > recordingVersion)
				throw new Error(
					`${where}: written by a newer agency-tokens (version ${record['agencyTokensRecording']})`,
				);
			header = record as RecordingHeader;
			continue;
		}

		const t = record['t'];
		if (typeof t !== 'number' || !Number.isFinite(t) || t < 0)
			throw new Error(`${where}: "t" must be milliseconds since the start`);
		if (typeof record['data'] === 'string') events.push({t, data: record['data']});
		else if (record['mark'] === 'loaded') loadedAt ??= t;
		else if (record['withheld'] === true) withheld++;
		else throw new Error(`${where}: expected "data", "mark" or "withheld"`);
	}

	events.sort((a, b) => a.t - b.t);
	return {header, events, loadedAt, withheld};
}
