/**
 * The HTTP cache behind ETag revalidation. got hands GET answers to
 * cacheable-request, which keeps them in a keyv store; the next identical GET
 * is sent with `If-None-Match` and an unchanged answer costs a 304.
 *
 * What may end up in the store is decided here, because the store can be a
 * file on disk (`@keyv/sqlite`): never a secret, never the operator's
 * credentials, never an error.
 */
import type {Options} from 'got';
import type {Keyv} from 'keyv';

/**
 * The `cache` option of the client: a keyv instance (any keyv store, e.g.
 * `new Keyv({store: new KeyvSqlite(path)})`), a plain `Map`, or `false` for no
 * HTTP cache at all. Default: a fresh `MemoryCache` per client.
 */
export type CacheOption = Keyv | Map<string, unknown> | false;

/** got's own type for its `cache` option. */
type GotCache = Options['cache'];

/** The store got should use, or undefined for none. */
export function resolveCache(option: CacheOption | undefined): GotCache {
	if (option === false) return undefined;
	return (option ?? new MemoryCache()) as GotCache;
}

export const defaultMemoryCacheBytes = 64 * 1024 * 1024;

/**
 * A `Map` that forgets its least recently used entries past a size budget.
 * keyv hands it serialized strings, so their length is a fair measure. The
 * cache holds a copy of every list page the app has seen: 100,000 tokens are
 * some 80 MB of cached text, and a long session with many distinct queries
 * must not grow without bound. Past the budget the price is a 200 instead of
 * a 304, nothing worse.
 */
export class MemoryCache extends Map<string, unknown> {
	private bytes = 0;

	constructor(readonly maxBytes = defaultMemoryCacheBytes) {
		super();
	}

	/** Approximate size of what is held, in UTF-16 code units of the stored text. */
	get usedBytes(): number {
		return this.bytes;
	}

	override get(key: string): unknown {
		if (!super.has(key)) return undefined;
		const value = super.get(key);
		// Re-insert: a Map iterates in insertion order, so the first key is the least recently used.
		super.delete(key);
		super.set(key, value);
		return value;
	}

	override set(key: string, value: unknown): this {
		this.delete(key);
		const size = sizeOf(key, value);
		if (size > this.maxBytes) return this;
		super.set(key, value);
		this.bytes += size;
		for (const oldest of super.keys()) {
			if (this.bytes <= this.maxBytes) break;
			this.delete(oldest);
		}

		return this;
	}

	override delete(key: string): boolean {
		if (!super.has(key)) return false;
		this.bytes -= sizeOf(key, super.get(key));
		return super.delete(key);
	}

	override clear(): void {
		super.clear();
		this.bytes = 0;
	}
}

function sizeOf(key: string, value: unknown): number {
	return key.length + (typeof value === 'string' ? value.length : (JSON.stringify(value)?.length ?? 0));
}

/**
 * The one GET whose answer is a secret. It is requested with `cache: false`
 * already; the hook below checks again in case a future call forgets.
 */
const secretPath = /\/Credentials\/?(\?|$)/u;

type RawResponse = {
	statusCode?: number;
	headers: Record<string, string | string[] | undefined>;
	req?: {method?: string; path?: string};
};

/**
 * got's `beforeCache` hook: runs on every answer to a cached request, before
 * cacheable-request decides whether and how to store it.
 *
 * - Only successes are stored (a 503 or a redirect must not be replayed).
 * - Only GETs are stored, and never the credentials reveal.
 * - `Vary` is dropped: with `Vary: Authorization` the policy would store the
 *   request's `Authorization` header, i.e. the operator's auth token, in the
 *   store. Dropping it is safe because every use revalidates (next point), so
 *   the server still sees the current credentials on every request.
 * - Every stored answer is marked `no-cache` (unless the server said
 *   `no-store`, which is kept): reused only after a 304, never served stale
 *   from `max-age` or heuristics. This is a sync client; a list must be what
 *   the server holds now, and the revalidation is what makes it cheap.
 */
export function beforeCache(response: unknown): false | undefined {
	const raw = response as RawResponse;
	const status = raw.statusCode ?? 0;
	if (status !== 304 && (status < 200 || status >= 300)) return false;
	// Writes answer with new credentials (create, duplicate, reset): never stored.
	if ((raw.req?.method ?? 'GET') !== 'GET') return false;
	if (secretPath.test(raw.req?.path ?? '')) return false;
	delete raw.headers['vary'];
	const cacheControl = raw.headers['cache-control'];
	const text = Array.isArray(cacheControl) ? cacheControl.join(',') : (cacheControl ?? '');
	if (/no-store/iu.test(text)) return undefined;
	raw.headers['cache-control'] = 'private, no-cache';
	return undefined;
}
