import {describe, expect, test} from 'vitest';
import type {AccessToken} from '../../source/domain/token.js';
import {
	selectCursor,
	selectFlash,
	selectPendingFor,
	selectSettledToken,
	selectVisibleRows,
	type Action,
	type AppState,
	type OpStart,
	type PendingKind,
} from '../../source/state/index.js';
import {daysAgo, ids, makeToken, now, refreshed, run, stateWith} from './fixtures.js';

const alpha = makeToken({Id: 'alpha', Name: 'Alpha', CreatedAt: daysAgo(1), Version: 3});
const beta = makeToken({Id: 'beta', Name: 'Beta', CreatedAt: daysAgo(2), Version: 5});
const gamma = makeToken({Id: 'gamma', Name: 'Gamma', CreatedAt: daysAgo(3), Version: 7});
const base = stateWith([alpha, beta, gamma]);

function op(opId: string, tokenId: string, kind: PendingKind, label = 'Working'): OpStart {
	return {opId, tokenId, kind, label, startedAt: now};
}

const token = (state: AppState, id: string): AccessToken | undefined => state.tokens.byId.get(id)?.token;
const visible = (state: AppState) => ids(selectVisibleRows(state));

const disabledBeta: AccessToken = {...beta, State: 'Disabled'};
const copyOfAlpha = makeToken({Id: 'tmp-1', Name: 'Alpha (copy)', CreatedAt: daysAgo(0)});

/** Each kind of op: the action applying it, what shows at once, and the server's copy on success. */
const cases: Array<{
	kind: PendingKind;
	tokenId: string;
	next: AccessToken | null;
	optimistic: string[];
	server: AccessToken | null;
	committed: string[];
}> = [
	{
		kind: 'update',
		tokenId: 'beta',
		next: disabledBeta,
		optimistic: ['alpha', 'beta', 'gamma'],
		server: {...disabledBeta, Version: 6},
		committed: ['alpha', 'beta', 'gamma'],
	},
	{
		kind: 'insert',
		tokenId: 'tmp-1',
		next: copyOfAlpha,
		optimistic: ['tmp-1', 'alpha', 'beta', 'gamma'],
		server: {...copyOfAlpha, Id: 'server-9', Version: 1},
		committed: ['server-9', 'alpha', 'beta', 'gamma'],
	},
	{
		kind: 'remove',
		tokenId: 'gamma',
		next: null,
		optimistic: ['alpha', 'beta'],
		server: null,
		committed: ['alpha', 'beta'],
	},
];

describe.each(cases)('an optimistic $kind', ({kind, tokenId, next, optimistic, server, committed}) => {
	const applied = run(base, {type: 'op/applied', op: op('op-1', tokenId, kind, 'Changing'), next});

	test('shows at once, with a pending op recording the previous value', () => {
		expect(visible(applied)).toEqual(optimistic);
		expect(token(applied, tokenId)).toEqual(next ?? undefined);
		expect(selectPendingFor(applied, tokenId)).toEqual({
			...op('op-1', tokenId, kind, 'Changing'),
			previous: token(base, tokenId) ?? null,
		});
	});

	test("commit puts the server's copy in place and clears the pending op", () => {
		const state = run(applied, {type: 'op/committed', opId: 'op-1', token: server});
		expect(visible(state)).toEqual(committed);
		if (server) expect(token(state, server.Id)).toEqual(server);
		expect(state.pending.size).toBe(0);
		expect(selectPendingFor(state, tokenId)).toBeUndefined();
	});

	test('revert restores exactly the previous value and says why', () => {
		const state = run(applied, {
			type: 'op/reverted',
			opId: 'op-1',
			message: 'HTTP 503: try again',
			at: now + 5,
		});
		expect(visible(state)).toEqual(['alpha', 'beta', 'gamma']);
		expect(token(state, tokenId)).toBe(token(base, tokenId));
		expect(state.pending.size).toBe(0);
		expect(selectFlash(state)).toMatchObject({message: 'HTTP 503: try again', level: 'error', at: now + 5});
	});
});

