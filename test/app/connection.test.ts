/** Where the app connects, from flags and environment. */
import {expect, test} from 'vitest';
import {resolveTarget} from '../../source/app/connection.js';

test.each([
	['a trailing slash', 'http://127.0.0.1:9/', 'http://127.0.0.1:9'],
	[
		'user:password@, which the client never sends and the status line would show',
		'http://ops:hunter2@127.0.0.1:9',
		'http://127.0.0.1:9',
	],
	['a query', 'https://tokens.test/base/?key=k', 'https://tokens.test/base'],
])('the API URL is used and shown without %s', (_name, apiUrl, expected) => {
	expect(resolveTarget({apiUrl, accountSid: 'AC1'}, {AGENCY_TOKENS_AUTH_TOKEN: 't'})).toEqual({
		kind: 'remote',
		apiUrl: expected,
		accountSid: 'AC1',
		authToken: 't',
	});
});

test('with a server but no token, the error names the variable', () => {
	expect(resolveTarget({apiUrl: 'http://127.0.0.1:9', accountSid: 'AC1'}, {})).toEqual({
		error: expect.stringContaining('AGENCY_TOKENS_AUTH_TOKEN') as unknown,
	});
});
