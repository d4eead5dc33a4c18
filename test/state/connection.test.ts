import {describe, expect, test} from 'vitest';
import type {Operator, Role} from '../../source/domain/token.js';
import {initialState, mayManageTokens, selectReadOnly} from '../../source/state/index.js';
import {now, run} from './fixtures.js';

const options = {now, serverUrl: 'http://127.0.0.1:4000', accountSid: 'IRAgencyDemo1'};
const fresh = initialState(options);

function operator(Role: Role, CanWrite: boolean): Operator {
	return {Name: 'Someone', Role, UserId: 'U1001', CanWrite};
}

describe('read-only mode', () => {
	test.each<[string, ReturnType<typeof initialState>, string | null]>([
		['nobody known yet: not read-only', fresh, null],
		[
			'an administrator may write',
			run(fresh, {type: 'connection/operator', operator: operator('Account Administrator', true)}),
			null,
		],
		[
			'a read-only role may not',
			run(fresh, {type: 'connection/operator', operator: operator('Read-Only', false)}),
			'your role (Read-Only) cannot change tokens',
		],
		[
			'--readonly, whatever the role',
			initialState({...options, readOnlyReason: 'started with --readonly'}),
			'started with --readonly',
		],
		[
			'a refused write',
			run(
				fresh,
				{type: 'connection/operator', operator: operator('Account Administrator', true)},
				{type: 'connection/readOnly', reason: 'the server refused a change (403)'},
			),
			'the server refused a change (403)',
		],
	])('%s', (_case, state, reason) => {
		expect(selectReadOnly(state)).toBe(reason);
	});

	test('the first reason stays: a later one does not replace it', () => {
		const state = run(
			fresh,
			{type: 'connection/readOnly', reason: 'first'},
			{type: 'connection/readOnly', reason: 'second'},
		);
		expect(state.connection.readOnlyReason).toBe('first');
	});
});

describe('roles', () => {
	test.each<[string, boolean]>([
		['Account Administrator', true],
		['Implementation Specialist', true],
		['Read-Only', true],
		['Analyst', false],
		['Someone Else', false],
	])('%s may see the token screen: %s', (role, expected) => {
		expect(mayManageTokens(role)).toBe(expected);
	});
});

describe('the legacy-token switch', () => {
	test('is unknown until asked, then recorded; the same answer changes nothing', () => {
		expect(fresh.connection.legacyEnabled).toBeNull();
		const enabled = run(fresh, {type: 'connection/legacy', enabled: true});
		expect(enabled.connection.legacyEnabled).toBe(true);
		expect(run(enabled, {type: 'connection/legacy', enabled: true})).toBe(enabled);
	});
});
