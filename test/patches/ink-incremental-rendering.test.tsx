// Guards patches/ink+6.8.0.patch: with incrementalRendering, Ink 6.8.0 moved the cursor up one
// line too few before repainting a frame that ends with a newline (every non-fullscreen frame),
// so each update was drawn one row lower and left the previous frame's lines behind.
import chalk from 'chalk';
import {afterEach, describe, expect, it, onTestFinished} from 'vitest';
import {importInkOutsideCi} from '../support/ink.js';
import {VirtualTtyStdout} from '../support/terminal.js';

// Ink must be loaded with CI unset (see importInkOutsideCi), so it is imported dynamically.
const {render, Box, Text} = await importInkOutsideCi();

function List({title, items}: {title: string; items: string[]}) {
	return (
		<Box flexDirection="column">
			<Text>{title}</Text>
			{items.map(item => (
				<Text key={item}>{`  ${item}`}</Text>
			))}
		</Box>
	);
}

/** The lines List renders, i.e. exactly what an 80x24 screen should show. */
const frameLines = (title: string, items: string[]) => [title, ...items.map(item => `  ${item}`)];

const sleep = (ms: number) =>
	new Promise<void>(resolve => {
		setTimeout(resolve, ms);
	});

/** Waits until Ink has written the frame and xterm has parsed it; then checks it stays put. */
async function expectScreenToShow(stdout: VirtualTtyStdout, expected: string[]) {
	const rows = [...expected, ...Array<string>(stdout.rows - expected.length).fill('')];
	const deadline = Date.now() + 1000;
	do {
		await sleep(10);
		await stdout.flush();
	} while (Date.now() < deadline && stdout.lines().join('\n') !== rows.join('\n'));

	// Let any trailing throttled render land too: the screen must still be exactly the frame.
	await sleep(60);
	await stdout.flush();
	expect(stdout.lines()).toEqual(rows);
	// Ink leaves the cursor on the line just below a frame that ends with a newline.
	expect(stdout.terminal.buffer.active.cursorY).toBe(expected.length);
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
	await cleanup?.();
	cleanup = undefined;
});

/** Renders incrementally into an 80x24 headless terminal; the test's afterEach unmounts it. */
function renderIncrementally(element: Parameters<typeof render>[0]) {
	const stdout = new VirtualTtyStdout(80, 24);
	const instance = render(element, {
		stdout: stdout.asWriteStream(),
		incrementalRendering: true,
		patchConsole: false,
		exitOnCtrlC: false,
	});
	cleanup = async () => {
		instance.unmount();
		instance.cleanup();
		await stdout.flush();
		stdout.dispose();
	};

	return {stdout, instance};
}

describe('Ink incremental rendering (patches/ink+6.8.0.patch)', () => {
	it('repaints every update in place: growing, changing, shrinking and growing again', async () => {
		const {stdout, instance} = renderIncrementally(<List title="Tokens" items={['alpha', 'beta', 'gamma']} />);

		await expectScreenToShow(stdout, frameLines('Tokens', ['alpha', 'beta', 'gamma']));
		expect(stdout.bytesWritten, 'Ink wrote nothing: was it imported with CI set?').toBeGreaterThan(0);

		const steps: Array<[string, string[]]> = [
			['Tokens', ['alpha', 'beta', 'gamma', 'delta', 'epsilon']], // grows
			['Tokens (5)', ['alpha', 'beta', 'GAMMA', 'delta', 'epsilon']], // same height, lines change
			['Tokens (5)', ['alpha', 'beta', 'GAMMA', 'delta', 'epsilon', 'zeta']], // grows by one
			['Tokens (2)', ['beta', 'delta']], // shrinks
			['Tokens (0)', []], // one line
			['Tokens (1)', ['omega']], // grows from one line
			['Tokens (4)', ['one', 'two', 'three', 'four']], // grows
			['Tokens (4)', ['one', 'two', 'three', 'four']], // unchanged
			['Done', ['four', 'three', 'two', 'one']], // every line changes
		];
		for (const [title, items] of steps) {
			instance.rerender(<List title={title} items={items} />);
			await expectScreenToShow(stdout, frameLines(title, items));
		}
	});

	it('keeps a ticking counter on the same line', async () => {
		const counter = (n: number) => (
			<Box flexDirection="column">
				<Text>Syncing tokens</Text>
				<Text>{`synced ${n} of 20`}</Text>
			</Box>
		);
		const {stdout, instance} = renderIncrementally(counter(0));

		for (let n = 0; n <= 20; n += 5) {
			instance.rerender(counter(n));
			await expectScreenToShow(stdout, ['Syncing tokens', `synced ${n} of 20`]);
		}
	});
});

