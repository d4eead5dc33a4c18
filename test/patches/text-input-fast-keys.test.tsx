// Guards patches/ink-text-input+6.0.0.patch: ink-text-input 6.0.0 computed each keystroke from
// the value of the last render, so keys arriving within one frame (fast typing, a paste split
// around an escape sequence, tmux send-keys, a slow SSH link catching up) were lost or
// reordered: "billing-42" ended as "in-2l".
import {useState} from 'react';
import {Box, Text} from 'ink';
import TextInput from 'ink-text-input';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {keys, waitForFrame} from '../support/ink.js';

type FieldProps = {
	initial?: string;
	/** Lets a test transform or reject values, as a controlled parent may. */
	accept?: (next: string, previous: string) => string;
	mask?: string;
	placeholder?: string;
	focus?: boolean;
	onValue?: (value: string) => void;
	onSubmitted?: (value: string) => void;
};

/** A controlled TextInput whose parent keeps the value in state, the way the app's forms do. */
function Field({initial = '', accept = next => next, mask, placeholder, focus, onValue, onSubmitted}: FieldProps) {
	const [value, setValue] = useState(initial);
	return (
		<Box flexDirection="column">
			<Box>
				<Text>{'Name: '}</Text>
				<TextInput
					value={value}
					mask={mask}
					placeholder={placeholder}
					focus={focus}
					onChange={next => {
						setValue(previous => {
							const accepted = accept(next, previous);
							onValue?.(accepted);
							return accepted;
						});
					}}
					onSubmit={submitted => onSubmitted?.(submitted)}
				/>
			</Box>
			<Text>{`value=[${value}]`}</Text>
		</Box>
	);
}

const sleep = (ms: number) =>
	new Promise<void>(resolve => {
		setTimeout(resolve, ms);
	});

/** Waits for Ink to render whatever the burst produced, then returns the value line. */
async function settledValue(lastFrame: () => string | undefined): Promise<string> {
	await sleep(30);
	const frame = lastFrame() ?? '';
	return /value=\[(.*)\]/.exec(frame)?.[1] ?? `(no value line in frame: ${frame})`;
}

/** Writes every key synchronously: all of them land before Ink renders again. */
function burst(stdin: {write: (data: string) => void}, inputs: Iterable<string>) {
	for (const input of inputs) {
		stdin.write(input);
	}
}

afterEach(() => {
	cleanup();
});

describe('ink-text-input with keys faster than frames (patches/ink-text-input+6.0.0.patch)', () => {
	it('takes a whole string written as one chunk', async () => {
		const {stdin, lastFrame} = render(<Field />);
		await waitForFrame(lastFrame, 'value=[]');
		stdin.write('billing-42');
		expect(await settledValue(lastFrame)).toBe('billing-42');
	});

	it('keeps every key, in order, when each key is a separate write within one tick', async () => {
		const seen: string[] = [];
		const {stdin, lastFrame} = render(<Field onValue={value => seen.push(value)} />);
		await waitForFrame(lastFrame, 'value=[]');
		burst(stdin, 'billing-42');
		expect(await settledValue(lastFrame)).toBe('billing-42');
		expect(lastFrame()).toContain('Name: billing-42');
		// onChange saw the value grow one key at a time, never going backwards.
		expect(seen).toEqual([...'billing-42'].map((_, index) => 'billing-42'.slice(0, index + 1)));
	});

	it('applies a backspace in the same burst to the text typed just before it', async () => {
		const {stdin, lastFrame} = render(<Field />);
		await waitForFrame(lastFrame, 'value=[]');
		burst(stdin, ['b', 'i', 'l', 'x', keys.backspace, 'l', 'i', 'n', 'g', '-', '4', '3', keys.backspace, '2']);
		expect(await settledValue(lastFrame)).toBe('billing-42');
	});

	it('applies cursor movement in the same burst', async () => {
		const {stdin, lastFrame} = render(<Field />);
		await waitForFrame(lastFrame, 'value=[]');
		burst(stdin, ['b', 'l', 'l', keys.left, keys.left, 'i', keys.right, keys.right, 'ing-42']);
		expect(await settledValue(lastFrame)).toBe('billing-42');
	});

	it('submits the value typed in the same burst as Enter', async () => {
		const submitted: string[] = [];
		const {stdin, lastFrame} = render(<Field onSubmitted={value => submitted.push(value)} />);
		await waitForFrame(lastFrame, 'value=[]');
		burst(stdin, [...'billing-42', keys.enter]);
		await settledValue(lastFrame);
		expect(submitted).toEqual(['billing-42']);
	});

	it('handles backspace and Enter inside one chunk, as a pty delivers coalesced keys', async () => {
		const submitted: string[] = [];
		const {stdin, lastFrame} = render(<Field onSubmitted={value => submitted.push(value)} />);
		await waitForFrame(lastFrame, 'value=[]');
		// One chunk, split by Ink around the escape sequence into "billx\x7fin", "\x1b[D", ...
		stdin.write(`billx${keys.backspace}ng${keys.left}${keys.left}i${keys.right}${keys.right}-42\r`);
		expect(await settledValue(lastFrame)).toBe('billing-42');
		expect(submitted).toEqual(['billing-42']);
	});

	it('still lets the parent transform or reject what is typed', async () => {
		const upper = render(<Field accept={next => next.toUpperCase()} />);
		await waitForFrame(upper.lastFrame, 'value=[]');
		burst(upper.stdin, 'abc');
		expect(await settledValue(upper.lastFrame)).toBe('ABC');
		upper.stdin.write('d');
		expect(await settledValue(upper.lastFrame)).toBe('ABCD');

		const limited = render(<Field accept={(next, previous) => (next.length <= 5 ? next : previous)} />);
		await waitForFrame(limited.lastFrame, 'value=[]');
		burst(limited.stdin, 'billing');
		expect(await settledValue(limited.lastFrame)).toBe('billi');
		limited.stdin.write(keys.backspace);
		expect(await settledValue(limited.lastFrame)).toBe('bill');
	});

	it('keeps the rest of its behaviour: mask, placeholder, focus, editing an initial value', async () => {
		const masked = render(<Field mask="*" />);
		await waitForFrame(masked.lastFrame, 'value=[]');
		burst(masked.stdin, 'secret');
		expect(await settledValue(masked.lastFrame)).toBe('secret');
		expect(masked.lastFrame()).toContain('Name: ******');

		const placeholder = render(<Field placeholder="token name" />);
		await waitForFrame(placeholder.lastFrame, 'value=[]');
		expect(placeholder.lastFrame()).toContain('Name: token name');

		const unfocused = render(<Field focus={false} initial="billing" />);
		await waitForFrame(unfocused.lastFrame, 'value=[billing]');
		burst(unfocused.stdin, ['x', keys.backspace, keys.backspace]);
		expect(await settledValue(unfocused.lastFrame)).toBe('billing');

		const edited = render(<Field initial="billing" />);
		await waitForFrame(edited.lastFrame, 'value=[billing]');
		burst(edited.stdin, [keys.backspace, keys.backspace, keys.backspace, 'ing-42']);
		expect(await settledValue(edited.lastFrame)).toBe('billing-42');
	});
});
