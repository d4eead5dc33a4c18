/**
 * The working set: every token in memory, kept in list order, written through
 * to the store on each change.
 *
 * On a local store (SQLite, one process) memory is the authority: a change is
 * applied in memory synchronously, in the same turn as the caller's If-Match
 * check (so a concurrent writer sees the new Version at once and gets its
 * 412), then committed; the caller answers only after the commit, and a
 * commit that fails is rolled back in memory (the caller answers 503).
 *
 * On a shared store (Redis or PostgreSQL, several processes) the store is the authority:
 * each request first catches up with what the others wrote (`sync`), a change
 * is committed with the Version it was based on, which the store checks
 * atomically, and memory then catches up again. A stale base is a
 * `WriteConflict`, and nothing was written.
 */
import type {AuditEntry} from '../domain/audit.js';
import type {Filters} from '../domain/filters.js';
import {coalesce} from './coalesce.js';
import {interner} from './intern.js';
import {tokenKey, tokenPrefix, type StoredToken} from './model.js';
import {metaKeys, type Instance} from './meta.js';
import type {Change, Expectation, Store} from './store.js';
import {TokenIndex, type ListView} from './token-index.js';

export type {ListView} from './token-index.js';

export type AccountSettings = {LegacyEnabled: boolean};

const auditPrefix = 'audit:';
/** Zero-padded so the audit keys sort by sequence (the shared stores pad the same way). */
const auditKey = (sequence: number) => `${auditPrefix}${String(sequence).padStart(12, '0')}`;

const defaultSettings: AccountSettings = {LegacyEnabled: false};

/** A shared store refused a write: the token changed in another process since this one read it. */
export class WriteConflict extends Error {
	constructor(readonly key: string) {
		super(`${key} was changed by another writer`);
	}
}

type Audit = Omit<AuditEntry, 'Id'>;

export class Repository {
	/**
	 * Loads everything the store holds. `seeded`: the tokens a seed has just
	 * written, taken as they are instead of read back.
	 */
	static async load(store: Store, seeded?: StoredToken[]): Promise<Repository> {
		// On a shared store, the revision is read first: whatever changes while loading comes again in the feed.
		const sharedRevision = await store.feed?.revision();
		const [tokens, audit, settings, revision, instance] = await Promise.all([
			// Interned as each chunk is decoded, so a million duplicate scope lists never pile up at once.
			seeded ?? store.loadValues<StoredToken>(tokenPrefix, interner()),
			store.loadValues<AuditEntry>(auditPrefix),
			store.get<AccountSettings>(metaKeys.settings),
			store.get<number>(metaKeys.revision),
			store.get<Instance>(metaKeys.instance),
		]);
		const repository = new Repository(
			store,
			settings ?? defaultSettings,
			sharedRevision ?? revision ?? 0,
			instance,
		);
		repository.fill(tokens, audit);
		await repository.sync();
		return repository;
	}

	private index = new TokenIndex([]);
	private audit: AuditEntry[] = [];
	private auditSequence = 0;

