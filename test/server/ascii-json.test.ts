import fc from 'fast-check';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {asciiJson} from '../../source/server/ascii-json.js';
import {startTestServer, type TestServer} from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server.close();
});

const asciiOnly = (text: string) => [...text].every((character) => character.charCodeAt(0) < 0x7f);

describe('JSON answers in ASCII', () => {
	it('writes names beyond ASCII as \\u escapes that read back as the same text', async () => {
		const name = '広告レポート – Q4 😀 ünïcödé';
		const created = await server.request('POST', '/AccessTokens', {
			body: {Name: name, Scopes: ['reports.reports.get']},
		});
		expect(created.status).toBe(201);
		expect(asciiOnly(created.text)).toBe(true);
		expect(created.json.AccessToken.Name).toBe(name);

		const listed = await server.request(
			'GET',
			`/AccessTokens?PageSize=1000&Name=${encodeURIComponent('広告')}`,
		);
		expect(listed.status).toBe(200);
		expect(asciiOnly(listed.text)).toBe(true);
		expect(listed.text).toContain('\\u5e83\\u544a');
		expect(listed.json.AccessTokens.map((token: {Name: string}) => token.Name)).toContain(name);
	});

	it('errors too', async () => {
		const refused = await server.request('POST', '/AccessTokens', {
			body: {Name: '', Description: 'é'.repeat(5000)},
		});
		expect(refused.status).toBe(400);
		expect(asciiOnly(refused.text)).toBe(true);
		expect(() => JSON.parse(refused.text) as unknown).not.toThrow();
	});
});

/** What asciiJson must equal: JSON.stringify, then every UTF-16 unit past ASCII escaped. */
const reference = (value: unknown) =>
	JSON.stringify(value)?.replace(
		/[\u007f-\uffff]/g,
		(unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);

describe('asciiJson, written value by value', () => {
	it('writes what JSON.stringify writes, escaped, for any JSON value and any text', () => {
		// Any code point at all, and strings made of the characters JSON treats specially.
		const awkwardUnits = [
			'"',
			'\\',
			'/',
			'a',
			' ',
			'~',
			'\u007f',
			'\u0000',
			'\n',
			'é',
			'\u2028',
			'\ud800',
			'\udc00',
			'😀',
		];
		const anyText = fc.oneof(
			fc.string({unit: 'binary', maxLength: 12}),
			fc.string({unit: fc.constantFrom(...awkwardUnits), maxLength: 12}),
		);
		const value = fc.letrec((tie) => ({
			item: fc.oneof(
				{depthSize: 'small'},
				anyText,
				fc.double(),
				fc.integer(),
				fc.boolean(),
				fc.constant(null),
				fc.constant(undefined),
				fc.date({noInvalidDate: true}),
				fc.array(tie('item'), {maxLength: 4}),
				fc.dictionary(anyText, tie('item'), {maxKeys: 4}),
			),
		})).item;
		fc.assert(
			fc.property(value, (generated) => {
				expect(asciiJson(generated)).toBe(reference(generated));
			}),
			{numRuns: 2000},
		);
	});

	it('keeps lone surrogates and quotes escaped as JSON does', () => {
		const awkward = {
			'"key"\\': ['\ud800', 'a\u0000b', 'say "hi"', '\u2028', '\u{1f600}', 'é'],
			n: [-0, Number.NaN, 1e21],
		};
		expect(asciiJson(awkward)).toBe(reference(awkward));
		expect(JSON.parse(asciiJson(awkward))).toEqual(JSON.parse(JSON.stringify(awkward)));
	});
});
