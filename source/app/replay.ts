/**
 * `--replay FILE`: a recording's input events, sent through the same key
 * router as typed keys, at the recorded pace (or `--replay-speed` times it).
 * It starts once the token list (and the catalogues) have loaded, so a cold
 * start, slower or faster than the recorded one, shifts nothing; and it holds
 * the next key while the server has not answered an operation, as the
 * operator had waited for it, so a slower server cannot reorder a session.
 */
import type {AppState} from '../state/index.js';
import type {Recording} from './recording.js';

type Store = {getState(): AppState; subscribe(listener: () => void): () => void};

export type Timers = {
	set(callback: () => void, ms: number): unknown;
	clear(handle: unknown): void;
};

const realTimers: Timers = {
	set: (callback, ms) => setTimeout(callback, ms).unref(),
	clear: (handle) => {
		clearTimeout(handle as NodeJS.Timeout);
	},
};

export type ReplayOptions = {
	recording: Recording;
	/** 2 plays twice as fast. */
	speed: number;
	store: Store;
	/** Routes one raw input event, as a typed one is. */
	route(data: string): void;
	/** Told once: at the start, and when the last event has been sent. */
	onStart?(): void;
	onDone?(): void;
	timers?: Timers;
};

/** How long the replay waits for the catalogues after the list, before starting without them. */
const cataloguesGraceMs = 3000;
/** How often a held key looks again whether the server has answered. */
const busyPollMs = 25;

export type Replay = {stop(): void};

/** Whether the list is in (and the catalogues too, which `n` and `u` need). */
export function readyToReplay(state: AppState): boolean {
	return state.tokens.loaded && state.catalogues !== null;
}

/** Whether an operation is waiting for the server: the next recorded key waits too. */
export function waitingForServer(state: AppState): boolean {
	return (
		state.pending.size > 0 ||
		(state.overlay?.kind === 'form' && state.overlay.form.status.kind === 'submitting')
	);
}

/** The pause before each event: its recorded gap to the previous one (from the list's load for the first), over `speed`. */
export function replayDelays(recording: Recording, speed: number): number[] {
	let previous = recording.loadedAt ?? recording.events[0]?.t ?? 0;
	return recording.events.map(({t}) => {
		const gap = Math.max(0, t - previous) / speed;
		previous = Math.max(previous, t);
		return gap;
	});
}

export function startReplay({
	recording,
	speed,
	store,
	route,
	onStart,
	onDone,
	timers = realTimers,
}: ReplayOptions): Replay {
	const delays = replayDelays(recording, speed);
	let next = 0;
	let timer: unknown;
	let stopped = false;
	let unsubscribe: (() => void) | undefined;

	const schedule = (ms: number, callback: () => void) => {
		timer = timers.set(() => {
			timer = undefined;
			if (!stopped) callback();
		}, ms);
	};

	const sendNext = () => {
		if (waitingForServer(store.getState())) {
			schedule(busyPollMs, sendNext);
			return;
		}

		route(recording.events[next]!.data);
		next++;
		if (next < recording.events.length) schedule(delays[next]!, sendNext);
		else finish();
	};

	const finish = () => {
		stopped = true;
		onDone?.();
	};

	const begin = () => {
		unsubscribe?.();
		unsubscribe = undefined;
		if (timer !== undefined) timers.clear(timer);
		onStart?.();
		if (recording.events.length === 0) finish();
		else schedule(delays[0]!, sendNext);
	};

	// Ready at once, or on the change that makes it so; the list alone after a grace period.
	let listLoaded = false;
	const watch = () => {
		const state = store.getState();
		if (readyToReplay(state)) begin();
		else if (state.tokens.loaded && !listLoaded) {
			listLoaded = true;
			schedule(cataloguesGraceMs, begin);
		}
	};

	unsubscribe = store.subscribe(watch);
	watch();
	return {
		stop() {
			stopped = true;
			unsubscribe?.();
			if (timer !== undefined) timers.clear(timer);
		},
	};
}
