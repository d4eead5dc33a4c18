/**
 * Answers the reference server never gives, from a scripted node:http server:
 * garbage, cut-off bodies, dropped connections, redirects, hostile messages.
 * Each must become a clear ApiError: never a crash, never an unhandled rejection.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {createApiClient, type RetryInfo} from '../../source/api/index.js';
import {cacheText, everythingIn, expectApiError, startScriptedServer} from './helpers.js';

const authToken = 'sekrit-auth-token-1234';
const quick = {limit: 2, baseDelayMs: 5, maxDelayMs: 20};
let servers: Array<{close(): Promise<void>}> = [];

afterEach(async () => {
	await Promise.all(servers.map(async (server) => server.close()));
	servers = [];
});

/**
 * A read through the HTTP cache is got's promise; past it (`cache: false`, and
 * every page of a list walk) the answer streams (see streamed.ts). Each must
 * fail the same way.
 */
const readPaths = [
	{path: 'through the cache', cache: undefined},
	{path: 'streamed past the cache', cache: false as const},
];

async function scripted(handler: Parameters<typeof startScriptedServer>[0], cache?: false) {
	const server = await startScriptedServer(handler);
	servers.push(server);
	const retries: RetryInfo[] = [];
	const client = createApiClient({
		apiUrl: server.url,
		accountSid: 'IRAgencyDemo1',
		authToken,
		timeoutMs: 2000,
		retry: quick,
		...(cache === undefined ? {} : {cache}),
		onRetry(info) {
			retries.push(info);
		},
	});
	return {server, client, retries};
}

/** Just what the client checks of a token. */
const token = {Id: 'abc', Name: 'a', Version: 1, Scopes: [], DeveloperEmails: []};

const emptyPage = {
	'@page': 1,
	'@numpages': 1,
	'@pagesize': 100,
	'@total': 0,
	'@start': 0,
	'@end': 0,
	AccessTokens: [],
};

