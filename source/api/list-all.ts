/**
 * Walking every page of a list: page 1 first (the app shows it at once and
 * learns how many pages there are), then the rest a few at a time, handed
 * on in page order.
 */
import type {AccessToken} from '../domain/token.js';

/** Pages fetched at once after the first: enough to hide latency, few enough not to earn a 429. */
export const listConcurrency = 3;

export type Page = {tokens: AccessToken[]; info: {'@numpages': number}};

/**
 * Fetches pages 1..n with `fetchPage`, calls `onPage` for each in page order
 * as soon as it and every page before it have arrived, and resolves with the
 * tokens in list order, each once: a token created or deleted meanwhile
 * shifts the pages, so one may show up on two of them. The first failure
 * cancels the pages still in flight and rejects with that failure. The page
 * count is page 1's; tokens added past it meanwhile wait for the next walk.
 * With `collect` false each page is let go once `onPage` has it, and the walk
 * resolves with no tokens: a caller that keeps only what `onPage` hands it
 * (the app's first load) does not hold every parsed page until the end.
 */
export async function walkPages<P extends Page>(
	fetchPage: (page: number, signal: AbortSignal | undefined) => Promise<P>,
	onPage: (page: P) => void,
	signal?: AbortSignal,
	collect = true,
): Promise<AccessToken[]> {
	const first = await fetchPage(1, signal);
	onPage(first);
	/** By page number - 1; null once handed on and let go. */
	const pages: Array<P | null> = [collect ? first : null];
	const numPages = first.info['@numpages'];
	if (numPages > 1) {
		// Our own signal, so the first failure stops the pages still in flight.
		const controller = new AbortController();
		const forward = () => {
			controller.abort(signal?.reason);
		};

		// onPage may have cancelled already (the operator moved on after page 1).
		if (signal?.aborted) forward();
		else signal?.addEventListener('abort', forward, {once: true});
		let next = 2;
		let delivered = 1;
		const worker = async () => {
			while (next <= numPages) {
				const number = next++;
				pages[number - 1] = await fetchPage(number, controller.signal);
				while (pages[delivered]) {
					onPage(pages[delivered]!);
					if (!collect) pages[delivered] = null;
					delivered++;
				}
			}
		};

		try {
			await Promise.all(Array.from({length: Math.min(listConcurrency, numPages - 1)}, worker));
		} catch (error) {
			controller.abort();
			throw error;
		} finally {
			signal?.removeEventListener('abort', forward);
		}
	}

	const seen = new Set<string>();
	const tokens: AccessToken[] = [];
	if (!collect) return tokens;
	for (const page of pages) {
		for (const token of page!.tokens) {
			if (seen.has(token.Id)) continue;
			seen.add(token.Id);
			tokens.push(token);
		}
	}

	return tokens;
}
