/** How the real server's refusals and failures reach the app: one ApiError, a code, a readable message. */
import {afterEach, describe, expect, it} from 'vitest';
import {createApiClient, type ApiClientOptions, type RetryInfo} from '../../source/api/index.js';
import type {AccessToken} from '../../source/domain/token.js';
import {accountSid, startTestServer, type TestServer} from '../support/server.js';
import {closedPort, everythingIn, expectApiError} from './helpers.js';

const hour = 60 * 60 * 1000;
let servers: TestServer[] = [];

afterEach(async () => {
	await Promise.all(servers.map(async (server) => server.close()));
	servers = [];
});

async function serve(options: Parameters<typeof startTestServer>[0] = {}) {
	const server = await startTestServer(options);
	servers.push(server);
	const retries: RetryInfo[] = [];
	const connect = (patch: Partial<ApiClientOptions> = {}) =>
		createApiClient({
			apiUrl: server.url,
			accountSid,
			authToken: 'demo-admin',
			retry: {limit: 2, baseDelayMs: 5, maxDelayMs: 20},
			onRetry(info) {
				retries.push(info);
			},
			...patch,
		});
	return {server, client: connect(), connect, retries};
}

async function firstToken(server: TestServer): Promise<AccessToken> {
	const list = await server.request('GET', '/AccessTokens?PageSize=1&State=Enabled');
	return list.json.AccessTokens[0] as AccessToken;
}

describe('refusals', () => {
	it('400 names the field and keeps the server words as the message', async () => {
		const {client} = await serve();
		const error = await expectApiError(
			client.createToken({
				Name: ' ',
				Description: '',
				ApiVersion: '16',
				PrimaryContact: 'U1001',
				DeveloperEmails: ['not an address'],
				Scopes: ['account.users.get'],
			}),
			'validation',
		);
		expect(error).toMatchObject({status: 400, field: 'Name', message: 'Token name is required'});
		expect(error.fieldErrors?.map((problem) => problem.field)).toEqual(['Name', 'DeveloperEmails']);
	});

	it('401 for a wrong auth token, which appears nowhere in the error', async () => {
		const {connect} = await serve();
		const error = await expectApiError(
			connect({authToken: 'wrong-token-value'}).listTokens({}),
			'unauthorized',
		);
		expect(error.status).toBe(401);
		expect(error.message).toMatch(/^HTTP 401: Authentication required/u);
		expect(everythingIn(error)).not.toContain('wrong-token-value');
	});

	it('403 for a read-only operator writing, and for a role that may not manage tokens', async () => {
		const {server, connect} = await serve();
		const token = await firstToken(server);
		const readOnly = await expectApiError(
			connect({authToken: 'demo-readonly'}).disableToken(token.Id),
			'forbidden',
		);
		expect(readOnly.message).toMatch(
			/^HTTP 403: Your role \(Read-Only\) can view API access tokens but not change them/u,
		);
		const analyst = await expectApiError(connect({authToken: 'demo-analyst'}).listTokens({}), 'forbidden');
		expect(analyst.message).toContain('Your role (Analyst) cannot manage API access tokens');
		// Nothing was changed by the refused write.
		expect((await server.request('GET', `/AccessTokens/${token.Id}`)).json.State).toBe('Enabled');
	});

	it('404 for a token that does not exist', async () => {
		const {client} = await serve();
		const error = await expectApiError(client.getToken('NoSuchToken123'), 'notFound');
		expect(error.status).toBe(404);
	});

	it('412 when the token changed behind our back since we read it', async () => {
		const {server, client} = await serve();
		const token = await client.getToken((await firstToken(server)).Id);
		// Someone else disables it: its Version moves on.
		expect((await server.request('POST', `/AccessTokens/${token.Id}/Disable`)).status).toBe(200);
		const error = await expectApiError(
			client.editToken(
				token.Id,
				{
					Name: 'Mine now',
					Description: token.Description,
					PrimaryContact: token.PrimaryContact,
					DeveloperEmails: token.DeveloperEmails,
					Scopes: token.Scopes,
				},
				token.Version,
			),
			'conflict',
		);
		expect(error).toMatchObject({status: 412, message: 'changed by someone else'});
		expect(error.serverMessage).toContain('was changed by someone else');
		expect((await server.request('GET', `/AccessTokens/${token.Id}`)).json.Name).toBe(token.Name);
	});
});