describe.each(readPaths)('answers that are not what the contract promises, $path', ({cache}) => {
	const serve = async (handler: Parameters<typeof startScriptedServer>[0]) => scripted(handler, cache);

	it('a 200 that is not JSON is a badResponse naming the status', async () => {
		const {client} = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'text/html'});
			response.end('<html><body>Welcome to the captive portal</body></html>');
		});
		const error = await expectApiError(client.listTokens({}), 'badResponse');
		expect(error.message).toBe('the server answered with something that is not JSON (HTTP 200)');
		expect(error.status).toBe(200);
	});

	it('JSON cut short with a matching length is a badResponse, not a crash', async () => {
		const {client} = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			response.end('{"AccessTokens":[{"Id":"abc","Na');
		});
		const error = await expectApiError(client.getToken('abc'), 'badResponse');
		expect(error.message).toContain('not JSON (HTTP 200)');
	});

	it('a body cut off before its Content-Length is a badResponse saying so, after retrying the read', async () => {
		const {client, server, retries} = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json', 'content-length': '5000'});
			response.write('{"AccessTokens":[{"Id":"abc",');
			setTimeout(() => response.socket?.destroy(), 10);
		});
		const error = await expectApiError(client.listTokens({}), 'badResponse');
		expect(error.message).toBe("the server's answer was cut off (HTTP 200)");
		expect(retries).toHaveLength(2);
		expect(server.requests).toHaveLength(3);
	});

	it('a chunked body cut off mid-stream is a badResponse too', async () => {
		const {client} = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			response.write('{"AccessTokens":[');
			setTimeout(() => response.socket?.destroy(), 10);
		});
		const error = await expectApiError(client.listTokens({}), 'badResponse');
		expect(error.message).toContain('cut off');
	});

	it('JSON without the promised list names what is missing', async () => {
		const {client} = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			response.end(JSON.stringify({Tokens: []}));
		});
		const error = await expectApiError(client.listTokens({}), 'badResponse');
		expect(error.message).toBe(`the server's answer lacks the list "AccessTokens" (HTTP 200)`);
	});

	it('a token without an Id is refused rather than handed to the app', async () => {
		const {client} = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			response.end(JSON.stringify({...emptyPage, AccessTokens: [{Name: 'no id'}]}));
		});
		await expectApiError(client.listTokens({}), 'badResponse');
	});

	it("a proxy's HTML error page maps by status, and a read retries it", async () => {
		const {client, retries} = await serve((_request, response) => {
			response.writeHead(502, {'content-type': 'text/html'});
			response.end('<h1>502 Bad Gateway</h1>');
		});
		const error = await expectApiError(client.apiVersions(), 'server');
		expect(error.message).toBe('HTTP 502: Bad gateway');
		expect(error.status).toBe(502);
		expect(retries.map((retry) => retry.attempt)).toEqual([1, 2]);
		expect(retries[0]?.reason).toBe('HTTP 502: Bad gateway');
	});

	it('a redirect is not followed: the credentials stay with the configured server', async () => {
		const {client, server} = await serve((_request, response) => {
			response.writeHead(302, {location: 'http://example.invalid/steal'});
			response.end();
		});
		const error = await expectApiError(client.operator(), 'badResponse');
		expect(error.message).toBe('the server answered with an unexpected HTTP 302');
		expect(server.requests).toHaveLength(1);
	});

	it("a hostile server message cannot reach the terminal's control sequences", async () => {
		const {client} = await serve((_request, response) => {
			response.writeHead(400, {'content-type': 'application/json'});
			response.end(
				JSON.stringify({
					Status: 'ERROR',
					Message: 'Bad\u001B]0;pwned\u0007 name\n\u202Eevil',
					Field: 'Na\u001B[2Jme',
				}),
			);
		});
		const error = await expectApiError(client.createToken({} as never), 'validation');
		expect(error.message).toBe('Bad ]0;pwned name evil');
		expect(error.field).toBe('Na [2Jme');
	});

	it('a character split between two chunks of the body arrives whole', async () => {
		const name = 'Ünïcødé – 광고 🚀';
		const body = Buffer.from(
			JSON.stringify({...emptyPage, '@total': 1, AccessTokens: [{...token, Name: name}]}),
		);
		const cut = body.indexOf(Buffer.from('광')) + 1;
		const {client} = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			response.write(body.subarray(0, cut));
			setTimeout(() => response.end(body.subarray(cut)), 20);
		});
		const page = await client.listTokens({});
		expect(page.tokens.map((listed) => listed.Name)).toEqual([name]);
	});

	it('an ASCII body in many small chunks arrives whole, escapes and all', async () => {
		const names = Array.from({length: 300}, (_, index) => `token é ${index}`);
		const page = {
			...emptyPage,
			'@total': 300,
			AccessTokens: names.map((Name, at) => ({...token, Id: `t${at}`, Name})),
		};
		// As the reference server writes it: every character past ASCII as a \u escape.
		const body = JSON.stringify(page).replaceAll('é', String.raw`\u00e9`);
		const {client} = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			for (let at = 0; at < body.length; at += 1000) response.write(body.slice(at, at + 1000));
			response.end();
		});
		const answer = await client.listTokens({});
		expect(answer.tokens.map((listed) => listed.Name)).toEqual(names);
	});
});

