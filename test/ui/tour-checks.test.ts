import {describe, expect, test} from 'vitest';
import type {AccessToken} from '../../source/domain/token.js';
import type {AppState, OpStart} from '../../source/state/index.js';
import {evaluateCheck, type CheckContext} from '../../source/ui/tour/checks.js';
import type {Check} from '../../source/ui/tour/schema.js';
import {daysAgo, makeToken, now, run, stateWith} from '../state/fixtures.js';

const billing = makeToken({Id: 'billing', Name: 'Billing sync', CreatedAt: daysAgo(1), Version: 2});
const shop = makeToken({Id: 'shop', Name: 'Shop feed', CreatedAt: daysAgo(40), State: 'Disabled'});
const base = stateWith([billing, shop]);
const copy = makeToken({
	Id: 'copy-1',
	Name: 'Billing sync (copy)',
	CreatedAt: daysAgo(0),
	AuthTokenHint: 'old1',
});

const op = (opId: string, tokenId: string, kind: OpStart['kind']): OpStart => ({
	opId,
	tokenId,
	kind,
	label: 'Working',
	startedAt: now,
});

function context(state: AppState, overrides: Partial<CheckContext> = {}): CheckContext {
	return {
		state,
		baseline: new Set(['billing', 'shop']),
		tourTokenId: null,
		tourTokenAtStart: null,
		haveSecret: false,
		secret: 'unknown',
		...overrides,
	};
}

const status = (check: Check, ctx: CheckContext) => evaluateCheck(check, ctx).status;

describe('checks on the filters and the mode', () => {
	const searching = run(base, {type: 'search/start'}, {type: 'filter/setName', name: 'BILLing'});
	const kept = run(searching, {type: 'search/accept'});
	test.each<[string, Check, AppState, 'pass' | 'wait']>([
		['no search yet', {filterName: 'billing'}, base, 'wait'],
		['the name filter, case-insensitively', {filterName: 'billing'}, searching, 'pass'],
		['a part of the text is not enough', {filterName: 'billing sync'}, searching, 'wait'],
		['still typing when the search must be kept', {filterName: 'billing', mode: 'list'}, searching, 'wait'],
		['kept with Enter', {filterName: 'billing', mode: 'list'}, kept, 'pass'],
		['created on, before t', {createdOn: 'Last7Days'}, base, 'wait'],
		['created on, after t', {createdOn: 'Last7Days'}, run(base, {type: 'filter/cycleCreatedOn'}), 'pass'],
		['state, after s', {stateFilter: 'Enabled'}, run(base, {type: 'filter/cycleState'}), 'pass'],
		[
			'state, after s twice',
			{stateFilter: 'Enabled'},
			run(base, {type: 'filter/cycleState'}, {type: 'filter/cycleState'}),
			'wait',
		],
		['no filters, with one set', {noFilters: true}, kept, 'wait'],
		['no filters, after x', {noFilters: true}, run(kept, {type: 'filter/clear'}), 'pass'],
	])('%s', (_name, check, state, expected) => {
		expect(status(check, context(state))).toBe(expected);
	});
});

describe('checks on overlays', () => {
	const details = run(base, {type: 'overlay/open', overlay: {kind: 'details', tokenId: 'billing'}});
	const revealed = run(base, {
		type: 'overlay/open',
		overlay: {
			kind: 'details',
			tokenId: 'billing',
			revealed: {readWrite: {AccountSid: 'IRbilling', AuthToken: 'secret'}, readOnly: null, until: now + 1},
		},
	});
	test.each<[string, Check, AppState, Partial<CheckContext>, 'pass' | 'wait']>([
		['the list is no overlay', {overlay: 'details'}, base, {}, 'wait'],
		['"none" is the plain list', {overlay: 'none'}, base, {}, 'pass'],
		['details of any token', {overlay: 'details'}, details, {}, 'pass'],
		['details of the tour token, without one', {overlay: 'details', onTourToken: true}, details, {}, 'wait'],
		['details of another token', {onTourToken: true}, details, {tourTokenId: 'shop'}, 'wait'],
		['details of the tour token', {onTourToken: true}, details, {tourTokenId: 'billing'}, 'pass'],
		['not revealed yet', {revealed: true}, details, {}, 'wait'],
		['revealed', {revealed: true}, revealed, {}, 'pass'],
	])('%s', (_name, check, state, overrides, expected) => {
		expect(status(check, context(state, overrides))).toBe(expected);
	});

	test('new credentials on screen concern the token they belong to', () => {
		const secrets = run(stateWith([billing, copy]), {
			type: 'overlay/open',
			overlay: {
				kind: 'secrets',
				title: 'New credentials',
				copied: null,
				secrets: [
					{
						tokenName: copy.Name,
						credential: 'ReadWrite',
						credentials: {AccountSid: copy.AccountSid, AuthToken: 'x'},
					},
				],
			},
		});
		expect(status({onTourToken: true}, context(secrets, {tourTokenId: 'copy-1'}))).toBe('pass');
		expect(status({onTourToken: true}, context(secrets, {tourTokenId: 'billing'}))).toBe('wait');
	});
});