// (Lines here are ASCII but for the CJK names, which fit: expected() truncates by length.)
// The same patch keeps Ink's output caches across frames and reuses a row's text when it receives
// what it received last frame. Whatever was cached, each frame must show exactly its own content.
describe("Ink's output caches across frames (patches/ink+6.8.0.patch)", () => {
	const rows = ['› 結算同步 Enabled', '  広告 Disabled', '  Billing sync Enabled'];
	const details = ['Name  結算同步', 'State Enabled', 'Auth  …ovRE (v reveals)'];

	function Screen({overlay, selected}: {overlay: boolean; selected: number}) {
		const lines = overlay ? details : rows.map((row, index) => (index === selected ? `›${row.slice(1)}` : ` ${row.slice(1)}`));
		return (
			<Box flexDirection="column" width={30} overflow="hidden">
				<Text color="cyan">Tokens</Text>
				{lines.map((line, index) => (
					<Box key={index} width={22} overflow="hidden">
						<Text wrap="truncate-end">{line}</Text>
					</Box>
				))}
			</Box>
		);
	}

	const expected = (overlay: boolean, selected: number) => [
		'Tokens',
		...(overlay ? details : rows.map((row, index) => (index === selected ? `›${row.slice(1)}` : ` ${row.slice(1)}`))).map(
			line => (line.length > 22 ? `${line.slice(0, 21)}…` : line),
		),
	];

	it('shows exactly the current frame as an overlay opens and closes and the selection moves', async () => {
		const {stdout, instance} = renderIncrementally(<Screen overlay={false} selected={0} />);

		await expectScreenToShow(stdout, expected(false, 0));
		const steps: Array<[boolean, number]> = [
			[true, 0],
			[false, 0],
			[false, 1],
			[true, 1],
			[false, 1],
			[false, 2],
			[false, 0],
			[true, 0],
			[false, 0],
		];
		for (const [overlay, selected] of steps) {
			instance.rerender(<Screen overlay={overlay} selected={selected} />);
			await expectScreenToShow(stdout, expected(overlay, selected));
		}
	});

	it('shows a line inside a clipping box whole and cuts one that passes it, colours and all', async () => {
		// Ink colours through chalk, which finds no colour terminal under a test runner.
		const level = chalk.level;
		chalk.level = 1;
		onTestFinished(() => {
			chalk.level = level;
		});
		const line = (name: string) => (
			<Text>
				<Text color="green">{'› '}</Text>
				{name}
				<Text color="red">{' Disabled'}</Text>
			</Text>
		);
		// The inner box is wider than the clipping one: its lines are clipped, not wrapped.
		const {stdout} = renderIncrementally(
			<Box width={20} overflow="hidden" flexDirection="column">
				<Box width={40} flexDirection="column">
					{line('Billing')}
					{line('Billing sync – production')}
				</Box>
			</Box>,
		);

		await expectScreenToShow(stdout, ['› Billing Disabled', '› Billing sync – pro']);
		const colour = (x: number, y: number) => stdout.terminal.buffer.active.getLine(y)!.getCell(x)!.getFgColor();
		const [green, plain, red] = [colour(0, 0), colour(2, 0), colour(10, 0)];
		expect(new Set([green, plain, red]).size).toBe(3);
		expect([colour(0, 1), colour(2, 1), colour(19, 1)]).toEqual([green, plain, plain]);
		expect(colour(17, 0)).toBe(red);
	});
});
