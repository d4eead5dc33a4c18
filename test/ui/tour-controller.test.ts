import {describe, expect, test} from 'vitest';
import type {AccessToken, Credentials} from '../../source/domain/token.js';
import {initialState, selectFlash, type Action} from '../../source/state/index.js';
import type {ProbeAnswer} from '../../source/sync/credential-probe.js';
import {createStore, type Store} from '../../source/ui/store.js';
import {createTour, type TourController} from '../../source/ui/tour/controller.js';
import {parseTour, type Tour} from '../../source/ui/tour/schema.js';
import {daysAgo, makeToken, now, stateWith} from '../state/fixtures.js';

const billing = makeToken({Id: 'billing', Name: 'Billing sync', CreatedAt: daysAgo(1)});
const copy = makeToken({
	Id: 'copy-1',
	Name: 'Billing sync (copy)',
	CreatedAt: daysAgo(0),
	AuthTokenHint: 'old1',
});
const secret: Credentials = {AccountSid: copy.AccountSid, AuthToken: 'the-old-secret-value'};

const tourData = {
	steps: [
		{id: 'state', caption: 'Press s', keys: ['s'], check: {stateFilter: 'Enabled'}, done: 'Filtered'},
		{id: 'duplicate', caption: 'Press c', keys: ['c'], check: {tokenAdded: '(copy)'}, done: 'Copied'},
		{
			id: 'reveal',
			caption: 'Press v',
			keys: ['v'],
			check: {onTourToken: true, revealed: true, revealedSecret: 'accepted'},
			done: 'It works',
		},
		{
			id: 'reset',
			caption: 'Press r',
			keys: ['r', 'y'],
			check: {tourTokenChanged: 'AuthTokenHint', revealedSecret: 'rejected'},
			done: 'The old one fails',
		},
	],
};

function loadTour(): Tour {
	const parsed = parseTour(tourData);
	if ('error' in parsed) throw new Error(parsed.error);
	return parsed.tour;
}

type Harness = {
	store: Store;
	tour: TourController;
	probes: Credentials[];
	/** The status the next questions to the server get. */
	answer: ProbeAnswer;
	dispatch(...actions: Action[]): void;
	/** Lets the probe's answer arrive. */
	settle(): Promise<void>;
	step(): string | undefined;
};

function harness(load: () => Tour = loadTour): Harness {
	const store = createStore(stateWith([billing]));
	const probes: Credentials[] = [];
	const h: Harness = {
		store,
		probes,
		answer: {status: 200},
		tour: createTour({
			store,
			load,
			now: () => now,
			async probe(_url, credentials) {
				probes.push(credentials);
				return h.answer;
			},
		}),
		dispatch(...actions) {
			for (const action of actions) store.dispatch(action);
		},
		async settle() {
			await new Promise((resolve) => {
				setImmediate(resolve);
			});
		},
		step: () => {
			const view = h.tour.getView();
			return view ? view.step.id : undefined;
		},
	};
	return h;
}

const duplicated = (h: Harness) => {
	const pending: AccessToken = {...copy, Id: 'pending:op1'};
	h.dispatch({
		type: 'op/applied',
		op: {opId: 'op1', tokenId: pending.Id, kind: 'insert', label: 'Duplicating', startedAt: now},
		next: pending,
	});
	return () => {
		h.dispatch({type: 'op/committed', opId: 'op1', token: copy});
	};
};

const reveal = (h: Harness, tokenId = 'copy-1') => {
	h.dispatch({
		type: 'overlay/open',
		overlay: {kind: 'details', tokenId, revealed: {readWrite: secret, readOnly: null, until: now + 30_000}},
	});
};

/** The server's answer to `r` on the copy: a new auth token, so a new version. */
const resetCopy: Action = {type: 'tokens/upserted', token: {...copy, AuthTokenHint: 'new2', Version: 2}};

/** Walks the harness to the reveal step: s, then a committed duplicate. */
function toReveal(h: Harness): void {
	h.tour.start();
	h.dispatch({type: 'filter/cycleState'});
	duplicated(h)();
}

