import {isApiError, type ApiClient, type TokenPage} from '../api/index.js';
import type {AccessToken} from '../domain/token.js';
import {errorWords} from '../i18n/api-errors.js';
import {appendBatchSize, maxBatch, packToken, sameToken, type Action} from '../state/index.js';

/** How often the list is refreshed in the background (at most; see session.ts), and the clock ticks for relative times. */
export const refreshIntervalMs = 30_000;
export const clockIntervalMs = 15_000;
/** How soon a load is tried again after the server could not be reached. */
export const offlineRetryMs = 5000;
/** A refresh passes on what changed at most this often (and at its end), however many pages arrive meanwhile. */
export const refreshNewsMs = 1000;
/**
 * A refresh's end asks the server one by one for at most this many tokens it
 * did not list before they go; more than that is a mass deletion elsewhere,
 * and they go as listed.
 */
export const confirmAtMost = 20;

export type Dispatch = (action: Action) => void;

export type LoaderOptions = {
	client: ApiClient;
	dispatch: Dispatch;
	now?: () => number;
	/**
	 * The token the app holds under an Id as the server last told it (none while an op on it is in
	 * flight, so that the op's base follows the server): a refresh passes on only the tokens that differ.
	 */
	current?(id: string): AccessToken | undefined;
	/**
	 * The Ids of the tokens the app holds that a load listing `listed` did not
	 * list (at most `limit` + 1): a refresh asks about them before they go.
	 */
	unlisted?(listed: ReadonlySet<string>, limit: number): readonly string[];
	/** Called after each load that reached the server: a chance to fetch what failed while it was away. */
	onLoaded?(): void;
};

/**
 * Keeps the token collection in step with the server: the first load shows
 * page 1 as soon as it arrives; a refresh compares each page with what the
 * app holds as it arrives, passes on what changed (about once a second), and
 * at its end drops what it did not list; a failed load keeps the data and
 * says why. A refresh used to keep every page and merge them all at its end,
 * which stalled keys ~0.5 s at 100,000 tokens; merging page by page instead
 * made each page with a change cost a pass over every row (at 1,000,000, a
 * minute of work for a change a page).
 */
export function createLoader({client, dispatch, now = Date.now, current, unlisted, onLoaded}: LoaderOptions) {
	let running: Promise<void> | undefined;
	let again = false;
	let first = true;
	/** A first load failed after some of its pages were shown: the next one must drop what it does not list. */
	let partial = false;

	async function load(): Promise<void> {
		// A first load adds to nothing; any other load (or one mending a partial first) lists the whole set.
		const refreshing = !first || partial;
		let batch: AccessToken[] = [];
		let held = 0;
		let expectedTotal: number | undefined;
		const listed = new Set<string>();
		let lastNews = now();
		const flush = (done: boolean) => {
			dispatch({
				type: 'tokens/appended',
				tokens: batch,
				...(expectedTotal === undefined ? {} : {expectedTotal}),
				...(done ? {done, at: now()} : {}),
			});
			held += batch.length;
			batch = [];
			expectedTotal = undefined;
			lastNews = now();
		};

		/** A token a refresh listed: news when it differs from what the app holds. */
		const list = (token: AccessToken) => {
			listed.add(token.Id);
			const known = current?.(token.Id);
			// Packed as it arrives (see below); a changed token is packed anew in any case.
			if (!known || !sameToken(known, token)) batch.push(packToken(token));
		};

		/** A refresh's page: what differs from what the app holds is news. */
		const compare = (page: TokenPage) => {
			for (const token of page.tokens) list(token);

			// Page 1 goes at once, news or not: the server answered, and an "offline" on the status line goes.
			const due = page.info['@page'] === 1 || (batch.length > 0 && now() - lastNews >= refreshNewsMs);
			if (due || batch.length >= maxBatch) flush(false);
		};

		/**
		 * Asks the server for the held tokens the walk did not list before they
		 * go. Pages are counted by offset, so a token deleted on a page already
		 * read moves the next page's first token onto the page before, and the
		 * walk never sees it: a live token vanished until the next refresh (at
		 * 1,000,000 tokens, twenty minutes), as did a neighbour of each token
		 * the operator deleted while a walk ran.
		 */
		const confirmUnlisted = async () => {
			const ids = unlisted?.(listed, confirmAtMost) ?? [];
			if (ids.length > confirmAtMost) return;
			for (const [index, id] of ids.entries()) {
				try {
					list(await client.getToken(id));
				} catch (error) {
					// Gone, it goes. A server that cannot say (away, refusing, too busy) is not asked about
					// the rest, each of which would wait out its own timeouts: they stay as the app has them.
					if (isApiError(error) && error.code === 'notFound') continue;
					for (const kept of ids.slice(index)) listed.add(kept);
					return;
				}
			}
		};

		dispatch({type: 'tokens/loadStarted'});
		try {
			const onPage = (page: TokenPage) => {
				// "loading 3,000 of 100,000" until the list is first complete; a refresh keeps its rows on screen.
				if (first && page.info['@page'] === 1) expectedTotal = page.info['@total'];
				if (refreshing) {
					compare(page);
					return;
				}

				// Packed as the page arrives: the parsed objects die young instead of
				// outliving a batch in the old generation (which a million of them fragments).
				for (const token of page.tokens) batch.push(packToken(token));
				// Batches grow with what is held (state/loading.ts): each append costs in proportion
				// to the rows held, so a page per dispatch would make a long load quadratic.
				if (page.info['@page'] < page.info['@numpages'] && batch.length >= appendBatchSize(held))
					flush(false);
			};

			await client.listAllTokens({}, onPage, undefined, {collect: false});
			first = false;
			partial = false;
			if (refreshing) {
				if (batch.length > 0) flush(false);
				await confirmUnlisted();
				if (batch.length > 0) flush(false);
				dispatch({type: 'tokens/listed', ids: listed, at: now()});
			}
			// A first load that streamed every page is complete as it stands: ending it with what
			// is still held back (whatever the pages claimed to count) spares a second pass over
			// every token (at 100,000 tokens, a pause).
			else flush(true);
			onLoaded?.();
		} catch (error) {
			// What the pages brought before the failure is news all the same.
			if (batch.length > 0) flush(false);
			if (!refreshing && held > 0) partial = true;
			const offline = isOffline(error);
			dispatch({type: 'tokens/loadFailed', message: errorWords(error), offline, at: now()});
			// Offline, the status line says "retrying": keep that promise sooner than the next background refresh.
			if (offline) retrySoon();
		}
	}

	let retryTimer: NodeJS.Timeout | undefined;
	function retrySoon(): void {
		retryTimer ??= setTimeout(() => {
			retryTimer = undefined;
			void loader.refresh();
		}, offlineRetryMs);
		retryTimer.unref();
	}

	const loader = {
		/** Loads now; a request while one runs is queued once, never stacked. */
		async refresh(): Promise<void> {
			if (running) {
				again = true;
				return running;
			}

			running = (async () => {
				do {
					again = false;
					await load();
				} while (again);
			})().finally(() => {
				running = undefined;
			});
			return running;
		},
	};
	return loader;
}

function isOffline(error: unknown): boolean {
	const code = (error as {code?: string} | undefined)?.code;
	return code === 'network' || code === 'timeout';
}
