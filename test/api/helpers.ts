/** Small helpers of the API client tests. */
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {inspect} from 'node:util';
import {expect} from 'vitest';
import {ApiError, type ApiErrorCode} from '../../source/api/index.js';

/**
 * A throwaway HTTP server answering by `handler`, for answers the reference
 * server never gives (garbage, cut-off bodies, redirects). Not a mock of got:
 * the client still speaks real HTTP to it.
 */
export async function startScriptedServer(
	handler: (request: http.IncomingMessage, response: http.ServerResponse) => void,
): Promise<{url: string; requests: http.IncomingMessage[]; close(): Promise<void>}> {
	const requests: http.IncomingMessage[] = [];
	const server = http.createServer((request, response) => {
		requests.push(request);
		handler(request, response);
	});
	await new Promise<void>((resolve) => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => {
				server.close(() => {
					resolve();
				});
			});
		},
	};
}

/** A port nothing listens on: bound once, then released. */
export async function closedPort(): Promise<number> {
	const server = http.createServer();
	await new Promise<void>((resolve) => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;
	await new Promise<void>((resolve) => {
		server.close(() => {
			resolve();
		});
	});
	return port;
}

/** Awaits a rejection and checks it is an `ApiError` with `code`; returns it for further checks. */
export async function expectApiError(promise: Promise<unknown>, code: ApiErrorCode): Promise<ApiError> {
	let caught: unknown;
	try {
		await promise;
	} catch (error) {
		caught = error;
	}

	expect(caught, 'the call should have failed').toBeInstanceOf(ApiError);
	const error = caught as ApiError;
	expect({code: error.code, message: error.message}).toMatchObject({code});
	return error;
}

/** Everything an error would show when logged, stack and causes included. */
export function everythingIn(error: unknown): string {
	return `${inspect(error, {depth: 10, showHidden: true})}\n${JSON.stringify(error)}`;
}

/**
 * The text of every cache entry, with keyv's base64-encoded bodies decoded,
 * so a search for a secret cannot miss it for being encoded.
 */
export function cacheText(store: Map<string, unknown>): string {
	const parts: string[] = [];
	for (const [key, value] of store) {
		const text = typeof value === 'string' ? value : JSON.stringify(value);
		parts.push(key, text);
		for (const match of text.matchAll(/:base64:([A-Za-z\d+/=]*)/gu)) {
			parts.push(Buffer.from(match[1]!, 'base64').toString('utf8'));
		}
	}

	return parts.join('\n');
}