describe('the tour advances only when the action really happened', () => {
	test('starts at step 1 of 4 and waits', () => {
		const h = harness();
		h.tour.start();
		expect(h.tour.getView()).toMatchObject({index: 0, total: 4, finished: false, note: null});
		h.dispatch({type: 'filter/cycleCreatedOn'}, {type: 'cursor/move', delta: 1});
		expect(h.step()).toBe('state');
	});

	test('the step it asks for moves it on, saying what was done', () => {
		const h = harness();
		h.tour.start();
		h.dispatch({type: 'filter/cycleState'});
		expect(h.tour.getView()).toMatchObject({index: 1, note: 'Filtered'});
	});

	test('an optimistic duplicate is not enough: the server must have made it', () => {
		const h = harness();
		h.tour.start();
		h.dispatch({type: 'filter/cycleState'});
		const commit = duplicated(h);
		expect(h.step()).toBe('duplicate');
		commit();
		expect(h.step()).toBe('reveal');
	});

	test('a duplicate the server refused leaves the step on', () => {
		const h = harness();
		h.tour.start();
		h.dispatch({type: 'filter/cycleState'});
		duplicated(h);
		h.dispatch({type: 'op/reverted', opId: 'op1', message: 'Service unavailable', at: now});
		expect(h.step()).toBe('duplicate');
	});

	test('revealing another token than the copy does not count, and asks nothing', async () => {
		const h = harness();
		toReveal(h);
		reveal(h, 'billing');
		await h.settle();
		expect(h.step()).toBe('reveal');
		expect(h.probes).toEqual([]);
	});

	test('the revealed credentials are tried on the server; they work, so the step passes', async () => {
		const h = harness();
		toReveal(h);
		reveal(h);
		expect(h.tour.getView()?.checking).toBe(true);
		await h.settle();
		expect(h.probes).toEqual([secret]);
		expect(h.tour.getView()).toMatchObject({index: 3, note: 'It works (server: HTTP 200)', checking: false});
	});

	test('the reset passes once the server refuses the old secret (401)', async () => {
		const h = harness();
		toReveal(h);
		reveal(h);
		await h.settle();
		h.answer = {status: 401};
		h.dispatch({type: 'overlay/close'}, resetCopy);
		await h.settle();
		expect(h.probes.at(-1)).toEqual(secret);
		expect(h.tour.getView()).toMatchObject({finished: true, note: 'The old one fails (server: HTTP 401)'});
	});

	test('a server that still takes the old secret holds the step, and says so', async () => {
		const h = harness();
		toReveal(h);
		reveal(h);
		await h.settle();
		h.dispatch(resetCopy);
		await h.settle();
		expect(h.step()).toBe('reset');
		expect(h.tour.getView()?.problem).toBe('The server still accepts the old auth token (HTTP 200)');
		// Asked once for this version of the token, not on every key.
		const asked = h.probes.length;
		h.dispatch({type: 'cursor/move', delta: 1}, {type: 'filter/cycleState'});
		expect(h.probes).toHaveLength(asked);
	});

	test('tokens that arrive with the first load are not "added" by the operator', () => {
		const store = createStore(
			initialState({now, serverUrl: 'http://127.0.0.1:1', accountSid: 'IRAgencyDemo1'}),
		);
		const tour = createTour({store, load: loadTour, probe: async () => ({status: 200})});
		tour.start();
		store.dispatch({type: 'filter/cycleState'});
		expect(tour.getView()?.step.id).toBe('duplicate');
		store.dispatch({type: 'tokens/appended', tokens: [billing, copy], done: true, at: now});
		expect(tour.getView()?.step.id).toBe('duplicate');
	});
});

describe('secrets stay out of what the tour shows', () => {
	test('the view never holds the revealed auth token, nor any message', async () => {
		const h = harness();
		toReveal(h);
		reveal(h);
		await h.settle();
		h.answer = {status: 200};
		h.dispatch(resetCopy);
		await h.settle();
		expect(JSON.stringify(h.tour.getView())).not.toContain(secret.AuthToken);
		expect(JSON.stringify(h.store.getState().flashes)).not.toContain(secret.AuthToken);
	});
});

describe('leaving and finishing', () => {
	test('leave ends the tour and leaves the app as it is', () => {
		const h = harness();
		h.tour.start();
		h.dispatch({type: 'filter/cycleState'});
		expect(h.tour.leave()).toBe(true);
		expect(h.tour.getView()).toBeNull();
		expect(h.store.getState().filters.state).toBe('Enabled');
		expect(selectFlash(h.store.getState())?.message).toMatch(/Left the tour/u);
		expect(h.tour.leave()).toBe(false);
	});

	test('T while on the tour says where it is instead of starting over', () => {
		const h = harness();
		h.tour.start();
		h.dispatch({type: 'filter/cycleState'});
		h.tour.start();
		expect(h.tour.getView()?.index).toBe(1);
		expect(selectFlash(h.store.getState())?.message).toMatch(/step 2 of 4/u);
	});

	test('a finished tour stays on screen until closed, and T starts it again', async () => {
		const h = harness();
		toReveal(h);
		reveal(h);
		await h.settle();
		h.answer = {status: 401};
		h.dispatch(resetCopy);
		await h.settle();
		expect(h.tour.getView()?.finished).toBe(true);
		h.dispatch({type: 'filter/clear'});
		h.tour.start();
		expect(h.tour.getView()).toMatchObject({finished: false, index: 0});
	});

	test('a broken data file is reported, and no tour starts', () => {
		const h = harness(() => {
			throw new Error('fixtures/tour.json: step "x": unknown key');
		});
		h.tour.start();
		expect(h.tour.getView()).toBeNull();
		expect(selectFlash(h.store.getState())).toMatchObject({
			level: 'error',
			message: expect.stringContaining('unknown key'),
		});
	});
});
