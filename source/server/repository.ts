/**
 * The working set: every token in memory, loaded once at start, kept in list
 * order, and written through to the store on each change. A change is applied
 * in memory synchronously (so a concurrent writer sees the new Version at once
 * and gets its 412), then persisted; the caller answers only after the write
 * has committed, and a write that fails is rolled back in memory (the caller
 * answers 503).
 */
import {randomUUID} from 'node:crypto';
import type {AuditEntry} from '../domain/audit.js';
import {createdOnMatches, foldName, nameMatches, stateMatches, type Filters} from '../domain/filters.js';
import {interner} from './intern.js';
import {compareTokens, tokenKey, tokenPrefix, type StoredToken} from './model.js';
import type {KvStore} from './store.js';

export type AccountSettings = {LegacyEnabled: boolean};

/** A list as pages read it: arrays qualify, and so do views that find a page without a scan. */
export type ListView = {readonly length: number; slice(from: number, to: number): StoredToken[]};

/** Written last when seeding: its absence means the seed never finished. */
export type Instance = {Id: string; SeededAt: string; Generated: number | null};

export const metaKeys = {
	instance: 'meta:instance',
	settings: 'meta:settings',
	revision: 'meta:revision',
} as const;

const auditPrefix = 'audit:';
/** Zero-padded so the audit keys sort by sequence in SQL. */
const auditKey = (sequence: number) => `${auditPrefix}${String(sequence).padStart(12, '0')}`;

/** Cached filtered lists: paging through a filtered million costs one scan, not one per page. */
const listCacheSize = 8;

export class Repository {
	/**
	 * Loads everything the store holds. `seeded`: the tokens a seed has just
	 * written, taken as they are instead of read back.
	 */
	static async load(store: KvStore, seeded?: StoredToken[]): Promise<Repository> {
		// Interned as each chunk is decoded, so a million duplicate scope lists never pile up at once.
		const intern = interner();
		const [tokens, audit, settings, revision, instance] = await Promise.all([
			seeded ?? store.loadValues<StoredToken>(tokenPrefix, intern),
			store.loadValues<AuditEntry>(auditPrefix),
			store.get<AccountSettings>(metaKeys.settings),
			store.get<number>(metaKeys.revision),
			store.get<Instance>(metaKeys.instance),
		]);
		const repository = new Repository(store, settings ?? {LegacyEnabled: false}, revision ?? 0, instance);
		for (const token of tokens) repository.tokens.set(token.Id, token);
		repository.legacyCount = tokens.filter((token) => token.Legacy).length;
		repository.ordered = [...repository.tokens.values()].sort(compareTokens);
		repository.audit = audit.sort((a, b) => Number(a.Id) - Number(b.Id));
		repository.auditSequence = Number(repository.audit.at(-1)?.Id ?? 0);
		return repository;
	}

	readonly tokens = new Map<string, StoredToken>();
	/** Every token in list order (newest first). */
	private ordered: StoredToken[] = [];
	private audit: AuditEntry[] = [];
	private auditSequence = 0;
	private readonly listCache = new Map<string, StoredToken[]>();
	private legacyCount = 0;

	private constructor(
		private readonly store: KvStore,
		private settings: AccountSettings,
		private revisionNumber: number,
		readonly instance: Instance | undefined,
	) {}

	/** Changes with every write (including LastUsedAt): lists' ETags derive from it. */
	get revision(): number {
		return this.revisionNumber;
	}

	get legacyEnabled(): boolean {
		return this.settings.LegacyEnabled;
	}

	/** Audit entries, oldest first. */
	get auditEntries(): readonly AuditEntry[] {
		return this.audit;
	}

	get size(): number {
		return this.tokens.size;
	}

