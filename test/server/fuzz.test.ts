/**
 * Fuzzing the real server over HTTP with random and mutated requests
 * (fuzz-requests.ts): no answer is a 5xx, none hangs, the server never
 * crashes, every error is the JSON error shape, and a refused request (4xx)
 * leaves the data exactly as it was. CI runs a bounded sample;
 * `npm run fuzz` runs FUZZ_RUNS=10000 (FUZZ_SEED replays a reported run).
 */
import fc from 'fast-check';
import {connect} from 'node:net';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {send, startTestServer, type TestServer} from '../support/server.js';
import {fuzzRequest, type FuzzRequest} from './fuzz-requests.js';

const runs = Number(process.env.FUZZ_RUNS ?? 1500);
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
/** An answer slower than this is a hang. */
const answerWithinMs = 5000;

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => server?.close());

type Answer = {status: number; headers: Record<string, string>; body: string};

/**
 * Sends a request as raw bytes on its own connection (`Connection: close`) and
 * reads the answer until the server closes: no client library in between to
 * refuse what is sent or to misread what comes back.
 */
async function fire(request: FuzzRequest): Promise<Answer> {
	const url = new URL(server.url);
	const lines = [`${request.method} ${request.path} HTTP/1.1`, `Host: ${url.host}`, 'Connection: close'];
	// Header values cannot hold line breaks: one would start a new header (or the body) and break the frame.
	for (const [name, value] of Object.entries(request.headers))
		lines.push(`${name}: ${value.replace(/[\r\n]/g, '')}`);
	const framed = Object.keys(request.headers).some((name) =>
		/^(content-length|transfer-encoding)$/i.test(name),
	);
	if (request.body !== undefined && !framed) lines.push(`Content-Length: ${request.body.length}`);
	const chunked = Object.entries(request.headers).some(
		([name, value]) => /^transfer-encoding$/i.test(name) && /chunked/i.test(value),
	);
	const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
	const raw = await new Promise<Buffer>((resolve, reject) => {
		const chunks: Buffer[] = [];
		const socket = connect(Number(url.port), url.hostname, () => {
			const bytes = request.body ? Buffer.concat([head, request.body]) : head;
			// A chunked frame made of random bytes may promise bytes that never come: end the stream so
			// the server sees the frame is broken. (Otherwise no half-close: Node's server drops a
			// request whose client half-closes before the answer.)
			if (chunked) socket.end(bytes);
			else socket.write(bytes);
		});
		socket.setTimeout(answerWithinMs, () =>
			socket.destroy(new Error(`no answer within ${answerWithinMs} ms`)),
		);
		socket.on('data', (chunk: Buffer) => chunks.push(chunk));
		socket.on('close', () => resolve(Buffer.concat(chunks)));
		socket.on('error', reject);
	});
	const split = raw.indexOf('\r\n\r\n');
	const [statusLine = '', ...headerLines] = raw
		.subarray(0, split < 0 ? raw.length : split)
		.toString('latin1')
		.split('\r\n');
	const status = /^HTTP\/1\.1 (\d{3}) /.exec(statusLine)?.[1];
	if (!status)
		throw new Error(`not an HTTP answer: ${JSON.stringify(raw.subarray(0, 200).toString('latin1'))}`);
	const headers = Object.fromEntries(
		headerLines.map((line) => [
			line.slice(0, line.indexOf(':')).toLowerCase(),
			line.slice(line.indexOf(':') + 1).trim(),
		]),
	);
	let body = split < 0 ? Buffer.alloc(0) : raw.subarray(split + 4);
	if (headers['transfer-encoding'] === 'chunked') body = unchunk(body);
	// Only the first answer: bytes of a broken frame may have been read as a second request, and answered.
	else if (headers['content-length'] !== undefined && request.method !== 'HEAD') {
		body = body.subarray(0, Number(headers['content-length']));
	}
	return {status: Number(status), headers, body: body.toString('utf8')};
}