	private constructor(
		private readonly store: Store,
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

	get tokens(): ReadonlyMap<string, StoredToken> {
		return this.index.tokens;
	}

	get size(): number {
		return this.index.tokens.size;
	}

	/** Whether other processes write the same store. */
	get shared(): boolean {
		return this.store.feed !== undefined;
	}

	/** Tokens matching the filters, in list order; legacy ones only when the account shows them. */
	list(filters: Filters, now: number, cacheKey: string): ListView {
		return this.index.list(filters, now, `${this.revisionNumber}|${cacheKey}`, this.settings.LegacyEnabled);
	}

	/** A token the account can see: legacy ones are hidden while the legacy switch is off. */
	visible(id: string): StoredToken | undefined {
		const token = this.index.tokens.get(id);
		return token && (!token.Legacy || this.settings.LegacyEnabled) ? token : undefined;
	}

	/** Adds a new token (create, duplicate); `extra` entries (an idempotency record) commit with it. */
	async insert(token: StoredToken, audit?: Audit, extra: Change[] = []): Promise<void> {
		if (!this.shared) this.index.add(token);
		await this.commit(
			[{key: tokenKey(token.Id), value: token}, ...extra],
			audit,
			[{key: tokenKey(token.Id), version: null}],
			() => this.index.delete(token),
		);
	}

	/** Replaces a token by its next version, which must be based on `previous`. */
	async replace(
		previous: StoredToken,
		next: StoredToken,
		audit?: Audit,
		extra: Change[] = [],
	): Promise<void> {
		if (!this.shared) this.index.swap(previous, next);
		await this.commit(
			[{key: tokenKey(next.Id), value: next}, ...extra],
			audit,
			[{key: tokenKey(previous.Id), version: previous.Version}],
			() => {
				// Unless a later change has replaced it already.
				if (this.index.tokens.get(next.Id) === next) this.index.swap(next, previous);
			},
		);
	}

	async remove(token: StoredToken, audit?: Audit): Promise<void> {
		if (!this.shared) this.index.delete(token);
		await this.commit(
			[{key: tokenKey(token.Id), value: undefined}],
			audit,
			[{key: tokenKey(token.Id), version: token.Version}],
			() => this.index.add(token),
		);
	}

	async setLegacyEnabled(audit: Audit, extra: Change[] = []): Promise<void> {
		const previous = this.settings;
		const next = {...previous, LegacyEnabled: true};
		if (!this.shared) this.settings = next;
		await this.commit([{key: metaKeys.settings, value: next}, ...extra], audit, [], () => {
			this.settings = previous;
		});
	}

	/** Stores entries that are no part of the working set (an idempotency record of an answer that changed nothing). */
	async remember(extra: Change[]): Promise<void> {
		if (extra.length > 0) await this.store.commit({changes: extra});
	}

	/** Records an event that changes no token (a reveal); on a local store, token lists and their ETags stay as they are. */
	async appendAudit(audit: Audit): Promise<void> {
		await this.commit([], audit, [], () => undefined);
	}

	/** Records a successful use of a token's credential; not an operator's change, so the Version stays. */
	async touch(id: string, at: number): Promise<void> {
		// The current version: the caller's copy may have been replaced while the request was in flight.
		const current = this.index.tokens.get(id);
		try {
			if (current) await this.replace(current, {...current, LastUsedAt: at});
		} catch (error) {
			// Changed elsewhere at the same moment: that change wins, and this use goes unrecorded.
			if (!(error instanceof WriteConflict)) throw error;
		}
	}

	/**
	 * Catches up with what other processes wrote (a no-op on a local store).
	 * Callers that arrive while a catch-up runs wait for the next one, which
	 * starts after they arrived, so every request sees every write answered before it began.
	 */
	async sync(): Promise<void> {
		if (this.store.feed) await this.follow();
	}

	private readonly follow = coalesce(async () => this.pull());

	private async pull(): Promise<void> {
		const feed = this.store.feed!;
		// Twice at most: a reload, then the changes made while it loaded.
		for (let round = 0; round < 2; round++) {
			const news = await feed.changesSince(this.revisionNumber);
			if (news.reload) {
				await this.reload(news.revision);
				continue;
			}

			for (const [key, value] of news.entries) this.apply(key, value);
			this.revisionNumber = news.revision;
			return;
		}
	}

	/** Another process's change, as the store holds it now (undefined: deleted). */
	private apply(key: string, value: unknown): void {
		if (key.startsWith(tokenPrefix)) {
			const id = key.slice(tokenPrefix.length);
			const existing = this.index.tokens.get(id);
			if (existing) this.index.delete(existing);
			if (value !== undefined) this.index.add(value as StoredToken);
		} else if (key.startsWith(auditPrefix)) {
			const entry = value as AuditEntry | undefined;
			if (!entry || Number(entry.Id) <= this.auditSequence) return;
			this.audit.push(entry);
			this.auditSequence = Number(entry.Id);
		} else if (key === metaKeys.settings) {
			this.settings = (value as AccountSettings | undefined) ?? defaultSettings;
		}
	}

	/** Too far behind for the change log: everything again. */
	private async reload(revision: number): Promise<void> {
		const [tokens, audit, settings] = await Promise.all([
			this.store.loadValues<StoredToken>(tokenPrefix, interner()),
			this.store.loadValues<AuditEntry>(auditPrefix),
			this.store.get<AccountSettings>(metaKeys.settings),
		]);
		this.settings = settings ?? defaultSettings;
		this.fill(tokens, audit);
		this.revisionNumber = revision;
	}

	private fill(tokens: StoredToken[], audit: AuditEntry[]): void {
		this.index = new TokenIndex(tokens);
		this.audit = audit.sort((a, b) => Number(a.Id) - Number(b.Id));
		this.auditSequence = Number(this.audit.at(-1)?.Id ?? 0);
	}

	/**
	 * Writes a change. Local store: with its audit entry and the new revision
	 * in one transaction, memory already changed (undone by `rollback` if the
	 * commit fails). Shared store: checked against `expect` by the store, then
	 * memory catches up; a failed check throws `WriteConflict`.
	 */
	private async commit(
		changes: Change[],
		audit: Audit | undefined,
		expect: Expectation[],
		rollback: () => void,
	): Promise<void> {
		if (this.shared) {
			const result = await this.store.commit({changes, audit, expect});
			await this.sync();
			if (!result.ok) throw new WriteConflict(result.key);
			return;
		}

		// The revision moves with the working set only: an audit entry alone leaves lists and their ETags be.
		const entries: Change[] =
			changes.length > 0 ? [...changes, {key: metaKeys.revision, value: ++this.revisionNumber}] : [];
		let entry: AuditEntry | undefined;
		if (audit) {
			entry = {Id: String(++this.auditSequence), ...audit};
			this.audit.push(entry);
			entries.push({key: auditKey(Number(entry.Id)), value: entry});
		}

		try {
			await this.store.commit({changes: entries});
		} catch (error) {
			// Nothing reached the disk: memory goes back. (The revision stays bumped: a list cached
			// in between must not be taken for current.)
			rollback();
			if (entry) this.audit.splice(this.audit.indexOf(entry), 1);
			throw error;
		}
	}
}