	/** Tokens matching the filters, in list order; legacy ones only when the account shows them. */
	list(filters: Filters, now: number, cacheKey: string): ListView {
		const query = foldName(filters.name);
		const showLegacy = this.settings.LegacyEnabled;
		if (query === '' && filters.createdOn === 'Any' && filters.state === 'Any') {
			// The unfiltered list, the one every client loads first and after each write: no scan.
			return showLegacy ? this.ordered : this.withoutLegacy();
		}

		const key = `${this.revisionNumber}|${cacheKey}`;
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

	/**
	 * The list without legacy tokens, as a view: its length is known from a
	 * count, and a page is found by walking from the top, so the first pages of
	 * a million tokens cost no more than those of a hundred.
	 */
	private withoutLegacy(): ListView {
		const ordered = this.ordered;
		return {
			length: ordered.length - this.legacyCount,
			slice: (from, to) => {
				const page: StoredToken[] = [];
				let seen = 0;
				for (const token of ordered) {
					if (token.Legacy) continue;
					if (seen >= to) break;
					if (seen >= from) page.push(token);
					seen++;
				}

				return page;
			},
		};
	}

	/** A token the account can see: legacy ones are hidden while the legacy switch is off. */
	visible(id: string): StoredToken | undefined {
		const token = this.tokens.get(id);
		return token && (!token.Legacy || this.settings.LegacyEnabled) ? token : undefined;
	}

	/** Adds a new token (create, duplicate). */
	async insert(token: StoredToken, audit?: Omit<AuditEntry, 'Id'>): Promise<void> {
		this.add(token);
		await this.commit([[tokenKey(token.Id), token]], audit, () => {
			this.delete(token);
		});
	}

	/** Replaces a token by its new version; the order is unchanged since CreatedAt never changes. */
	async replace(previous: StoredToken, next: StoredToken, audit?: Omit<AuditEntry, 'Id'>): Promise<void> {
		this.swap(previous, next);
		await this.commit([[tokenKey(next.Id), next]], audit, () => {
			// Unless a later change has replaced it already.
			if (this.tokens.get(next.Id) === next) this.swap(next, previous);
		});
	}

	async remove(token: StoredToken, audit?: Omit<AuditEntry, 'Id'>): Promise<void> {
		this.delete(token);
		await this.commit([[tokenKey(token.Id), undefined]], audit, () => {
			this.add(token);
		});
	}

	async setLegacyEnabled(audit: Omit<AuditEntry, 'Id'>): Promise<void> {
		const previous = this.settings;
		this.settings = {...previous, LegacyEnabled: true};
		await this.commit([[metaKeys.settings, this.settings]], audit, () => {
			this.settings = previous;
		});
	}

	/** Records an event that changes no token (a reveal); token lists and their ETags stay as they are. */
	async appendAudit(audit: Omit<AuditEntry, 'Id'>): Promise<void> {
		const entry: AuditEntry = {Id: String(++this.auditSequence), ...audit};
		this.audit.push(entry);
		try {
			await this.store.set(auditKey(Number(entry.Id)), entry);
		} catch (error) {
			this.audit.splice(this.audit.indexOf(entry), 1);
			throw error;
		}
	}

	/** Records a successful use of a token's credential; not an operator's change, so the Version stays. */
	async touch(id: string, at: number): Promise<void> {
		// The current version: the caller's copy may have been replaced while the request was in flight.
		const current = this.tokens.get(id);
		if (current) await this.replace(current, {...current, LastUsedAt: at});
	}

	private add(token: StoredToken): void {
		this.tokens.set(token.Id, token);
		this.ordered.splice(this.insertionIndex(token), 0, token);
		if (token.Legacy) this.legacyCount++;
	}

	private delete(token: StoredToken): void {
		this.tokens.delete(token.Id);
		const index = this.indexOf(token);
		if (index >= 0) this.ordered.splice(index, 1);
		if (token.Legacy) this.legacyCount--;
	}

	/** Legacy never changes in a replacement (duplicates are new tokens), so the count stays right. */
	private swap(from: StoredToken, to: StoredToken): void {
		this.tokens.set(to.Id, to);
		const index = this.indexOf(from);
		if (index >= 0) this.ordered[index] = to;
	}

	/**
	 * Writes the changed entries, the audit entry and the new revision, in that
	 * order, on the store's single write chain. `undefined` deletes.
	 */
	private async commit(
		changes: Array<[string, unknown]>,
		audit: Omit<AuditEntry, 'Id'> | undefined,
		rollback: () => void,
	): Promise<void> {
		const revision = ++this.revisionNumber;
		let entry: AuditEntry | undefined;
		if (audit) {
			entry = {Id: String(++this.auditSequence), ...audit};
			this.audit.push(entry);
		}

		const changed = Promise.all(
			changes.map(async ([key, value]) =>
				value === undefined ? this.store.delete(key) : this.store.set(key, value),
			),
		);
		const recorded = entry ? this.store.set(auditKey(Number(entry.Id)), entry) : undefined;
		const counted = this.store.set(metaKeys.revision, revision);
		const [change, record, count] = await Promise.allSettled([changed, recorded, counted]);
		// Memory follows the disk: undo only what did not reach it. (The revision stays bumped
		// either way: a list cached in between must not be taken for current.)
		if (change.status === 'rejected') rollback();
		if (entry && (change.status === 'rejected' || record.status === 'rejected')) {
			this.audit.splice(this.audit.indexOf(entry), 1);
		}

		for (const outcome of [change, record, count]) if (outcome.status === 'rejected') throw outcome.reason;
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

/** A fresh instance id for a newly seeded data directory: ETags of one directory never match another's. */
export function newInstance(generated: number | null, now: number): Instance {
	return {Id: randomUUID().slice(0, 8), SeededAt: new Date(now).toISOString(), Generated: generated};
}
