import {afterAll, beforeAll, describe, expect, it} from 'vitest';
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