function unchunk(data: Buffer): Buffer {
	const parts: Buffer[] = [];
	for (let at = 0; at < data.length;) {
		const end = data.indexOf('\r\n', at);
		const size = Number.parseInt(data.subarray(at, end).toString('latin1'), 16);
		if (!(size > 0)) break;
		parts.push(data.subarray(end + 2, end + 2 + size));
		at = end + 2 + size + 2;
	}

	return Buffer.concat(parts);
}

/** Everything a refused request must not change: every token (legacy ones too), the legacy switch, the audit log. */
async function snapshot(): Promise<string> {
	const [legacy, first, audit] = await Promise.all([
		send('GET', `${server.base}/LegacyTokens/Enable`),
		send('GET', `${server.base}/AccessTokens?PageSize=1000`),
		send('GET', `${server.base}/AuditLog?PageSize=1`),
	]);
	expect(first.status).toBe(200);
	const parts = [legacy.text, String(audit.json['@total']), JSON.stringify(first.json.AccessTokens)];
	for (let page = 2; page <= first.json['@numpages']; page++) {
		parts.push(
			JSON.stringify(
				(await send('GET', `${server.base}/AccessTokens?PageSize=1000&Page=${page}`)).json.AccessTokens,
			),
		);
	}

	return parts.join('\n');
}

/** Where two snapshots first differ, briefly. */
function difference(before: string, after: string): string {
	let at = 0;
	while (at < before.length && before[at] === after[at]) at++;
	return `before: …${before.slice(Math.max(0, at - 80), at + 120)}…\nafter:  …${after.slice(Math.max(0, at - 80), at + 120)}…`;
}

let ids: string[] = [];
const refreshIds = (state: string) => {
	ids = [...state.matchAll(/"Id":"(\w+)"/g)].map((match) => match[1]!);
};

test(
	`${runs} random and mutated requests: no 5xx, no hang, no crash, and refusals change nothing`,
	async () => {
		let before = await snapshot();
		refreshIds(before);
		const seen = new Map<number, number>();
		let parserRefusals = 0;
		await fc.assert(
			fc.asyncProperty(
				fuzzRequest(() => ids),
				async (request) => {
					const shown = `${request.method} ${request.path.slice(0, 200)} ${JSON.stringify(request.headers).slice(0, 300)} body: ${request.body?.toString('utf8').slice(0, 200)}`;
					const answer = await fire(request);
					seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
					expect(answer.status, shown).toBeLessThan(500);
					if (answer.status >= 400 && request.method !== 'HEAD') {
						const body = JSON.parse(answer.body) as {Status?: string; Message?: string};
						expect(body, shown).toMatchObject({Status: 'ERROR', Message: expect.any(String)});
					}

					const after = await snapshot();
					// A 400 from Node's HTTP parser (broken framing) may refuse bytes sent after a request
					// that was read and done: it says nothing about that request, so it is no refusal of it.
					const framing = answer.body.includes('could not be read as HTTP/1.1');
					if (framing) parserRefusals++;
					if (answer.status >= 400 && !framing && after !== before) {
						expect.fail(
							`refused (${answer.status}) but changed the data: ${shown}\n${difference(before, after)}`,
						);
					}

					before = after;
					refreshIds(after);
				},
			),
			{numRuns: runs, seed, endOnFailure: true},
		);

		if (process.env.FUZZ_RUNS) {
			const statuses = JSON.stringify(Object.fromEntries([...seen].sort()));
			console.log(`answers by status: ${statuses}; ${parserRefusals} of them from the HTTP parser`);
		}

		// The server is still there and well.
		expect((await send('GET', `${server.base}/AccessTokens?PageSize=1`)).status).toBe(200);
		// The sample reached past the door: successes as well as refusals of every kind.
		const count = (predicate: (status: number) => boolean) =>
			[...seen].filter(([status]) => predicate(status)).reduce((sum, [, n]) => sum + n, 0);
		expect(count((status) => status < 300)).toBeGreaterThan(runs / 20);
		expect(count((status) => status === 400)).toBeGreaterThan(runs / 20);
		for (const status of [401, 403, 404])
			expect(seen.get(status) ?? 0, `answers ${status}`).toBeGreaterThan(0);
	},
	60_000 + runs * 30,
);