describe('several ops in flight', () => {
	const both = run(
		base,
		{type: 'op/applied', op: op('op-a', 'alpha', 'update', 'Disabling'), next: {...alpha, State: 'Disabled'}},
		{type: 'op/applied', op: op('op-b', 'beta', 'remove', 'Deleting'), next: null},
	);

	test('ops on different tokens do not interfere: reverting one keeps the other optimistic', () => {
		const state = run(both, {type: 'op/reverted', opId: 'op-a', message: 'HTTP 500'});
		expect(token(state, 'alpha')).toEqual(alpha);
		expect(token(state, 'beta')).toBeUndefined();
		expect([...state.pending.keys()]).toEqual(['op-b']);
		const reverted = run(state, {type: 'op/reverted', opId: 'op-b', message: 'HTTP 500'});
		expect(token(reverted, 'beta')).toEqual(beta);
		expect(visible(reverted)).toEqual(['alpha', 'beta', 'gamma']);
	});

	test('committing one and reverting the other, in either order, ends the same', () => {
		const commitFirst = run(
			both,
			{type: 'op/committed', opId: 'op-b', token: null},
			{type: 'op/reverted', opId: 'op-a', message: 'x'},
		);
		const revertFirst = run(
			both,
			{type: 'op/reverted', opId: 'op-a', message: 'x'},
			{type: 'op/committed', opId: 'op-b', token: null},
		);
		expect(visible(commitFirst)).toEqual(['alpha', 'gamma']);
		expect(visible(revertFirst)).toEqual(['alpha', 'gamma']);
		expect(token(commitFirst, 'alpha')).toEqual(alpha);
		expect(token(revertFirst, 'alpha')).toEqual(alpha);
	});

	test('a second op on the same token builds on the first; a revert of the first keeps the second on screen', () => {
		const upgraded = {...alpha, ApiVersion: '16'};
		const disabledUpgraded = {...upgraded, State: 'Disabled' as const};
		const state = run(
			base,
			{type: 'op/applied', op: op('op-1', 'alpha', 'update', 'Upgrading'), next: upgraded},
			{type: 'op/applied', op: op('op-2', 'alpha', 'update', 'Disabling'), next: disabledUpgraded},
		);
		expect(selectPendingFor(state, 'alpha')?.opId).toBe('op-2');
		const firstFailed = run(state, {type: 'op/reverted', opId: 'op-1', message: 'HTTP 409'});
		expect(token(firstFailed, 'alpha')).toEqual(disabledUpgraded);
		// The second's revert now goes back to what the server holds: the token before both.
		expect(firstFailed.pending.get('op-2')?.previous).toEqual(alpha);
		expect(token(run(firstFailed, {type: 'op/reverted', opId: 'op-2', message: 'x'}), 'alpha')).toEqual(
			alpha,
		);
	});

	test("a commit of the first of two ops on a token makes the server's copy the second's base", () => {
		const upgraded = {...alpha, ApiVersion: '16'};
		const server = {...upgraded, Version: 4};
		const state = run(
			base,
			{type: 'op/applied', op: op('op-1', 'alpha', 'update'), next: upgraded},
			{type: 'op/applied', op: op('op-2', 'alpha', 'remove'), next: null},
			{type: 'op/committed', opId: 'op-1', token: server},
		);
		expect(token(state, 'alpha')).toBeUndefined();
		expect(state.pending.get('op-2')?.previous).toEqual(server);
	});
});