describe('rate limits (429)', () => {
	/** A server clock we can move: real time plus an offset. */
	function movableClock() {
		let offset = 0;
		return {
			now: () => Date.now() + offset,
			skip(ms: number) {
				offset += ms;
			},
		};
	}

	it('waits out a short Retry-After, tells onRetry, then succeeds', async () => {
		const clock = movableClock();
		const {client, retries} = await serve({rateLimitPerHour: 2, now: clock.now});
		const windowStart = clock.now();
		await client.apiVersions();
		await client.users();
		// The hour is nearly over (however long the two calls took): the server asks for a short wait.
		clock.skip(windowStart + hour - 900 - clock.now());
		const started = Date.now();
		await expect(client.operator()).resolves.toMatchObject({UserId: 'U1001'});
		expect(retries).toHaveLength(1);
		const [retry] = retries;
		expect(retry).toMatchObject({
			attempt: 1,
			operation: 'GET /Operator',
			error: {code: 'rateLimited', status: 429},
		});
		expect(retry?.delayMs).toBe(retry?.error.retryAfterMs);
		expect(retry?.delayMs).toBeGreaterThanOrEqual(1000);
		expect(retry?.reason).toMatch(/^HTTP 429: Rate limit exceeded/u);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
	});

	it('gives up at once with code rateLimited when retrying is off', async () => {
		const {connect, retries} = await serve({rateLimitPerHour: 1});
		const client = connect({retry: {limit: 0}});
		await client.users();
		const error = await expectApiError(client.users(), 'rateLimited');
		expect(error.status).toBe(429);
		expect(error.retryAfterMs).toBeGreaterThan(hour - 60_000);
		expect(retries).toHaveLength(0);
	});

	it('does not sit out a Retry-After longer than maxRetryAfterMs, and says when to try again', async () => {
		const {client, retries} = await serve({rateLimitPerHour: 1});
		await client.users();
		const error = await expectApiError(client.users(), 'rateLimited');
		expect(error.message).toMatch(/^HTTP 429: Rate limit exceeded.*; retry in 3\d{3} s$/u);
		expect(error.retryAfterMs).toBeGreaterThan(hour - 60_000);
		expect(retries).toHaveLength(0);
	});
});

describe('failures', () => {
	it('503 from --fail-rate 1: the write is not applied and the message says 503', async () => {
		const {server, connect} = await serve({failRate: 1});
		const token = await firstToken(server);
		const client = connect({retry: {limit: 0}});
		const error = await expectApiError(client.disableToken(token.Id, token.Version), 'server');
		expect(error.status).toBe(503);
		expect(error.message).toMatch(/^HTTP 503: Simulated failure/u);
		expect(error.maybeApplied).toBe(false);
		expect((await server.request('GET', `/AccessTokens/${token.Id}`)).json).toMatchObject({
			State: 'Enabled',
			Version: token.Version,
		});
	});

	it('a write refused with 503 once is retried after Retry-After and applied exactly once', async () => {
		const answers = [0, 1];
		const {server, client, retries} = await serve({failRate: 0.5, random: () => answers.shift() ?? 1});
		const token = await firstToken(server);
		await expect(client.disableToken(token.Id, token.Version)).resolves.toMatchObject({State: 'Disabled'});
		expect(retries).toMatchObject([{attempt: 1, delayMs: 1000, error: {status: 503}}]);
		const audit = await server.request('GET', '/AuditLog?PageSize=10');
		expect(
			audit.json.AuditEntries.filter((entry: {Action: string}) => entry.Action === 'Disable'),
		).toHaveLength(1);
	});

	it('a closed port is a network error, quickly', async () => {
		const port = await closedPort();
		const retries: RetryInfo[] = [];
		const client = createApiClient({
			apiUrl: `http://127.0.0.1:${port}`,
			accountSid,
			authToken: 'demo-admin',
			retry: {limit: 2, baseDelayMs: 5, maxDelayMs: 10},
			onRetry: (info) => retries.push(info),
		});
		const started = Date.now();
		const error = await expectApiError(client.listTokens({}), 'network');
		expect(error.message).toBe(`cannot reach http://127.0.0.1:${port} (connection refused)`);
		expect(error.status).toBeUndefined();
		expect(retries).toHaveLength(2);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('a server slower than timeoutMs is a timeout', async () => {
		const {connect} = await serve({latencyMs: 1500});
		const client = connect({timeoutMs: 200, retry: {limit: 0}});
		const error = await expectApiError(client.operator(), 'timeout');
		expect(error.message).toBe('the server did not answer within 200 ms');
	});
});