describe.each(readPaths)('connections that fail, $path', ({cache}) => {
	const serve = async (handler: Parameters<typeof startScriptedServer>[0]) => scripted(handler, cache);

	it('a read whose connection drops is retried, then reported as a lost connection', async () => {
		const {client, server} = await serve((request) => {
			request.socket.destroy();
		});
		const error = await expectApiError(client.users(), 'network');
		expect(error.message).toBe(`lost the connection to ${server.url} (connection reset)`);
		expect(server.requests).toHaveLength(3);
	});

	it('a write whose connection drops after sending is never sent again, and may have been applied', async () => {
		const {client, server, retries} = await serve((request) => {
			request.socket.destroy();
		});
		const error = await expectApiError(client.disableToken('abc', 3), 'network');
		expect(server.requests).toHaveLength(1);
		expect(retries).toHaveLength(0);
		expect(error.maybeApplied).toBe(true);
	});

	it('a write that times out is not repeated and is flagged as maybe applied', async () => {
		const {server} = await serve(() => {
			// Never answers.
		});
		const client = createApiClient({
			apiUrl: server.url,
			accountSid: 'IRAgencyDemo1',
			authToken,
			timeoutMs: 150,
			retry: quick,
			...(cache === undefined ? {} : {cache}),
		});
		const error = await expectApiError(client.enableToken('abc'), 'timeout');
		expect(error.message).toBe('the server did not answer within 150 ms');
		expect(error.maybeApplied).toBe(true);
		expect(server.requests).toHaveLength(1);
	});

	it('a write answered 503 before processing is retried with the same Idempotency-Key', async () => {
		let calls = 0;
		const {client, server, retries} = await serve((_request, response) => {
			calls++;
			if (calls === 1) {
				response.writeHead(503, {'content-type': 'application/json', 'retry-after': '0'});
				response.end(JSON.stringify({Status: 'ERROR', Message: 'Service unavailable (maintenance)'}));
				return;
			}

			response.writeHead(200, {'content-type': 'application/json'});
			response.end(JSON.stringify({Enabled: true}));
		});
		await expect(client.enableLegacy()).resolves.toBe(true);
		expect(retries).toMatchObject([
			{attempt: 1, delayMs: 0, reason: 'HTTP 503: Service unavailable (maintenance)'},
		]);
		const keys = server.requests.map((request) => request.headers['idempotency-key']);
		expect(keys[0]).toMatch(/^[\da-f-]{36}$/u);
		expect(keys[1]).toBe(keys[0]);
	});

	it('a cancelled list rejects with code aborted and stops waiting', async () => {
		const {client} = await serve(() => {
			// Never answers.
		});
		const controller = new AbortController();
		const pending = client.listTokens({}, controller.signal);
		setTimeout(() => controller.abort(), 20);
		const error = await expectApiError(pending, 'aborted');
		expect(error.message).toBe('cancelled');
	});
});

describe('credentials stay secret', () => {
	it('no error, however it is logged, holds the auth token', async () => {
		const {client} = await scripted((request, response) => {
			if (request.url?.includes('Operator')) {
				request.socket.destroy();
				return;
			}

			response.writeHead(401, {'content-type': 'application/json'});
			response.end(JSON.stringify({Status: 'ERROR', Message: 'Wrong Account SID or auth token'}));
		});
		const basic = Buffer.from(`IRAgencyDemo1:${authToken}`).toString('base64');
		const calls = [
			async () => client.operator(),
			async () => client.users(),
			async () => client.createToken({} as never),
		];
		for (const call of calls) {
			let caught: unknown;
			try {
				await call();
			} catch (error) {
				caught = error;
			}

			const text = everythingIn(caught);
			expect(text).not.toContain(authToken);
			expect(text).not.toContain(basic);
		}
	});

	it('the authorization header never reaches the cache, even when the server varies on it', async () => {
		const store = new Map<string, unknown>();
		const {server} = await scripted((_request, response) => {
			response.writeHead(200, {
				'content-type': 'application/json',
				etag: '"1"',
				vary: 'Authorization, Accept-Encoding',
				'cache-control': 'private, max-age=600',
			});
			response.end(JSON.stringify(emptyPage));
		});
		const client = createApiClient({
			apiUrl: server.url,
			accountSid: 'IRAgencyDemo1',
			authToken,
			cache: store,
		});
		await client.listTokens({});
		await client.listTokens({});
		// Revalidated, not served from max-age: the server saw both requests.
		expect(server.requests).toHaveLength(2);
		expect(server.requests[1]?.headers['if-none-match']).toBe('"1"');
		const text = cacheText(store);
		expect(text).toContain('AccessTokens');
		expect(text).not.toContain(authToken);
		expect(text).not.toContain(Buffer.from(`IRAgencyDemo1:${authToken}`).toString('base64'));
	});
});
