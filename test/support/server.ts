/**
 * The real reference server for tests: started on an ephemeral port with a
 * fresh temporary data directory, spoken to over HTTP with Node's fetch.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- tests read response bodies loosely; the typed client is source/api's job */
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {AccessToken} from '../../source/domain/token.js';
import {startServer, type RunningServer, type ServerOptions} from '../../source/server/app.js';

export const accountSid = 'IRAgencyDemo1';

/** `string`: an operator's auth token for IRAgencyDemo1; `[sid, token]`: any pair; `null`: no Authorization header. */
export type Auth = string | readonly [string, string] | null;

export type RequestOptions = {
	/** Default `demo-admin`. */
	auth?: Auth;
	/** An object or array is sent as JSON; a string is sent as it is (Content-Type application/json unless `headers` says otherwise). */
	body?: unknown;
	headers?: Record<string, string>;
};

export type TestResponse<T = any> = {
	status: number;
	/** Lower-cased header names. */
	headers: Record<string, string>;
	/** The parsed JSON body; undefined when the body is empty or not JSON. */
	json: T;
	text: string;
};

export type TestServer = {
	url: string;
	/** `url` + `/Agencies/IRAgencyDemo1`. */
	base: string;
	dataDir: string;
	server: RunningServer;
	/**
	 * One HTTP request. `path` is relative to `base` (`/AccessTokens`), unless it
	 * starts with `/Agencies/` (relative to `url`, for another account SID) or is a full URL.
	 */
	request<T = any>(method: string, path: string, options?: RequestOptions): Promise<TestResponse<T>>;
	/** Stops the server; removes the data directory unless the caller supplied it. */
	close(): Promise<void>;
};

export async function makeDataDir(): Promise<string> {
	return mkdtemp(path.join(os.tmpdir(), 'agency-tokens-test-'));
}

export function basicAuth(auth: Exclude<Auth, null>): string {
	const [user, password] = typeof auth === 'string' ? [accountSid, auth] : auth;
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** Starts the real server. Pass `dataDir` to reuse one (a restart); it is then left in place on close. */
export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
	const ownDir = options.dataDir === undefined;
	const dataDir = options.dataDir ?? (await makeDataDir());
	let server: RunningServer;
	try {
		server = await startServer({rateLimitPerHour: 0, ...options, dataDir});
	} catch (error) {
		if (ownDir) await rm(dataDir, {recursive: true, force: true});
		throw error;
	}

	const base = `${server.url}/Agencies/${accountSid}`;
	return {
		url: server.url,
		base,
		dataDir,
		server,
		request: async (method, requestPath, request = {}) => {
			const target = /^https?:/.test(requestPath)
				? requestPath
				: requestPath.startsWith('/Agencies/')
					? `${server.url}${requestPath}`
					: `${base}${requestPath}`;
			return send(method, target, request);
		},
		async close() {
			await server.close();
			if (ownDir) await rm(dataDir, {recursive: true, force: true});
		},
	};
}

/** One request to a full URL, with the same conventions as `TestServer.request`. */
export async function send<T = any>(
	method: string,
	url: string,
	options: RequestOptions = {},
): Promise<TestResponse<T>> {
	const headers: Record<string, string> = {Accept: 'application/json'};
	const auth = options.auth === undefined ? 'demo-admin' : options.auth;
	if (auth !== null) headers.Authorization = basicAuth(auth);
	let body: string | undefined;
	if (options.body !== undefined) {
		body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
		headers['Content-Type'] = 'application/json';
	}

	Object.assign(headers, options.headers);
	const response = await fetch(url, {method, headers, body});
	const text = await response.text();
	let json: any;
	try {
		json = text === '' ? undefined : JSON.parse(text);
	} catch {
		json = undefined;
	}

	return {status: response.status, headers: Object.fromEntries(response.headers), json, text};
}

/** The token named exactly `name`, as the server lists it; throws when it has none. */
export async function tokenNamed(server: TestServer, name: string): Promise<AccessToken> {
	const answer = await server.request('GET', `/AccessTokens?PageSize=1000&Name=${encodeURIComponent(name)}`);
	const token = (answer.json.AccessTokens as AccessToken[]).find((candidate) => candidate.Name === name);
	if (!token) throw new Error(`No token named ${name} on the server`);
	return token;
}
