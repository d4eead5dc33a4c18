// Helpers for Ink component tests with ink-testing-library: named keys, and waiting for the
// frame to change instead of sleeping (the pattern Shopify CLI's tests use).
//
// This module must not import 'ink' at runtime: importInkOutsideCi() has to run before Ink is
// first loaded.
import type * as Ink from 'ink';

/** Key sequences as an xterm-compatible terminal sends them: for `stdin.write` in ink-testing-library, and pty.ts. */
export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	home: '\u001B[H',
	end: '\u001B[F',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	shiftTab: '\u001B[Z',
	/** DEL, as terminals send for Backspace. Ink 6 reports it as `key.delete` (and ^H as `key.backspace`). */
	backspace: '\u007F',
	delete: '\u001B[3~',
	space: ' ',
	ctrlA: '\u0001',
	ctrlC: '\u0003',
	ctrlD: '\u0004',
	ctrlE: '\u0005',
	ctrlL: '\u000C',
	ctrlR: '\u0012',
	ctrlU: '\u0015',
	ctrlW: '\u0017',
} as const;

export type KeyName = keyof typeof keys;

type LastFrame = () => string | undefined;
type WritableStdin = {write: (data: string) => void};

export type WaitOptions = {
	/** Milliseconds before giving up; default 2000. */
	timeout?: number;
	/** Milliseconds between polls; default 5. */
	interval?: number;
};

const sleep = (ms: number) =>
	new Promise<void>((resolve) => {
		setTimeout(resolve, ms);
	});

async function poll(
	check: () => boolean,
	describe: () => string,
	{timeout = 2000, interval = 5}: WaitOptions,
) {
	const deadline = Date.now() + timeout;
	for (;;) {
		if (check()) {
			return;
		}

		if (Date.now() >= deadline) {
			throw new Error(describe());
		}

		await sleep(interval);
	}
}

/** Waits until the last frame satisfies `predicate` or contains `text`; on timeout the error shows the frame. */
export async function waitForFrame(
	lastFrame: LastFrame,
	expected: string | RegExp | ((frame: string) => boolean),
	options: WaitOptions = {},
): Promise<string> {
	const matches =
		typeof expected === 'function'
			? expected
			: typeof expected === 'string'
				? (frame: string) => frame.includes(expected)
				: (frame: string) => expected.test(frame);
	const wanted = typeof expected === 'function' ? 'the predicate' : JSON.stringify(String(expected));
	await poll(
		() => matches(lastFrame() ?? ''),
		() =>
			`Timed out after ${options.timeout ?? 2000}ms waiting for ${wanted}. Last frame:\n${lastFrame() ?? '(nothing rendered)'}`,
		options,
	);
	return lastFrame() ?? '';
}

/**
 * Writes `input` (a string or a key name from `keys`) and waits until the frame differs from
 * the one before the write. Returns the new frame.
 */
export async function sendInputAndWaitForChange(
	stdin: WritableStdin,
	lastFrame: LastFrame,
	input: string,
	options: WaitOptions = {},
): Promise<string> {
	const before = lastFrame();
	stdin.write(input);
	await poll(
		() => lastFrame() !== before,
		() =>
			`Timed out after ${options.timeout ?? 2000}ms waiting for the frame to change after writing ${JSON.stringify(input)}. Frame:\n${before ?? '(nothing rendered)'}`,
		options,
	);
	return lastFrame() ?? '';
}

/** Writes each key in order, waiting for a frame change after each. */
export async function pressKeys(
	stdin: WritableStdin,
	lastFrame: LastFrame,
	names: KeyName[],
	options: WaitOptions = {},
): Promise<string> {
	let frame = lastFrame() ?? '';
	for (const name of names) {
		frame = await sendInputAndWaitForChange(stdin, lastFrame, keys[name], options);
	}

	return frame;
}

const ciVariables = ['CI', 'CONTINUOUS_INTEGRATION'] as const;

/**
 * Imports Ink with CI and CONTINUOUS_INTEGRATION removed from the environment. Ink reads them
 * once, at import (via is-in-ci), and in CI it writes nothing until unmount — which breaks any
 * test that renders to a terminal. Call this before anything else imports 'ink' in the test
 * file (so import Ink components and ink-based helpers dynamically, after it).
 */
export async function importInkOutsideCi(): Promise<typeof Ink> {
	const saved = ciVariables.map((name) => [name, process.env[name]] as const);
	for (const name of ciVariables) {
		delete process.env[name];
	}

	try {
		return await import('ink');
	} finally {
		for (const [name, value] of saved) {
			if (value !== undefined) {
				process.env[name] = value;
			}
		}
	}
}
