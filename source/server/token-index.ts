/**
 * Tokens in memory, by Id and in list order (newest first), with the few
 * filtered lists paging asks for again and again. Pure bookkeeping: the
 * repository decides when it changes.
 */
import {createdOnMatches, foldName, nameMatches, stateMatches, type Filters} from '../domain/filters.js';
import {compareTokens, type StoredToken} from './model.js';

/** A list as pages read it: arrays qualify, and so do views that find a page without a scan. */
export type ListView = {readonly length: number; slice(from: number, to: number): StoredToken[]};

/** Cached filtered lists: paging through a filtered million costs one scan, not one per page. */
const listCacheSize = 8;

/** `ordered[0..index)` holds exactly `seen` tokens that are not legacy. Any insert or removal drops them all. */
type Bookmark = {readonly seen: number; readonly index: number};
const maxBookmarks = 8;

export class TokenIndex {
	readonly tokens = new Map<string, StoredToken>();
	/** Every token in list order (newest first). */
	private readonly ordered: StoredToken[];
	private readonly listCache = new Map<string, StoredToken[]>();
	private legacyCount = 0;
	/** Where recent pages of the legacy-less view ended; see `withoutLegacy`. */
	private bookmarks: Bookmark[] = [];

	constructor(tokens: StoredToken[]) {
		for (const token of tokens) this.tokens.set(token.Id, token);
		this.ordered = [...this.tokens.values()].sort(compareTokens);
		this.legacyCount = this.ordered.filter((token) => token.Legacy).length;
	}

	/**
	 * Tokens matching the filters, in list order. `cacheKey` must change
	 * whenever the tokens do (the repository puts its revision in it).
	 */
	list(filters: Filters, now: number, cacheKey: string, showLegacy: boolean): ListView {
		const query = foldName(filters.name);
		if (query === '' && filters.createdOn === 'Any' && filters.state === 'Any') {
			// The unfiltered list, the one every client loads first and after each write: no scan.
			return showLegacy ? this.ordered : this.withoutLegacy();
		}

		const key = `${showLegacy}|${cacheKey}`;
		const cached = this.listCache.get(key);
		if (cached) return cached;
		const result = this.ordered.filter(
			(token) =>
				(showLegacy || !token.Legacy) &&
				stateMatches(token.State, filters.state) &&
				createdOnMatches(token.CreatedAt, filters.createdOn, now) &&
				// Fold only when there is a query: folding a million names costs more than the rest together.
				(query === '' || nameMatches(foldName(token.Name), query)),
		);
		if (this.listCache.size >= listCacheSize) this.listCache.delete(this.listCache.keys().next().value!);
		this.listCache.set(key, result);
		return result;
	}

	add(token: StoredToken): void {
		this.tokens.set(token.Id, token);
		this.ordered.splice(this.insertionIndex(token), 0, token);
		if (token.Legacy) this.legacyCount++;
		this.bookmarks = [];
	}

	delete(token: StoredToken): void {
		this.tokens.delete(token.Id);
		const index = this.indexOf(token);
		if (index >= 0) this.ordered.splice(index, 1);
		if (token.Legacy) this.legacyCount--;
		this.bookmarks = [];
	}

	/** For a next version: CreatedAt and Legacy never change in one, so the order and the count stay right. */
	swap(from: StoredToken, to: StoredToken): void {
		this.tokens.set(to.Id, to);
		const index = this.indexOf(from);
		if (index >= 0) this.ordered[index] = to;
	}

	/**
	 * The list without legacy tokens, as a view: its length is known from a
	 * count, and a page is found by walking from where an earlier page ended
	 * (or from the top), so the first pages of a million tokens cost no more
	 * than those of a hundred, and a walk through every page costs one pass,
	 * not one from the top per page (at 100,000 tokens that was ~4 ms a page).
	 */
	private withoutLegacy(): ListView {
		const ordered = this.ordered;
		return {
			length: ordered.length - this.legacyCount,
			slice: (from, to) => {
				const page: StoredToken[] = [];
				let {seen, index} = this.bookmarkAtOrBefore(from);
				for (; index < ordered.length && seen < to; index++) {
					const token = ordered[index]!;
					if (token.Legacy) continue;
					if (seen >= from) page.push(token);
					seen++;
				}

				this.bookmarks = [{seen, index}, ...this.bookmarks.slice(0, maxBookmarks - 1)];
				return page;
			},
		};
	}

	/** The furthest bookmark at or before the `seen`-th listed token; a few pages are fetched at once, out of order. */
	private bookmarkAtOrBefore(seen: number): Bookmark {
		let best: Bookmark = {seen: 0, index: 0};
		for (const bookmark of this.bookmarks)
			if (bookmark.seen <= seen && bookmark.seen > best.seen) best = bookmark;
		return best;
	}

	private insertionIndex(token: StoredToken): number {
		let low = 0;
		let high = this.ordered.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (compareTokens(this.ordered[middle]!, token) < 0) low = middle + 1;
			else high = middle;
		}

		return low;
	}

	private indexOf(token: StoredToken): number {
		const index = this.insertionIndex(token);
		return this.ordered[index]?.Id === token.Id ? index : -1;
	}
}
