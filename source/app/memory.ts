/**
 * Gives back the memory a large list load leaves behind. Loading 100,000
 * tokens passes ~60 MB of page bodies and their decoded text through the heap;
 * V8 keeps that garbage, and the memory it sits in, until its next full
 * collection, which an operator who is only reading may never cause. Once such
 * a load has ended (and its last frame is out), one collection (~60 ms at
 * 100,000 tokens) brings the app back to what it holds: 275 -> 211 MB of RSS.
 *
 * That collection comes while the heap is still in the shape the load left,
 * and compacts little of the old generation. Once the app has then been left
 * alone for `settleMs` (no change of state: no key, no page, no tick), a
 * second one compacts it and gives back another ~9 MB (191 -> 182 MB at
 * 100,000 tokens). Waiting for quiet keeps its pause (~70 ms at 100,000, up
 * to ten times that at 1,000,000) away from an operator who is typing.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import type {AppState} from '../state/index.js';

type Store = {getState(): AppState; subscribe(listener: () => void): () => void};

/** Lists smaller than this leave too little behind to be worth a pause. */
export const collectFrom = 20_000;
/** After the load ends: long enough for its last frame, short enough to come before the next keys. */
const delayMs = 250;
/** How long the state must stay unchanged after that collection before the second. */
export const settleMs = 6000;

let collect: (() => void) | undefined;

/**
 * Node's own `gc`, without starting Node with --expose-gc: a context made after
 * the flag is set has it. Should a Node version not offer it this way, there is
 * simply no collection: V8 collects in its own time, as it would anyway.
 */
function collector(): () => void {
	if (!collect) {
		try {
			v8.setFlagsFromString('--expose-gc');
			const gc: unknown = vm.runInNewContext('typeof gc === "function" ? gc : undefined');
			collect = typeof gc === 'function' ? (gc as () => void) : () => undefined;
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
	run: (collect: () => void) => void = (gc) => gc(),
	settle: (collect: () => void) => void = (gc) => gc(),
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

	const unsubscribe = store.subscribe(() => {
		// Any change (a key, a page, a tick of the clock) means the app is not idle yet.
		if (quiet) waitForQuiet();
		const state = store.getState();
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
