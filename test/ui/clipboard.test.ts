/**
 * Copying to the clipboard: the OSC 52 sequence always goes to the terminal
 * (the one way that reaches the operator's own machine over SSH), and a local
 * clipboard command is tried only in a local session with a display. The local
 * commands are stand-in scripts on a temporary PATH that record what they got.
 */
import {chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest';
import {copyToClipboard, osc52} from '../../source/ui/clipboard.js';

describe('osc52', () => {
	test('is ESC ] 52 ; c ; the base64 of the text, ended by BEL', () => {
		expect(osc52('hello')).toBe('\u001B]52;c;aGVsbG8=\u0007');
	});

	test('encodes the text as UTF-8, CJK included', () => {
		// 结 = e7 bb 93, 算 = e7 ae 97.
		expect(osc52('结算')).toBe('\u001B]52;c;57uT566X\u0007');
		const text = 'Auth token of 结算同步 – ✓ 🔑';
		const payload = /^\u001B\]52;c;([A-Za-z\d+/=]*)\u0007$/u.exec(osc52(text))?.[1];
		expect(new TextDecoder().decode(Buffer.from(payload!, 'base64'))).toBe(text);
	});

	test('of an empty text is the sequence with an empty payload', () => {
		expect(osc52('')).toBe('\u001B]52;c;\u0007');
	});
});

describe('copyToClipboard', () => {
	let binDir: string;
	let log: string;

	/** Puts a stand-in clipboard command on the PATH that appends what it reads to `log`, then exits `code`. */
	function fakeCommand(name: string, code = 0): void {
		const script = path.join(binDir, name);
		writeFileSync(
			script,
			`#!/bin/sh\n/bin/cat >> '${log}'\nprintf '\\n[${name}]\\n' >> '${log}'\nexit ${code}\n`,
		);
		chmodSync(script, 0o755);
	}

	const recorded = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');

	beforeEach(() => {
		binDir = mkdtempSync(path.join(tmpdir(), 'agency-tokens-clipboard-'));
		log = path.join(binDir, 'copied.log');
		// Only the stand-ins can be found: no real clipboard of the machine running the tests is touched.
		vi.stubEnv('PATH', binDir);
	});

	afterEach(() => {
		vi.unstubAllEnvs();
		rmSync(binDir, {recursive: true, force: true});
	});

	const localSession = {DISPLAY: ':0'};
	const sshSession = {DISPLAY: ':0', SSH_CONNECTION: '203.0.113.7 52344 198.51.100.2 22'};

	test('writes the OSC 52 sequence of the text through the given writer, once', async () => {
		const written: string[] = [];
		await copyToClipboard('s3cr3t-结算', (data) => written.push(data), sshSession);
		expect(written).toEqual([osc52('s3cr3t-结算')]);
	});

	test('over SSH tries no local clipboard command and says OSC 52 was used', async () => {
		for (const name of ['pbcopy', 'wl-copy', 'xclip', 'xsel', 'clip.exe']) fakeCommand(name);
		const written: string[] = [];
		const result = await copyToClipboard('over-ssh', (data) => written.push(data), sshSession);
		expect(recorded()).toBe('');
		expect(result.via).toBe('osc52');
		expect(result.detail).toContain('OSC 52');
		expect(written).toEqual([osc52('over-ssh')]);
	});

	test('in a local session also pipes the text to the first clipboard command that works', async () => {
		fakeCommand('pbcopy', 1);
		fakeCommand('xclip');
		fakeCommand('xsel');
		const written: string[] = [];
		const result = await copyToClipboard('local-结算', (data) => written.push(data), localSession);
		expect(recorded()).toBe('local-结算\n[pbcopy]\nlocal-结算\n[xclip]\n');
		expect(result).toEqual({via: 'system', detail: 'xclip and OSC 52'});
		expect(written).toEqual([osc52('local-结算')]);
	});

	test('falls back to OSC 52 alone when no clipboard command is installed', async () => {
		const written: string[] = [];
		const result = await copyToClipboard('nothing-local', (data) => written.push(data), localSession);
		expect(result.via).toBe('osc52');
		expect(written).toEqual([osc52('nothing-local')]);
	});

	test('without a display on Linux tries no local clipboard command', async () => {
		fakeCommand('xclip');
		const result = await copyToClipboard('headless', () => undefined, {});
		// Elsewhere (macOS, Windows) a local session always has a clipboard.
		const local = process.platform !== 'linux';
		expect(recorded() !== '').toBe(local);
		expect(result.via).toBe(local ? 'system' : 'osc52');
	});
});
