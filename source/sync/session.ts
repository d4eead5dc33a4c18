import type {ApiClient} from '../api/index.js';
import type {Action} from '../state/index.js';
import {t} from '../i18n/index.js';
import {errorWords} from '../i18n/api-errors.js';
import {clockIntervalMs, createLoader, refreshIntervalMs, type Dispatch, type LoaderOptions} from './load.js';

/**
 * A background refresh waits at least this many times as long as the last
 * load took, so at most ~5% of the time goes to refreshing: a list that loads
 * in a second refreshes every 30 s, 100,000 tokens (~3 s) every minute,
 * 1,000,000 (~a minute) every twenty. With a fixed 30 s interval the largest
 * lists reloaded back to back, and every key waited behind the parsing.
 */
export const refreshCostFactor = 20;

export type Session = {
	/** Loads the operator and the tokens, then keeps them fresh until stopped. */
	start(): Promise<void>;
	refresh(): void;
	/** Loads the list again and resolves once it is in. */
	reload(): Promise<void>;
	stop(): void;
};

/** The app's connection to one server: who we are, the token list, the background refresh. */
export function createSession(
	client: ApiClient,
	dispatch: Dispatch,
	now: () => number = Date.now,
	/** What the app holds: a refresh passes on only what changed, and asks about what it did not list. */
	holdings: Pick<LoaderOptions, 'current' | 'unlisted'> = {},
): Session {
	/** What the app knows besides the list; whatever failed (the server was away) is asked again after a load. */
	const known = {operator: false, catalogues: false};
	/** The loads of those in progress, so a load that ends meanwhile does not ask twice. */
	const asking = {operator: false, catalogues: false};
	const once = (what: keyof typeof known, load: () => Promise<void>) => async () => {
		if (known[what] || asking[what]) return;
		asking[what] = true;
		try {
			await load();
		} finally {
			asking[what] = false;
		}
	};

	const loadOperator = once('operator', async () => {
		try {
			dispatch({type: 'connection/operator', operator: await client.operator()});
			known.operator = true;
		} catch (error) {
			dispatch({type: 'connection/status', status: 'offline', error: errorWords(error)});
		}
	});

	/** The catalogues upgrades, scopes and contacts need; the list works without them. */
	const loadCatalogues = once('catalogues', async () => {
		try {
			const [versions, categories, users] = await Promise.all([
				client.apiVersions(),
				client.apiScopes(),
				client.users(),
			]);
			dispatch({type: 'catalogues/loaded', catalogues: {versions, categories, users}});
			known.catalogues = true;
		} catch (error) {
			dispatch({
				type: 'flash/show',
				message: t('sync.cataloguesFailed', {reason: errorWords(error)}),
				level: 'error',
				at: now(),
			});
		}
	});

	/**
	 * The list's actions while the operator is not known yet, held back: a
	 * read-only role must never see, even for a moment, rows it could act on.
	 */
	let listHeld: Action[] | undefined;
	const release = () => {
		const held = listHeld ?? [];
		listHeld = undefined;
		for (const action of held) dispatch(action);
	};

	const loader = createLoader({
		client,
		dispatch(action) {
			if (listHeld) listHeld.push(action);
			else dispatch(action);
		},
		now,
		...holdings,
		onLoaded() {
			void loadOperator();
			void loadCatalogues();
		},
	});
	const timers: NodeJS.Timeout[] = [];
	let nextRefresh: NodeJS.Timeout | undefined;
	let stopped = false;

	/** Loads, then sets the next background refresh from how long this load took. */
	const timedLoad = async () => {
		const started = now();
		await loader.refresh();
		if (stopped) return;
		clearTimeout(nextRefresh);
		nextRefresh = setTimeout(
			() => void timedLoad(),
			Math.max(refreshIntervalMs, (now() - started) * refreshCostFactor),
		);
		nextRefresh.unref();
	};

	const refresh = () => {
		void timedLoad();
	};

	return {
		async start() {
			// The list is asked for beside the operator, not after it: on a sandbox that had just
			// started, that round trip came before the first rows. It is shown once the operator is
			// known (or could not be asked), which is about when its first page arrives.
			listHeld = [];
			const operator = loadOperator().finally(release);
			const loaded = timedLoad();
			void loadCatalogues();
			timers.push(
				setInterval(() => {
					dispatch({type: 'clock/tick', now: now()});
				}, clockIntervalMs),
			);
			for (const timer of timers) timer.unref();
			await Promise.all([loaded, operator]);
		},
		refresh,
		reload: timedLoad,
		stop() {
			stopped = true;
			clearTimeout(nextRefresh);
			for (const timer of timers) clearInterval(timer);
		},
	};
}
