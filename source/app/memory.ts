/**
 * Gives back the memory a large list load leaves behind. Loading 100,000
 * tokens passes ~60 MB of page bodies and their decoded text through the heap;
 * V8 keeps that garbage, and the memory it sits in, until its next full
 * collection, which an operator who is only reading may never cause. Once such
 * a load has ended (and its last frame is out), one collection (~60 ms at
 * 100,000 tokens) brings the app back to what it holds: 275 -> 211 MB of RSS.
 *
 * The load also grew V8's young generation to its largest (32 MB), and the
 * first collection compacts little of the old generation. Once the app has
 * then been left alone for `settleMs` (no change of state: no key, no page,
 * no tick of the clock), a second full collection compacts it, and minor
 * ones after it give the young generation back: 191 -> 150 MB at 100,000
 * tokens. Waiting for quiet keeps the full collection's pause (~70 ms
 * at 100,000 tokens, up to ten times that at 1,000,000) away from an
 * operator who is typing.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import type {AppState} from '../state/index.js';

type Store = {getState(): AppState; subscribe(listener: () => void): () => void};

/** Node's `gc`: a full collection, or with `{type: 'minor'}` one of the young generation only. */
export type Collect = (options?: {type: 'minor' | 'major'}) => void;

/** Lists smaller than this leave too little behind to be worth a pause. */
export const collectFrom = 20_000;
/** After the load ends: long enough for its last frame, short enough to come before the next keys. */
const delayMs = 250;
/** How long the state must stay unchanged after that collection before the second. */
export const settleMs = 6000;

/** Between the second full collection and each minor one after it. */
export const minorEveryMs = 1000;
/** Minor collections tried before giving up on the young generation. */
export const minorTries = 5;
/** The young generation's size once given back (V8 starts it at 1-2 MB; a load grows it to 32). */
const youngBackBytes = 4 * 1024 * 1024;

/** How much memory V8's young generation holds now. */
function youngGenerationBytes(): number {
	return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

/** How much of the old generation V8 holds without using it: gaps between the objects a load left. */
function oldGenerationSlackBytes(): number {
	const old = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space');
	return old ? old.space_size - old.space_used_size : 0;
}

/** Between the compacting full collections of the settle. */
export const compactEveryMs = 250;
/** Compacting full collections at most, the first included. */
export const compactTries = 4;
/** Old-generation slack not worth another pause. */
const slackBackBytes = 16 * 1024 * 1024;

export type SettleOptions = {
	/** What V8's young generation holds now (tests give their own). */
	youngBytes?: () => number;
	/** What the old generation holds unused now (tests give their own). */
	slackBytes?: () => number;
	/** Told once the last collection is done. */
	settled?: () => void;
};

/**
 * The second collection: full ones that compact, then minor ones a second
 * apart until the young generation is small again (each ~2 ms).
 *
 * A load leaves the old generation's pages part full (each page of rows
 * interleaved with objects that died after it: at 1,000,000 tokens, 276 MB
 * held for 207 MB used), and an ordinary full collection moves few objects.
 * V8 compacts harder when it optimises for size, each collection moving a
 * bounded amount; so the flag is set for a few full collections, a moment
 * apart so keys are handled between them, until the slack is small or stops
 * shrinking. (Measured at 1,000,000 tokens: ~250 ms each, 276 -> 231 MB of
 * old generation after two; V8's own memory reducer does the same ~20 s
 * later, at a time no one chooses.)
 *
 * V8 shrinks the young generation in a minor collection that finds the
 * allocation rate low: not high, and not nil (which it reads as unknown). It
 * reads the rate from the stretches before, which the full collection and the
 * first minor one make quiet, and a few kilobytes allocated first make not
 * nil. (Measured on Node 20: it then takes one or two tries; without them the
 * 32 MB stay.)
 */
export function settleCollection(
	collect: Collect,
	{
		youngBytes = youngGenerationBytes,
		slackBytes = oldGenerationSlackBytes,
		settled = () => undefined,
	}: SettleOptions = {},
): void {
	v8.setFlagsFromString('--optimize-for-size');
	collect();
	let compactions = 1;
	let slack = slackBytes();
	const compactMore = () => {
		setTimeout(() => {
			collect();
			compactions++;
			const before = slack;
			slack = slackBytes();
			if (compactions < compactTries && slack > slackBackBytes && before - slack > slackBackBytes / 4)
				compactMore();
			else minorsAfterCompacting();
		}, compactEveryMs).unref();
	};

	const minorsAfterCompacting = () => {
		v8.setFlagsFromString('--no-optimize-for-size');
		tryMinor();
	};

	let tries = 0;
	const tryMinor = () => {
		setTimeout(() => {
			const ballast = Array.from({length: 4096}, (_, index) => index);
			if (ballast.length > 0) collect({type: 'minor'});
			if (++tries < minorTries && youngBytes() > youngBackBytes) tryMinor();
			else settled();
		}, minorEveryMs).unref();
	};

	if (slack > slackBackBytes) compactMore();
	else minorsAfterCompacting();
}

let collect: Collect | undefined;

/** Whether `next` differs from `previous` in the clock alone (the reducer keeps unchanged slices). */
function onlyTheClockMoved(previous: AppState, next: AppState): boolean {
	return (Object.keys(next) as Array<keyof AppState>).every(
		(key) => key === 'now' || next[key] === previous[key],
	);
}

/**
 * Node's own `gc`, without starting Node with --expose-gc: a context made after
 * the flag is set has it. Should a Node version not offer it this way, there is
 * simply no collection: V8 collects in its own time, as it would anyway.
 */
function collector(): Collect {
	if (!collect) {
		try {
			v8.setFlagsFromString('--expose-gc');
			const gc: unknown = vm.runInNewContext('typeof gc === "function" ? gc : undefined');
			collect = typeof gc === 'function' ? (gc as Collect) : () => undefined;
		} catch {
			collect = () => undefined;
		}
	}

	return collect;
}

/**
 * Collects after each load of at least `collectFrom` tokens (`run` is handed
 * the collector), then once more when the state has not changed for
 * `settleMs` (`settle`). Returns the unsubscribe.
 */
export function collectAfterLargeLoads(
	store: Store,
	run: (collect: Collect) => void = (gc) => gc(),
	settle: (collect: Collect) => void = settleCollection,
): () => void {
	let loading = store.getState().connection.loading;
	let timer: NodeJS.Timeout | undefined;
	let quiet: NodeJS.Timeout | undefined;
	const waitForQuiet = () => {
		clearTimeout(quiet);
		quiet = setTimeout(() => {
			quiet = undefined;
			settle(collector());
		}, settleMs);
		quiet.unref();
	};

	let last = store.getState();
	const unsubscribe = store.subscribe(() => {
		const state = store.getState();
		// Any change (a key, a page) means the app is not idle yet; the clock's tick does not. It
		// comes every 15 s and put the settling off in ~40% of large loads (6 s of 15), past where
		// a person (or the bench, reading RSS after 13.5 s of quiet) would look.
		if (quiet && !onlyTheClockMoved(last, state)) waitForQuiet();
		last = state;
		const ended = loading && !state.connection.loading;
		loading = state.connection.loading;
		if (loading) {
			clearTimeout(quiet);
			quiet = undefined;
		}

		if (!ended || state.tokens.rows.length < collectFrom) return;
		clearTimeout(timer);
		timer = setTimeout(() => {
			run(collector());
			waitForQuiet();
		}, delayMs);
		timer.unref();
	});
	return () => {
		clearTimeout(timer);
		clearTimeout(quiet);
		unsubscribe();
	};
}
