import {request as httpRequest} from 'node:http';
import {connect} from 'node:net';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {basicAuth, startTestServer, type TestServer} from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => server.close());

/** A request fetch would refuse to send as it is (a raw path with bad escapes). */
async function raw(path: string): Promise<{status: number; body: string}> {
	const url = new URL(server.url);
	return new Promise((resolve, reject) => {
		const request = httpRequest(
			{
				host: url.hostname,
				port: url.port,
				path,
				method: 'GET',
				headers: {Authorization: basicAuth('demo-admin')},
			},
			(response) => {
				let body = '';
				response.on('data', (chunk: Buffer) => (body += chunk.toString()));
				response.on('end', () => resolve({status: response.statusCode!, body}));
			},
		);
		request.on('error', reject);
		request.end();
	});
}

describe('errors are JSON, and never a 5xx', () => {
	test('an unknown route is a 404 in the error shape', async () => {
		for (const path of ['/Nope', '/AccessTokens/x/Explode', '/Agencies', '/']) {
			const {status, json} = await server.request(
				'GET',
				path.startsWith('/Agencies') || path === '/' ? `${server.url}${path}` : path,
			);
			expect(status, path).toBe(404);
			expect(json).toMatchObject({Status: 'ERROR', Message: expect.any(String)});
		}
	});

	test('an unsupported method is a 404 too', async () => {
		const {status, json} = await server.request('PATCH', '/AccessTokens');
		expect(status).toBe(404);
		expect(json.Status).toBe('ERROR');
	});

	test('a malformed URL is a 400', async () => {
		const {status, body} = await raw('/Agencies/IRAgencyDemo1/AccessTokens/%E0%A4%A');
		expect(status).toBe(400);
		expect(JSON.parse(body)).toMatchObject({Status: 'ERROR', Message: expect.stringContaining('URL')});
	});

	test('malformed JSON is a 400 that says so', async () => {
		const {status, json} = await server.request('POST', '/AccessTokens', {body: '{"Name": '});
		expect(status).toBe(400);
		expect(json).toMatchObject({Status: 'ERROR', Message: expect.stringContaining('not valid JSON')});
	});

	test('a body over 64 KiB is a 413', async () => {
		const {status, json} = await server.request('POST', '/AccessTokens', {
			body: {Name: 'big', Description: 'x'.repeat(70_000), Scopes: ['reports.reports.get']},
		});
		expect(status).toBe(413);
		expect(json.Status).toBe('ERROR');
	});

	test('a body on an action that takes none is fine when empty, refused when not JSON', async () => {
		const id = (await server.request('GET', '/AccessTokens?PageSize=1')).json.AccessTokens[0].Id;
		const empty = await server.request('POST', `/AccessTokens/${id}/Enable`, {
			body: '',
			headers: {'Content-Type': 'application/json'},
		});
		expect(empty.status).toBe(200);
		const text = await server.request('POST', `/AccessTokens/${id}/Enable`, {
			body: 'go',
			headers: {'Content-Type': 'text/plain'},
		});
		expect(text.status).toBe(400);
	});

	test('a sample of hostile requests never gets a 5xx', async () => {
		const bodies = [
			'{"__proto__": {"polluted": true}, "Name": "p", "Scopes": ["reports.reports.get"]}',
			`${'['.repeat(5000)}${']'.repeat(5000)}`,
			'{"Name": "\\ud800", "Scopes": ["reports.reports.get"]}',
			'{"Name": {"$gt": ""}}',
			'{"Scopes": [[[]]]}',
			'\u0000\u0001',
			'1e999999',
			'{"Name": "x", "Scopes": ["reports.reports.get"], "DeveloperEmails": [null]}',
		];
		const paths = [
			'/AccessTokens',
			'/AccessTokens/%00',
			'/AccessTokens/..%2F..%2Fetc',
			`/AccessTokens/${'a'.repeat(300)}`,
			'/AccessTokens?PageSize=%00',
			'/AccessTokens?Name=%F0%9F%98%80&CreatedOn[]=x',
			'/AccessTokens?Name[a]=1',
			'/AuditLog?Page=-1',
		];
		const statuses: number[] = [];
		for (const path of paths) {
			for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
				for (const body of method === 'GET' ? [undefined] : bodies) {
					statuses.push((await server.request(method, path, {body})).status);
				}
			}
		}

		expect(statuses.filter((status) => status >= 500)).toEqual([]);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});

/** Raw bytes on a fresh connection; resolves with everything the server sent before closing. */
async function rawExchange(bytes: string): Promise<string> {
	const url = new URL(server.url);
	return new Promise((resolve, reject) => {
		let answer = '';
		const socket = connect(Number(url.port), url.hostname, () => socket.write(bytes));
		socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
		socket.on('close', () => resolve(answer));
		socket.on('error', reject);
	});
}

const jsonBodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as unknown;

describe('requests refused before routing', () => {
	test('what the HTTP parser cannot read is a 400 in the error shape, and the connection closes', async () => {
		const answer = await rawExchange(
			'GET /Agencies/IRAgencyDemo1/AccessTokens HTTP/1.1\r\nHost: x\r\nBad\u0001Header: 1\r\n\r\n',
		);
		expect(answer).toMatch(/^HTTP\/1\.1 400 /);
		expect(jsonBodyOf(answer)).toEqual({Status: 'ERROR', Message: expect.stringContaining('HTTP/1.1')});
	});

	test('headers over 16 KiB are a 431 in the error shape', async () => {
		const answer = await rawExchange(
			`GET /Agencies/IRAgencyDemo1/AccessTokens HTTP/1.1\r\nHost: x\r\nX-Padding: ${'x'.repeat(20_000)}\r\n\r\n`,
		);
		expect(answer).toMatch(/^HTTP\/1\.1 431 /);
		expect(jsonBodyOf(answer)).toMatchObject({Status: 'ERROR'});
	});

	test('CONNECT is answered (405), not dropped', async () => {
		const answer = await rawExchange('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
		expect(answer).toMatch(/^HTTP\/1\.1 405 /);
		expect(jsonBodyOf(answer)).toMatchObject({Status: 'ERROR', Message: expect.stringContaining('CONNECT')});
	});

	test('an Idempotency-Key on a body nested too deep to serialize again is a plain 400', async () => {
		const {status, json} = await server.request('POST', '/AccessTokens', {
			body: `{"Name": ${'['.repeat(30_000)}${']'.repeat(30_000)}}`,
			headers: {'Idempotency-Key': 'deep'},
		});
		expect(status).toBe(400);
		expect(json.Field).toBe('Name');
	});
});

describe('simulated faults', () => {
	test('failRate 1 answers every write with 503 and changes nothing', async () => {
		const failing = await startTestServer({failRate: 1});
		try {
			const before = (await failing.request('GET', '/AccessTokens?PageSize=1000')).json;
			const id = before.AccessTokens[0].Id;
			const attempts = [
				await failing.request('POST', '/AccessTokens', {body: {Name: 'x', Scopes: ['reports.reports.get']}}),
				await failing.request('PUT', `/AccessTokens/${id}`, {
					body: {Name: 'y'},
					headers: {'If-Match': '"1"'},
				}),
				await failing.request('DELETE', `/AccessTokens/${id}`),
				await failing.request('POST', `/AccessTokens/${id}/Disable`),
				await failing.request('POST', '/LegacyTokens/Enable'),
			];
			for (const attempt of attempts) {
				expect(attempt.status).toBe(503);
				expect(attempt.json).toMatchObject({
					Status: 'ERROR',
					Message: expect.stringContaining('nothing was changed'),
				});
			}

			expect((await failing.request('GET', '/AccessTokens?PageSize=1000')).json).toEqual(before);
			expect((await failing.request('GET', '/AuditLog')).json.AuditEntries).toEqual([]);
		} finally {
			await failing.close();
		}
	});

	test('latency delays responses but changes nothing else', async () => {
		const slow = await startTestServer({latencyMs: 30});
		try {
			expect((await slow.request('GET', '/AccessTokens?PageSize=1')).status).toBe(200);
		} finally {
			await slow.close();
		}
	});
});
