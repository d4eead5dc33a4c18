/** The status-line words for each kind of answer, table-driven. */
import {describe, expect, it} from 'vitest';
import {codeForStatus, errorFromResponse, formatDuration, oneLine} from '../../source/api/errors.js';

const json = (body: object) => JSON.stringify({Status: 'ERROR', ...body});

describe('errorFromResponse', () => {
	it.each([
		[400, json({Message: 'Token name is required', Field: 'Name'}), 'validation', 'Token name is required'],
		[400, '', 'validation', 'HTTP 400: Bad request'],
		[401, json({Message: 'Authentication required'}), 'unauthorized', 'HTTP 401: Authentication required'],
		[403, '<html>nope</html>', 'forbidden', 'HTTP 403: Forbidden'],
		[404, json({Message: 'No token NoSuch'}), 'notFound', 'HTTP 404: No token NoSuch'],
		[408, '', 'timeout', 'HTTP 408: Request timeout'],
		[409, json({Message: 'Name already taken'}), 'conflict', 'Name already taken'],
		[409, '', 'conflict', 'changed by someone else'],
		[
			412,
			json({Message: 'Token "x" was changed by someone else (…)'}),
			'conflict',
			'changed by someone else',
		],
		[428, json({Message: 'Send If-Match'}), 'validation', 'Send If-Match'],
		[429, '', 'rateLimited', 'HTTP 429: Too many requests'],
		[500, json({Message: 'Internal error'}), 'server', 'HTTP 500: Internal error'],
		[
			503,
			json({Message: 'Service unavailable (injected failure)'}),
			'server',
			'HTTP 503: Service unavailable (injected failure)',
		],
		[599, '', 'server', 'HTTP 599: Server error'],
		[302, '', 'badResponse', 'the server answered with an unexpected HTTP 302'],
	])('HTTP %i %j → %s "%s"', (status, body, code, message) => {
		const error = errorFromResponse({status, body, operation: 'GET /AccessTokens'});
		expect({code: error.code, message: error.message, status: error.status}).toEqual({code, message, status});
		expect(error.operation).toBe('GET /AccessTokens');
	});

	it('says when to try again after a 429, unless the server already did', () => {
		expect(errorFromResponse({status: 429, body: '', operation: 'GET /', retryAfterMs: 12_000}).message).toBe(
			'HTTP 429: Too many requests; try again in 12 s',
		);
		const told = errorFromResponse({
			status: 429,
			body: json({Message: 'Slow down; retry in 12 s'}),
			operation: 'GET /',
			retryAfterMs: 12_000,
		});
		expect(told.message).toBe('HTTP 429: Slow down; retry in 12 s');
		expect(told.retryAfterMs).toBe(12_000);
	});

	it('keeps every field the server found wrong', () => {
		const error = errorFromResponse({
			status: 400,
			operation: 'POST /AccessTokens',
			body: json({
				Message: 'Token name is required',
				Field: 'Name',
				Errors: [
					{Field: 'Name', Message: 'Token name is required'},
					{Field: 'Scopes', Message: 'Select at least one API scope'},
					{Field: 3},
				],
			}),
		});
		expect(error.field).toBe('Name');
		expect(error.fieldErrors).toEqual([
			{field: 'Name', message: 'Token name is required'},
			{field: 'Scopes', message: 'Select at least one API scope'},
		]);
	});
});

describe('codeForStatus', () => {
	it.each([
		[410, 'notFound'],
		[413, 'validation'],
		[502, 'server'],
		[100, 'badResponse'],
	])('%i → %s', (status, code) => {
		expect(codeForStatus(status)).toBe(code);
	});
});

describe('formatDuration', () => {
	it.each([
		[0, '0 ms'],
		[350, '350 ms'],
		[1500, '1.5 s'],
		[10_000, '10 s'],
		[90_000, '90 s'],
		[12 * 60_000, '12 min'],
		[3 * 60 * 60_000, '3 h'],
	])('%i ms → %s', (ms, text) => {
		expect(formatDuration(ms)).toBe(text);
	});
});

describe('oneLine', () => {
	it('flattens control characters and bidi overrides, and shortens', () => {
		expect(oneLine('a\u001B[2J\r\nb\u202Ec\td')).toBe('a [2J b c d');
		expect(oneLine('x'.repeat(400), 10)).toBe(`${'x'.repeat(9)}…`);
	});
});
