// Proves test/support/ink.ts on a trivial component: the key constants reach useInput as the
// keys they name, and the waits return the new frame or fail with the frame in the message.
import {useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {keys, pressKeys, sendInputAndWaitForChange, waitForFrame} from '../support/ink.js';

const items = ['alpha', 'beta', 'gamma', 'delta'];

function Picker() {
	const [index, setIndex] = useState(0);
	const [last, setLast] = useState('none');
	useInput((input, key) => {
		const named = Object.entries({
			up: key.upArrow,
			down: key.downArrow,
			left: key.leftArrow,
			right: key.rightArrow,
			pageUp: key.pageUp,
			pageDown: key.pageDown,
			home: key.home,
			end: key.end,
			enter: key.return,
			escape: key.escape,
			tab: key.tab && !key.shift,
			shiftTab: key.tab && key.shift,
			backspace: key.backspace,
			delete: key.delete,
		}).find(([, pressed]) => pressed)?.[0];
		const name = named ?? (key.ctrl ? `ctrl+${input}` : input === ' ' ? 'space' : `text ${input}`);
		setLast(name);
		if (key.downArrow) {
			setIndex(current => Math.min(current + 1, items.length - 1));
		} else if (key.upArrow) {
			setIndex(current => Math.max(current - 1, 0));
		}
	});
	return (
		<Box flexDirection="column">
			{items.map((item, row) => (
				<Text key={item}>{`${row === index ? '›' : ' '} ${item}`}</Text>
			))}
			<Text>{`last key: ${last}`}</Text>
		</Box>
	);
}

afterEach(() => {
	cleanup();
});

describe('test/support/ink.ts', () => {
	it('moves through a list with sendInputAndWaitForChange and returns the new frame', async () => {
		const {stdin, lastFrame} = render(<Picker />);
		await waitForFrame(lastFrame, '› alpha');
		const frame = await sendInputAndWaitForChange(stdin, lastFrame, keys.down);
		expect(frame).toContain('› beta');
		expect(await pressKeys(stdin, lastFrame, ['down', 'down'])).toContain('› delta');
		expect(await sendInputAndWaitForChange(stdin, lastFrame, keys.up)).toContain('› gamma');
	});

	it('sends each key constant as the key Ink reports', async () => {
		const {stdin, lastFrame} = render(<Picker />);
		await waitForFrame(lastFrame, 'last key: none');
		const expected: Array<[keyof typeof keys, string]> = [
			['right', 'right'],
			['left', 'left'],
			['pageUp', 'pageUp'],
			['pageDown', 'pageDown'],
			['home', 'home'],
			['end', 'end'],
			['enter', 'enter'],
			['tab', 'tab'],
			['shiftTab', 'shiftTab'],
			// What terminals send for Backspace (DEL, 0x7f) is key.delete in Ink 6; key.backspace is
			// only ^H. Handlers that mean "delete backwards" must accept both.
			['backspace', 'delete'],
			['delete', 'delete'],
			['space', 'space'],
			['ctrlR', 'ctrl+r'],
			['ctrlA', 'ctrl+a'],
			['escape', 'escape'],
		];
		for (const [constant, reported] of expected) {
			// Write a plain key first so that every constant changes the frame.
			await sendInputAndWaitForChange(stdin, lastFrame, 'x');
			const frame = await sendInputAndWaitForChange(stdin, lastFrame, keys[constant]);
			expect(frame, constant).toContain(`last key: ${reported}`);
		}
	});

	it('waits for a frame by text, RegExp or predicate', async () => {
		const {stdin, lastFrame} = render(<Picker />);
		await waitForFrame(lastFrame, '› alpha');
		stdin.write(keys.down);
		expect(await waitForFrame(lastFrame, /› beta/)).toContain('last key: down');
		stdin.write(keys.down);
		await waitForFrame(lastFrame, frame => frame.includes('› gamma'));
	});

	it('fails with the frame in the message instead of hanging', async () => {
		const {stdin, lastFrame} = render(<Picker />);
		await waitForFrame(lastFrame, '› alpha');
		await expect(waitForFrame(lastFrame, 'omega', {timeout: 100})).rejects.toThrow(
			/waiting for "omega"[\s\S]*› alpha/,
		);
		// Up at the top still re-renders the "last key" line, so use a key that changes nothing twice.
		await sendInputAndWaitForChange(stdin, lastFrame, keys.up);
		await expect(sendInputAndWaitForChange(stdin, lastFrame, keys.up, {timeout: 100})).rejects.toThrow(
			/frame to change after writing "\\u001b\[A"[\s\S]*last key: up/,
		);
	});
});