describe('a refresh while ops are in flight', () => {
	const disabled = {...alpha, State: 'Disabled' as const};
	const inFlight = run(
		base,
		{type: 'op/applied', op: op('op-u', 'alpha', 'update', 'Disabling'), next: disabled},
		{type: 'op/applied', op: op('op-r', 'beta', 'remove', 'Deleting'), next: null},
		{type: 'op/applied', op: op('op-i', 'tmp-1', 'insert', 'Duplicating'), next: copyOfAlpha},
	);
	const serverAlpha = {...alpha, Description: 'edited elsewhere', Version: 4};
	const serverGamma = {...gamma, Name: 'Gamma renamed', Version: 8};
	const afterRefresh = run(inFlight, ...refreshed([serverAlpha, beta, serverGamma], now + 1000));

	test('keeps every optimistic value on screen, and takes the server copy of the rest', () => {
		expect(token(afterRefresh, 'alpha')).toEqual(disabled);
		expect(token(afterRefresh, 'beta')).toBeUndefined();
		expect(token(afterRefresh, 'tmp-1')).toEqual(copyOfAlpha);
		expect(token(afterRefresh, 'gamma')).toEqual(serverGamma);
		expect(afterRefresh.pending.size).toBe(3);
	});

	test('a refresh compares the server’s copy with the last one it told, never with an optimistic value', () => {
		expect(selectSettledToken(inFlight, 'alpha')).toBeUndefined();
		expect(selectSettledToken(inFlight, 'tmp-1')).toBeUndefined();
		expect(selectSettledToken(inFlight, 'gamma')).toEqual(gamma);
	});

	test('a revert afterwards restores what the server held at the refresh', () => {
		const state = run(
			afterRefresh,
			{type: 'op/reverted', opId: 'op-u', message: 'x'},
			{type: 'op/reverted', opId: 'op-r', message: 'x'},
			{type: 'op/reverted', opId: 'op-i', message: 'x'},
		);
		expect(token(state, 'alpha')).toEqual(serverAlpha);
		expect(token(state, 'beta')).toEqual(beta);
		expect(visible(state)).toEqual(['alpha', 'beta', 'gamma']);
	});

	test('a token deleted elsewhere stays gone when the op on it reverts', () => {
		const state = run(inFlight, ...refreshed([beta, gamma], now + 1000), {
			type: 'op/reverted',
			opId: 'op-u',
			message: 'HTTP 404: no such token',
		});
		expect(token(state, 'alpha')).toBeUndefined();
	});

	test('an upsert of a token with an op in flight changes the base, not the screen', () => {
		const state = run(inFlight, {type: 'tokens/upserted', token: serverAlpha});
		expect(token(state, 'alpha')).toEqual(disabled);
		expect(state.pending.get('op-u')?.previous).toEqual(serverAlpha);
	});
});

describe('edge cases', () => {
	test('a committed insert under a new Id takes the cursor and an open details pane with it', () => {
		const state = run(
			base,
			{type: 'op/applied', op: op('op-1', 'tmp-1', 'insert'), next: copyOfAlpha},
			{type: 'cursor/select', tokenId: 'tmp-1'},
			{
				type: 'overlay/open',
				overlay: {
					kind: 'details',
					tokenId: 'tmp-1',
					revealed: {readWrite: {AccountSid: 'IRx', AuthToken: 's'}, readOnly: null, until: now + 1000},
				},
			},
			{type: 'op/committed', opId: 'op-1', token: {...copyOfAlpha, Id: 'server-9'}},
		);
		expect(state.selection.cursorId).toBe('server-9');
		expect(selectCursor(state).row?.token.Id).toBe('server-9');
		expect(state.overlay).toMatchObject({
			kind: 'details',
			tokenId: 'server-9',
			revealed: {until: now + 1000},
		});
	});

	test.each<[string, Action]>([
		['a commit', {type: 'op/committed', opId: 'nope', token: alpha}],
		['an apply reusing an opId', {type: 'op/applied', op: op('op-1', 'beta', 'remove'), next: null}],
	])('%s of an unknown or finished op changes nothing', (_case, action) => {
		const state = run(base, {
			type: 'op/applied',
			op: op('op-1', 'alpha', 'update'),
			next: {...alpha, Name: 'A'},
		});
		expect(run(state, action)).toBe(state);
	});

	test('a revert of an unknown op still tells the operator', () => {
		const state = run(base, {type: 'op/reverted', opId: 'nope', message: 'HTTP 500'});
		expect(state.tokens).toBe(base.tokens);
		expect(selectFlash(state)?.message).toBe('HTTP 500');
	});

	test('deleting the token under the cursor optimistically keeps the cursor on a row', () => {
		const state = run(
			base,
			{type: 'cursor/select', tokenId: 'beta'},
			{type: 'op/applied', op: op('op-1', 'beta', 'remove'), next: null},
		);
		expect(selectCursor(state).row?.token.Id).toBe('gamma');
	});
});
