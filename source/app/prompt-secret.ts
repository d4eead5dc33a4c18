/**
 * Asks for the operator's auth token at the terminal, before Ink starts, when
 * the app targets a server and neither the environment nor a flag gave one.
 * Nothing typed is echoed (not even its length), and the token stays in this
 * process's memory: never in the environment, the title or the command line.
 */
import {StringDecoder} from 'node:string_decoder';
import {t} from '../i18n/index.js';
import {authTokenVariable} from './connection.js';

/** The terminal end the prompt needs: process.stdin, or a fake in tests. */
export type SecretInput = NodeJS.ReadableStream & {
	isTTY?: boolean;
	setRawMode?(mode: boolean): unknown;
};

export type SecretStreams = {
	input: SecretInput;
	/** Where the question goes: stderr, so stdout stays clean. */
	output: NodeJS.WritableStream;
};

const ctrlC = '\u0003';
const ctrlD = '\u0004';
const ctrlU = '\u0015';
const escape = '\u001B';

/**
 * Writes `question` and reads one line with echo off, in raw mode. Enter
 * submits; Backspace removes the last character; Ctrl-U clears the line;
 * escape sequences (arrow keys) are ignored; Ctrl-C and Ctrl-D give up (null).
 */
export async function readSecret(question: string, {input, output}: SecretStreams): Promise<string | null> {
	output.write(question);
	input.setRawMode?.(true);
	input.resume();
	let typed: string[] = [];
	let inEscape = false;
	// A character can arrive split across chunks; a decoder, unlike setEncoding, leaves the stream as Ink expects it.
	const decoder = new StringDecoder('utf8');

	return new Promise((resolve) => {
		const finish = (value: string | null) => {
			input.removeListener('data', onData);
			input.setRawMode?.(false);
			input.pause();
			output.write('\n');
			resolve(value);
		};

		function onData(chunk: Buffer | string) {
			for (const character of typeof chunk === 'string' ? chunk : decoder.write(chunk)) {
				if (inEscape && character >= ' ') {
					// CSI and SS3 sequences end with a letter or ~ ("\x1b[A", "\x1b[3~", "\x1bOP").
					if (/[A-Za-z~]/u.test(character) && character !== 'O') inEscape = false;
					continue;
				}

				// A control character ends a lone Esc: Enter after it still submits.
				inEscape = false;

				if (character === '\r' || character === '\n') return finish(typed.join(''));
				if (character === ctrlC || character === ctrlD) return finish(null);
				if (character === escape) inEscape = true;
				else if (character === '\u007F' || character === '\b') typed = typed.slice(0, -1);
				else if (character === ctrlU) typed = [];
				else if (character >= ' ') typed.push(character);
			}
		}

		input.on('data', onData);
	});
}

/** The token, or how the app should end (130 after Ctrl-C, 2 when none was given). */
export type AuthTokenAnswer = {token: string} | {exitCode: number};

/**
 * Asks for the auth token of `accountSid` at `apiUrl`; without a terminal to
 * ask on, says which variable to set instead.
 */
export async function askForAuthToken(
	apiUrl: string,
	accountSid: string,
	streams: SecretStreams = {input: process.stdin, output: process.stderr},
): Promise<AuthTokenAnswer> {
	const {input, output} = streams;
	if (!input.isTTY) {
		output.write(`agency-tokens: ${t('prompt.noTerminal', {apiUrl, variable: authTokenVariable})}\n`);
		return {exitCode: 2};
	}

	const answer = await readSecret(t('prompt.authToken', {accountSid, apiUrl}), streams);
	if (answer === null) return {exitCode: 130};
	const token = answer.trim();
	if (token === '') {
		output.write(`agency-tokens: ${t('prompt.empty', {variable: authTokenVariable})}\n`);
		return {exitCode: 2};
	}

	return {token};
}
