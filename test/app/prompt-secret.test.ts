/**
 * The auth-token prompt over a fake terminal: raw mode on while it reads and
 * off after, nothing typed ever written back, line editing keys honoured.
 */
import {PassThrough} from 'node:stream';
import {describe, expect, test} from 'vitest';
import {missingAuthToken} from '../../source/app/connection.js';
import {askForAuthToken, readSecret, type SecretStreams} from '../../source/app/prompt-secret.js';

/** A terminal's two ends: what the program writes, and whether raw mode is on, each time it changes. */
function fakeTerminal(isTTY = true) {
	const input = Object.assign(new PassThrough(), {
		isTTY,
		rawModes: [] as boolean[],
		setRawMode(mode: boolean) {
			input.rawModes.push(mode);
			return input;
		},
	});
	const output = new PassThrough();
	let written = '';
	output.on('data', (chunk: Buffer) => {
		written += String(chunk);
	});
	const streams: SecretStreams = {input, output};
	return {
		streams,
		input,
		written: () => written,
		type: (...chunks: Array<string | Buffer>) => chunks.forEach((c) => input.write(c)),
	};
}

describe('readSecret', () => {
	test.each([
		['typed then Enter', ['demo-admin\r'], 'demo-admin'],
		['one key at a time, Enter as \\n', [...'s3cret', '\n'], 's3cret'],
		['Backspace (DEL and ^H) removes the last character', ['abcd\u007F\u007Fx\bz\r'], 'abz'],
		['Ctrl-U clears what was typed', ['wrong\u0015right\r'], 'right'],
		['arrow keys and other escape sequences are ignored', ['ab\u001B[Dc\u001BOPd\u001B[3~\r'], 'abcd'],
		['a lone Esc does not swallow Enter', ['tok\u001B\r'], 'tok'],
		['a paste ending in a newline submits its first line only', ['pasted\r\nmore'], 'pasted'],
		['multi-byte characters stay whole', ['tök€n\u007F\r'], 'tök€'],
		[
			'a character split across chunks stays whole',
			[Buffer.from('€').subarray(0, 1), Buffer.from('€').subarray(1), '\r'],
			'€',
		],
	])('%s', async (_name, chunks, expected) => {
		const terminal = fakeTerminal();
		const answer = readSecret('Token: ', terminal.streams);
		terminal.type(...chunks);
		expect(await answer).toBe(expected);
		expect(terminal.written()).toBe('Token: \n');
		expect(terminal.input.rawModes).toEqual([true, false]);
	});

	test.each([
		['Ctrl-C', '\u0003'],
		['Ctrl-D', '\u0004'],
	])('%s gives up with null and leaves raw mode', async (_name, key) => {
		const terminal = fakeTerminal();
		const answer = readSecret('Token: ', terminal.streams);
		terminal.type(`half${key}rest\r`);
		expect(await answer).toBeNull();
		expect(terminal.input.rawModes).toEqual([true, false]);
		expect(terminal.input.listenerCount('data')).toBe(0);
	});
});

describe('askForAuthToken', () => {
	test('a typed token is returned trimmed; the question names the account and server, the answer is never shown', async () => {
		const terminal = fakeTerminal();
		const answer = askForAuthToken('http://127.0.0.1:9', 'AC1', terminal.streams);
		terminal.type(' tok-123 \r');
		expect(await answer).toEqual({token: 'tok-123'});
		expect(terminal.written()).toContain('Auth token for AC1 at http://127.0.0.1:9');
		expect(terminal.written()).not.toContain('tok-123');
	});

	test('Ctrl-C ends the app with 130', async () => {
		const terminal = fakeTerminal();
		const answer = askForAuthToken('http://127.0.0.1:9', 'AC1', terminal.streams);
		terminal.type('\u0003');
		expect(await answer).toEqual({exitCode: 130});
	});

	test('an empty answer says what to do and ends the app with 2', async () => {
		const terminal = fakeTerminal();
		const answer = askForAuthToken('http://127.0.0.1:9', 'AC1', terminal.streams);
		terminal.type('  \r');
		expect(await answer).toEqual({exitCode: 2});
		expect(terminal.written()).toMatch(/no auth token given; .*AGENCY_TOKENS_AUTH_TOKEN/u);
	});

	test('without a terminal it asks nothing, names the variable and ends with 2', async () => {
		const terminal = fakeTerminal(false);
		expect(await askForAuthToken('http://127.0.0.1:9', 'AC1', terminal.streams)).toEqual({exitCode: 2});
		expect(terminal.written()).toMatch(
			/^agency-tokens: no auth token for http:\/\/127\.0\.0\.1:9: set AGENCY_TOKENS_AUTH_TOKEN/u,
		);
		expect(terminal.input.rawModes).toEqual([]);
	});
});

describe('missingAuthToken', () => {
	const url = 'http://127.0.0.1:9/';
	test.each([
		[
			'URL and account by flag, no token',
			{apiUrl: url, accountSid: 'AC1'},
			{},
			{apiUrl: 'http://127.0.0.1:9', accountSid: 'AC1'},
		],
		[
			'URL and account from the environment',
			{},
			{AGENCY_TOKENS_API_URL: url, AGENCY_TOKENS_ACCOUNT_SID: 'AC1'},
			{apiUrl: 'http://127.0.0.1:9', accountSid: 'AC1'},
		],
		[
			'token in the environment',
			{apiUrl: url, accountSid: 'AC1'},
			{AGENCY_TOKENS_AUTH_TOKEN: 't'},
			undefined,
		],
		['token by flag', {apiUrl: url, accountSid: 'AC1', authToken: 't'}, {}, undefined],
		['the sandbox (no URL)', {}, {}, undefined],
		['no account: the usual error says so first', {apiUrl: url}, {}, undefined],
		['a URL that is not http(s): likewise', {apiUrl: 'ftp://x', accountSid: 'AC1'}, {}, undefined],
		[
			'credentials and a query in the URL are dropped: the client never sends them, so nothing shows them',
			{apiUrl: 'http://ops:hunter2@127.0.0.1:9/api/?key=k', accountSid: 'AC1'},
			{},
			{apiUrl: 'http://127.0.0.1:9/api', accountSid: 'AC1'},
		],
	])('%s', (_name, flags, env, expected) => {
		expect(missingAuthToken(flags, env)).toEqual(expected);
	});
});