describe('tokenAdded: only a token the server saved since the step began', () => {
	const check: Check = {tokenAdded: '(copy)'};
	const optimistic = run(base, {
		type: 'op/applied',
		op: op('op-1', 'pending:op-1', 'insert'),
		next: {...copy, Id: 'pending:op-1'},
	});
	const committed = run(optimistic, {type: 'op/committed', opId: 'op-1', token: copy});
	const reverted = run(optimistic, {
		type: 'op/reverted',
		opId: 'op-1',
		message: 'Service unavailable',
		at: now,
	});

	test('nothing new', () => {
		expect(status(check, context(base))).toBe('wait');
	});

	test('an optimistic copy the server has not answered for is not enough', () => {
		expect(status(check, context(optimistic))).toBe('wait');
	});

	test('a copy the server failed to make never counts', () => {
		expect(status(check, context(reverted))).toBe('wait');
	});

	test('the committed copy passes and becomes the tour token', () => {
		expect(evaluateCheck(check, context(committed))).toEqual({status: 'pass', tourTokenId: 'copy-1'});
	});

	test('a token that was there when the step began is not new', () => {
		expect(status(check, context(committed, {baseline: new Set(['billing', 'shop', 'copy-1'])}))).toBe(
			'wait',
		);
	});

	test('no baseline (the list has not loaded) passes nothing', () => {
		expect(status(check, context(committed, {baseline: null}))).toBe('wait');
	});

	test('the name must contain the text; "" takes any new token', () => {
		expect(status({tokenAdded: 'wizard'}, context(committed))).toBe('wait');
		expect(status({tokenAdded: ''}, context(committed))).toBe('pass');
	});
});

describe('checks on the tour token', () => {
	const state = stateWith([billing, copy]);
	const tour = {tourTokenId: 'copy-1', tourTokenAtStart: copy, baseline: new Set(['billing', 'copy-1'])};
	const disabled: AccessToken = {...copy, State: 'Disabled', Version: 3};
	const disabling = run(state, {type: 'op/applied', op: op('op-2', 'copy-1', 'update'), next: disabled});
	const deleting = run(state, {type: 'op/applied', op: op('op-3', 'copy-1', 'remove'), next: null});
	const resetting = run(state, {
		type: 'op/applied',
		op: op('op-4', 'copy-1', 'update'),
		next: {...copy, AuthTokenHint: '····'},
	});

	test.each<[string, Check, AppState, 'pass' | 'wait']>([
		['enabled is not disabled', {tourTokenState: 'Disabled'}, state, 'wait'],
		['disabling, not answered yet', {tourTokenState: 'Disabled'}, disabling, 'wait'],
		[
			'disabled, saved',
			{tourTokenState: 'Disabled'},
			run(disabling, {type: 'op/committed', opId: 'op-2', token: disabled}),
			'pass',
		],
		[
			'disabling failed',
			{tourTokenState: 'Disabled'},
			run(disabling, {type: 'op/reverted', opId: 'op-2', message: 'no', at: now}),
			'wait',
		],
		['still there', {tourTokenGone: true}, state, 'wait'],
		['deleting, not answered yet', {tourTokenGone: true}, deleting, 'wait'],
		[
			'deleted, saved',
			{tourTokenGone: true},
			run(deleting, {type: 'op/committed', opId: 'op-3', token: null}),
			'pass',
		],
		[
			'deleting failed',
			{tourTokenGone: true},
			run(deleting, {type: 'op/reverted', opId: 'op-3', message: 'no', at: now}),
			'wait',
		],
		['the hint has not changed', {tourTokenChanged: 'AuthTokenHint'}, state, 'wait'],
		['the reset is pending', {tourTokenChanged: 'AuthTokenHint'}, resetting, 'wait'],
		[
			'the reset is saved',
			{tourTokenChanged: 'AuthTokenHint'},
			run(resetting, {
				type: 'op/committed',
				opId: 'op-4',
				token: {...copy, AuthTokenHint: 'new2', Version: 4},
			}),
			'pass',
		],
	])('%s', (_name, check, current, expected) => {
		expect(status(check, context(current, tour))).toBe(expected);
	});

	test('another token deleted is not the tour token gone', () => {
		const other = run(state, {type: 'tokens/removed', tokenId: 'billing'});
		expect(status({tourTokenGone: true}, context(other, tour))).toBe('wait');
	});
});

describe('revealedSecret: the server is asked once the state agrees', () => {
	const check: Check = {overlay: 'none', revealedSecret: 'rejected'};

	test('without credentials to try there is nothing to ask', () => {
		expect(status(check, context(base))).toBe('wait');
	});

	test('with credentials, and no answer yet, ask the server', () => {
		expect(status(check, context(base, {haveSecret: true}))).toBe('ask');
	});

	test('the answer the step wants passes; another asks again', () => {
		expect(status(check, context(base, {haveSecret: true, secret: 'rejected'}))).toBe('pass');
		expect(status(check, context(base, {haveSecret: true, secret: 'accepted'}))).toBe('ask');
	});

	test('the state is checked before the server is asked', () => {
		const details = run(base, {type: 'overlay/open', overlay: {kind: 'details', tokenId: 'billing'}});
		expect(status(check, context(details, {haveSecret: true}))).toBe('wait');
	});
});

test('every condition must hold', () => {
	const state = run(base, {type: 'filter/cycleState'});
	expect(status({stateFilter: 'Enabled', createdOn: 'Last7Days'}, context(state))).toBe('wait');
	expect(status({stateFilter: 'Enabled', createdOn: 'Any'}, context(state))).toBe('pass');
});
