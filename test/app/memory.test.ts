import {afterEach, describe, expect, it, vi} from 'vitest';
import {
	collectAfterLargeLoads,
	collectFrom,
	minorEveryMs,
	minorTries,
	compactEveryMs,
	compactTries,
	settleCollection,
	settleMs,
} from '../../source/app/memory.js';

const noSlack = () => 0;
import type {AppState} from '../../source/state/index.js';

/** Just what the collector reads of the state: whether a load is streaming, and how many rows are held. */
function fakeStore() {
	let state = {connection: {loading: false}, tokens: {rows: [] as unknown[]}};
	const listeners = new Set<() => void>();
	return {
		getState: () => state as unknown as AppState,
		subscribe(listener: () => void) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		set(loading: boolean, rows: number) {
			state = {connection: {loading}, tokens: {rows: Array.from({length: rows})}};
			for (const listener of listeners) listener();
		},
		/** The clock's tick: a new state whose other slices are the same objects, as the reducer makes it. */
		tick() {
			state = {...state, now: Date.now()} as typeof state;
			for (const listener of listeners) listener();
		},
	};
}

afterEach(() => {
	vi.useRealTimers();
});

/** The collector watching a store whose large load has just ended and been collected once. */
function afterLargeLoad() {
	vi.useFakeTimers();
	const store = fakeStore();
	const run = vi.fn();
	const settle = vi.fn();
	const stop = collectAfterLargeLoads(store, run, settle);
	store.set(true, collectFrom);
	store.set(false, collectFrom);
	vi.advanceTimersByTime(1000);
	return {store, run, settle, stop};
}

describe('collecting after a large load', () => {
	it('collects once, a moment after a large load ends, with Node’s own gc', () => {
		vi.useFakeTimers();
		const store = fakeStore();
		const run = vi.fn((collect: () => void) => {
			collect();
		});
		const stop = collectAfterLargeLoads(store, run);
		store.set(true, 1000);
		store.set(true, collectFrom);
		vi.advanceTimersByTime(1000);
		expect(run).not.toHaveBeenCalled();
		store.set(false, collectFrom);
		store.set(false, collectFrom);
		expect(run).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1000);
		expect(run).toHaveBeenCalledTimes(1);
		stop();
	});

	it('leaves small lists alone, and stops when told', () => {
		vi.useFakeTimers();
		const store = fakeStore();
		const run = vi.fn();
		const stop = collectAfterLargeLoads(store, run);
		store.set(true, 500);
		store.set(false, 500);
		vi.advanceTimersByTime(1000);
		expect(run).not.toHaveBeenCalled();
		store.set(true, collectFrom);
		store.set(false, collectFrom);
		stop();
		vi.advanceTimersByTime(1000);
		expect(run).not.toHaveBeenCalled();
	});

	it('collects once more when the app has been left alone for a while, not while it is used', () => {
		const {store, run, settle, stop} = afterLargeLoad();
		expect(run).toHaveBeenCalledTimes(1);
		// A key (any change of state) before the quiet has lasted puts it off.
		vi.advanceTimersByTime(settleMs - 1500);
		store.set(false, collectFrom);
		vi.advanceTimersByTime(settleMs - 100);
		expect(settle).not.toHaveBeenCalled();
		vi.advanceTimersByTime(200);
		expect(settle).toHaveBeenCalledTimes(1);
		// Once per load.
		vi.advanceTimersByTime(settleMs * 3);
		expect(settle).toHaveBeenCalledTimes(1);
		stop();
	});

	it('is not put off by the ticks of the clock', () => {
		const {store, settle, stop} = afterLargeLoad();
		vi.advanceTimersByTime(settleMs - 2000);
		store.tick();
		vi.advanceTimersByTime(1500);
		expect(settle).toHaveBeenCalledTimes(1);
		stop();
	});

	it('drops the second collection when another load starts, and when told to stop', () => {
		const {store, settle, stop} = afterLargeLoad();
		store.set(true, collectFrom);
		vi.advanceTimersByTime(settleMs * 2);
		expect(settle).not.toHaveBeenCalled();
		store.set(false, collectFrom);
		vi.advanceTimersByTime(1000);
		stop();
		vi.advanceTimersByTime(settleMs * 2);
		expect(settle).not.toHaveBeenCalled();
	});

	it('settles with a full collection, then minor ones a second apart until the young generation is small', () => {
		vi.useFakeTimers();
		const calls: string[] = [];
		let young = 32 * 1024 * 1024;
		const collect = (options?: {type: 'minor' | 'major'}) => calls.push(options?.type ?? 'full');
		settleCollection(collect, {
			youngBytes: () => young,
			slackBytes: noSlack,
			settled: () => calls.push('settled'),
		});
		expect(calls).toEqual(['full']);
		vi.advanceTimersByTime(minorEveryMs);
		expect(calls).toEqual(['full', 'minor']);
		young = 1024 * 1024;
		vi.advanceTimersByTime(minorEveryMs);
		expect(calls).toEqual(['full', 'minor', 'minor', 'settled']);
		vi.advanceTimersByTime(minorEveryMs * 10);
		expect(calls).toEqual(['full', 'minor', 'minor', 'settled']);
	});

	it('gives up on the young generation after a few tries', () => {
		vi.useFakeTimers();
		const calls: string[] = [];
		settleCollection((options) => calls.push(options?.type ?? 'full'), {
			youngBytes: () => 32 * 1024 * 1024,
			slackBytes: noSlack,
			settled: () => calls.push('settled'),
		});
		vi.advanceTimersByTime(minorEveryMs * (minorTries + 10));
		expect(calls).toEqual(['full', ...Array.from({length: minorTries}, () => 'minor'), 'settled']);
	});

	it('compacts again, a moment apart, while the old generation keeps shrinking and still holds much slack', () => {
		vi.useFakeTimers();
		const calls: string[] = [];
		const slack = [80, 50, 10].map((mb) => mb * 1024 * 1024);
		settleCollection((options) => calls.push(options?.type ?? 'full'), {
			youngBytes: () => 0,
			slackBytes: () => slack[calls.filter((call) => call === 'full').length - 1]!,
		});
		expect(calls).toEqual(['full']);
		vi.advanceTimersByTime(compactEveryMs);
		expect(calls).toEqual(['full', 'full']);
		vi.advanceTimersByTime(compactEveryMs);
		// 10 MB left: not worth another pause; the minor collections follow.
		expect(calls).toEqual(['full', 'full', 'full']);
		vi.advanceTimersByTime(compactEveryMs + minorEveryMs);
		expect(calls).toEqual(['full', 'full', 'full', 'minor']);
	});

	it('stops compacting when a collection gives back little, and after a few in any case', () => {
		vi.useFakeTimers();
		const calls: string[] = [];
		settleCollection((options) => calls.push(options?.type ?? 'full'), {
			youngBytes: () => 0,
			slackBytes: () => 100 * 1024 * 1024,
		});
		vi.advanceTimersByTime(compactEveryMs * 10);
		expect(calls.filter((call) => call === 'full')).toEqual(['full', 'full']);

		const few: string[] = [];
		let slack = 400 * 1024 * 1024;
		settleCollection((options) => few.push(options?.type ?? 'full'), {
			youngBytes: () => 0,
			slackBytes: () => (slack -= 50 * 1024 * 1024),
		});
		vi.advanceTimersByTime(compactEveryMs * 10);
		expect(few.filter((call) => call === 'full')).toHaveLength(compactTries);
	});
});
