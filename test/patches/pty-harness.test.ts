// Proves test/support/pty.ts against tiny node scripts, so end-to-end failures can be trusted
// to be the app's and not the harness's.
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {closeAllTerminals, spawnTerminal} from '../support/pty.js';
import type {PtyKey} from '../support/pty.js';

const node = (script: string, options?: Parameters<typeof spawnTerminal>[2]) =>
	spawnTerminal(process.execPath, ['--input-type=module', '-e', script], options);

afterEach(async () => {
	await closeAllTerminals();
});

describe('pty harness', () => {
	it('shows what the program prints and sends it what is typed', async () => {
		const session = node(`
			process.stdout.write('Name? ');
			process.stdin.setRawMode(true);
			process.stdin.once('data', data => {
				process.stdout.write('\\ngot ' + JSON.stringify(data.toString()) + '\\n');
				process.exit(7);
			});
		`);
		await session.waitFor('Name?');
		expect(session.screen()).toBe('Name?');
		expect(session.cursor()).toEqual({x: 6, y: 0});

		session.write('x');
		await session.waitFor('got "x"');
		expect(session.screen()).toBe('Name?\ngot "x"');
		expect(session.lines()).toHaveLength(24);
		expect(await session.exit).toEqual({exitCode: 7});
		expect(session.exited).toBe(true);
	});

	it('reads a frame wrapped in a synchronized update only once all of it is in', async () => {
		// Ink writes each frame as begin, lines, end; the pty may hand them over apart.
		const session = node(`
			process.stdout.write('\\u001b[?2026hfirst line\\r\\n');
			setTimeout(() => process.stdout.write('second line\\u001b[?2026l'), 300);
			setTimeout(() => {}, 2000);
		`);
		const screen = await session.waitFor('first line');
		expect(screen).toBe('first line\nsecond line');
	});

	describe('with CI set in the test environment', () => {
		const saved = {CI: process.env['CI'], CONTINUOUS_INTEGRATION: process.env['CONTINUOUS_INTEGRATION']};
		beforeAll(() => {
			process.env['CI'] = 'true';
			process.env['CONTINUOUS_INTEGRATION'] = '1';
		});
		afterAll(() => {
			for (const [name, value] of Object.entries(saved)) {
				if (value === undefined) {
					delete process.env[name];
				} else {
					process.env[name] = value;
				}
			}
		});

		const printEnvironment = `
			const {env, stdout} = process;
			console.log('CI=' + (env.CI ?? '(unset)'));
			console.log('CONTINUOUS_INTEGRATION=' + (env.CONTINUOUS_INTEGRATION ?? '(unset)'));
			console.log('TERM=' + env.TERM);
			console.log('TTY=' + stdout.isTTY + ' ' + stdout.columns + 'x' + stdout.rows);
			console.log('EXTRA=' + (env.EXTRA ?? '(unset)'));
		`;

		it('spawns without CI and CONTINUOUS_INTEGRATION, on an xterm-256color TTY', async () => {
			const session = node(printEnvironment, {env: {EXTRA: 'yes'}});
			await session.exit;
			expect(session.screen()).toBe(
				[
					'CI=(unset)',
					'CONTINUOUS_INTEGRATION=(unset)',
					'TERM=xterm-256color',
					'TTY=true 80x24',
					'EXTRA=yes',
				].join('\n'),
			);
		});

		it('lets the caller set them (and TERM, and the size) on purpose', async () => {
			const session = node(printEnvironment, {env: {CI: 'true', TERM: 'dumb'}, cols: 100, rows: 30});
			await session.exit;
			expect(session.lines()).toHaveLength(30);
			expect(session.screen()).toContain('CI=true\nCONTINUOUS_INTEGRATION=(unset)\nTERM=dumb\nTTY=true 100x30');
		});

		it('lets Ink render in the terminal, and type fast into a patched text input', async () => {
			// A real Ink app (the repo's own Ink and ink-text-input, patches applied) on a real pty.
			const session = node(`
				import React, {useState} from 'react';
				import {render, Box, Text} from 'ink';
				import TextInput from 'ink-text-input';
				const h = React.createElement;
				function Form() {
					const [value, setValue] = useState('');
					const [submitted, setSubmitted] = useState();
					return h(Box, {flexDirection: 'column'},
						h(Box, null, h(Text, null, 'Name: '), h(TextInput, {value, onChange: setValue, onSubmit: setSubmitted})),
						h(Text, null, submitted === undefined ? 'typing' : 'submitted [' + submitted + ']'));
				}
				render(h(Form));
			`);
			await session.waitFor('typing');
			// Ink turns raw mode on in an effect, just after the first frame: keys sent before that
			// would be echoed and line-edited by the tty itself.
			await session.waitForRawMode();
			// As fast as tmux send-keys: one write per key, no waiting for the screen in between.
			for (const key of 'billing-42') {
				session.write(key);
			}
			session.press('backspace');
			session.write('2');
			session.press('enter');
			await session.waitFor('submitted [');
			expect(session.screen()).toBe('Name: billing-42\nsubmitted [billing-42]');
		});
	});

	it('sends named keys as an xterm does', async () => {
		const session = node(`
			process.stdin.setRawMode(true);
			console.log('ready');
			process.stdin.on('data', data => console.log('key ' + data.toString('hex')));
		`);
		await session.waitFor('ready');
		const expected: Array<[PtyKey, string]> = [
			['enter', '0d'],
			['escape', '1b'],
			['up', '1b5b41'],
			['down', '1b5b42'],
			['pageup', '1b5b357e'],
			['pagedown', '1b5b367e'],
			['tab', '09'],
			['shift-tab', '1b5b5a'],
			['backspace', '7f'],
			['delete', '1b5b337e'],
			['space', '20'],
			['ctrl-c', '03'],
			['ctrl-r', '12'],
		];
		for (const [key, hex] of expected) {
			const before = session.screen();
			session.press(key);
			const after = await session.waitForChange(before);
			expect(after.split('\n').at(-1), key).toBe(`key ${hex}`);
		}

		expect(() => session.press('nope' as PtyKey)).toThrow(/Unknown key "nope"/);
	});

	it('waits until the program takes raw keys', async () => {
		const session = node(`
			console.log('starting');
			setTimeout(() => {
				process.stdin.setRawMode(true);
				process.stdin.on('data', data => console.log('key ' + data.toString('hex')));
			}, 300);
		`);
		await session.waitFor('starting');
		const started = Date.now();
		await session.waitForRawMode();
		expect(Date.now() - started).toBeGreaterThan(100);
		// In raw mode the tty neither echoes x nor holds it back until Enter.
		session.write('x');
		await session.waitFor('key 78');
		expect(session.screen()).toBe('starting\nkey 78');
	});

	it('resizes the pty and the screen together', async () => {
		const session = node(`
			const show = () => console.log('size ' + process.stdout.columns + 'x' + process.stdout.rows);
			process.stdout.on('resize', show);
			show();
			setInterval(() => {}, 1000);
		`);
		await session.waitFor('size 80x24');
		session.resize(60, 10);
		await session.waitFor('size 60x10');
		expect(session.lines()).toHaveLength(10);
		expect([session.cols, session.rows]).toEqual([60, 10]);
	});

	it('counts the bytes the program writes', async () => {
		const session = node(`process.stdout.write('é'.repeat(500) + '\\n');`, {cols: 100});
		await session.exit;
		// 500 two-byte characters, then the tty's \r\n for the newline.
		expect(session.bytesWritten).toBe(1002);
		expect(session.lines().slice(0, 5).join('')).toBe('é'.repeat(500));
	});

	it('fails a wait with the screen in the message, so a failure can be read', async () => {
		const session = node(`console.log('Access tokens'); setInterval(() => {}, 1000);`);
		await session.waitFor('Access tokens');
		const error = await session.waitFor('Never shown', {timeout: 300}).catch((error: unknown) => error);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(/Waiting for "Never shown": timed out after 300ms/);
		expect((error as Error).message).toContain('│Access tokens');
		await expect(session.waitForChange(undefined, {timeout: 200})).rejects.toThrow(/the screen to change/);
	});

	it('stops waiting as soon as the program exits', async () => {
		const session = node(`console.log('bye'); process.exit(3);`);
		const started = Date.now();
		await expect(session.waitFor('never', {timeout: 10_000})).rejects.toThrow(/the program exited first[\s\S]*│bye/);
		expect(Date.now() - started).toBeLessThan(5000);
		expect(await session.exit).toEqual({exitCode: 3});
	});

	it('waits for the program to go quiet', async () => {
		const session = node(`
			let n = 0;
			const timer = setInterval(() => {
				console.log('tick ' + ++n);
				if (n === 5) clearInterval(timer);
			}, 20);
			setTimeout(() => {}, 10_000);
		`);
		const screen = await session.waitForIdle(300);
		expect(screen).toBe('tick 1\ntick 2\ntick 3\ntick 4\ntick 5');
	});

	it('ends a program that ignores input and reports how it ended', async () => {
		const session = node(`process.on('SIGHUP', () => {}); console.log('stubborn'); setInterval(() => {}, 1000);`);
		await session.waitFor('stubborn');
		const status = await session.close(300);
		expect(status.signal).toBe(9);
		expect(session.exited).toBe(true);
	});
});
