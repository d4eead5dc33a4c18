/**
 * The collection's tokens, held compactly. JSON.parse makes each token an
 * object of 16 fields (152 bytes on 64-bit Node, which does not compress
 * pointers) plus its own strings: three 24-character timestamps, an Account
 * SID, a hint. At 1,000,000 tokens that was ~500 MB of heap. Here a token is
 * a small handle (chunk, slot) over columns filled 4,096 tokens at a time:
 * Id and Name stay strings (keys, sorting, the name index read them), times
 * are numbers, the Account SID and hint are Latin-1 bytes, and the fields a
 * token shares with many others (version, state, contact, scope and e-mail
 * lists) are one code into a table of such profiles.
 *
 * A handle is also the token's row (`row.token` is the handle itself), with
 * the times the filter and the sort compare as numbers. Values are never
 * changed in place: a changed token is packed anew, and a chunk is freed
 * when no handle into it is left. Until then its dead slots stay: now and
 * then (`compactPacked`) the collection's live handles move out of chunks
 * that are mostly dead, keeping their identity and values, so that the
 * chunks can go. Whatever does not fit a column (a time not
 * in the canonical ISO form, a non-Latin-1 SID, a 65,536th profile) is kept
 * as given beside the chunk, so a handle always reads back exactly what was
 * packed.
 */
import {canonicalIsoMs} from '../domain/iso-time.js';
import {sameList, sharedList} from '../domain/shared-lists.js';
import {sameCredentialHint, type AccessToken, type CredentialHint} from '../domain/token.js';
import type {TokenRow} from './types.js';

const chunkSize = 4096;

/** The fields a token shares with many others, held once per distinct set. */
type Profile = Pick<
	AccessToken,
	'ApiVersion' | 'State' | 'Legacy' | 'PrimaryContact' | 'Scopes' | 'DeveloperEmails'
>;

/** Code 0xffff: the token's profile is its own, in the chunk's `odd` entry. */
const ownProfile = 0xff_ff;
const profiles: Profile[] = [];
/** Profiles by their fields, level by level; lists by identity, shared first (`sharedList`). */
const profileTree = new Map<unknown, unknown>();

/** The profile's fields in tree order; reused, so a lookup allocates nothing. */
const profileKeys: unknown[] = [];

/**
 * The code of the token's profile (with its lists shared), made when it is
 * new; `ownProfile` past the last, or when a list is the token's own (past
 * `sharedList`'s bounds): keyed by that list's identity, the profile would be
 * new each time the token is packed, and the table is never pruned.
 */
function profileCode(token: AccessToken, scopes: string[], emails: string[]): number {
	if (!Object.isFrozen(scopes) || !Object.isFrozen(emails)) return ownProfile;
	profileKeys[0] = token.ApiVersion;
	profileKeys[1] = token.State;
	profileKeys[2] = token.Legacy;
	profileKeys[3] = token.PrimaryContact;
	profileKeys[4] = scopes;
	profileKeys[5] = emails;
	let level = profileTree;
	for (let index = 0; index < profileKeys.length - 1; index++) {
		let next = level.get(profileKeys[index]) as Map<unknown, unknown> | undefined;
		if (!next) {
			if (profiles.length >= ownProfile) return ownProfile;
			next = new Map();
			level.set(profileKeys[index], next);
		}

		level = next;
	}

	const code = level.get(emails) as number | undefined;
	if (code !== undefined) return code;
	if (profiles.length >= ownProfile) return ownProfile;
	profiles.push(profileOf(token, scopes, emails));
	level.set(emails, profiles.length - 1);
	return profiles.length - 1;
}

function profileOf(token: AccessToken, scopes: string[], emails: string[]): Profile {
	return {
		ApiVersion: token.ApiVersion,
		State: token.State,
		Legacy: token.Legacy,
		PrimaryContact: token.PrimaryContact,
		Scopes: scopes,
		DeveloperEmails: emails,
	};
}

/** What a chunk could not put in its columns, by slot. */
type Odd = {
	profile?: Profile;
	times?: [unknown, unknown, unknown];
	createdAtMs?: number;
	lastUsedAtMs?: number;
	AccountSid?: unknown;
	AuthTokenHint?: unknown;
};

/** Times: finite is the ms of a canonical ISO string, -Infinity is null, NaN is in `odd`. */
const nullTime = Number.NEGATIVE_INFINITY;
const created = 0;
const updated = 1;
const lastUsed = 2;
/** Texts: the Account SID and the hint, as Latin-1 bytes; longer ones stay strings. */
const longestText = 255;

class Chunk {
	count = 0;
	readonly ids: string[] = [];
	readonly names: string[] = [];
	/** Free text, often empty, as often unique: a column of its own rather than part of a profile. */
	readonly descriptions: string[] = [];
	readonly profiles = new Uint16Array(chunkSize);
	readonly times = new Float64Array(chunkSize * 3);
	readonly versions = new Float64Array(chunkSize);
	readonly textEnds = new Uint32Array(chunkSize * 2);
	text = new Uint8Array(chunkSize * 24);
	textLength = 0;
	readOnly: Map<number, CredentialHint> | undefined;
	odd: Map<number, Odd> | undefined;
	/** Set by a compaction pass (`epoch`): the live handles it found here, and whether they move. */
	seenIn = 0;
	live = 0;
	moving = false;

	oddAt(slot: number): Odd {
		this.odd ??= new Map();
		let odd = this.odd.get(slot);
		if (!odd) {
			odd = {};
			this.odd.set(slot, odd);
		}

		return odd;
	}

	/** Appends a text's bytes; false when it is not Latin-1 text of a sensible length. */
	addText(index: number, value: unknown): boolean {
		const fits = typeof value === 'string' && value.length <= longestText && isLatin1(value);
		if (fits) {
			this.makeRoom(value.length);
			for (let char = 0; char < value.length; char++) this.text[this.textLength++] = value.charCodeAt(char);
		}

		this.textEnds[index] = this.textLength;
		return fits;
	}

	/** Appends slot `from` of `source` as this chunk's next slot, column by column; returns the slot. */
	copySlot(source: Chunk, from: number): number {
		const slot = this.count++;
		this.ids[slot] = source.ids[from]!;
		this.names[slot] = source.names[from]!;
		this.descriptions[slot] = source.descriptions[from]!;
		this.profiles[slot] = source.profiles[from]!;
		this.versions[slot] = source.versions[from]!;
		this.times.set(source.times.subarray(from * 3, from * 3 + 3), slot * 3);
		for (let which = 0; which < 2; which++) {
			const index = from * 2 + which;
			const start = source.textStart(index);
			const end = source.textEnds[index]!;
			this.makeRoom(end - start);
			this.text.set(source.text.subarray(start, end), this.textLength);
			this.textLength += end - start;
			this.textEnds[slot * 2 + which] = this.textLength;
		}

		if (source.readOnly?.has(from)) (this.readOnly ??= new Map()).set(slot, source.readOnly.get(from)!);
		// Odd entries are complete once packed and never changed: the two slots can share one.
		const odd = source.odd?.get(from);
		if (odd) (this.odd ??= new Map()).set(slot, odd);
		return slot;
	}

	/** Where text `index` (slot * 2 + 0 for the SID, + 1 for the hint) starts in `text`; `textEnds[index]` ends it. */
	textStart(index: number): number {
		return index === 0 ? 0 : this.textEnds[index - 1]!;
	}

	textAt(index: number): string {
		const start = this.textStart(index);
		const end = this.textEnds[index]!;
		return start === end ? '' : String.fromCharCode.apply(null, this.text.subarray(start, end) as never);
	}

	private makeRoom(bytes: number): void {
		if (this.textLength + bytes <= this.text.length) return;
		const grown = new Uint8Array(Math.max(this.text.length * 2, this.textLength + bytes));
		grown.set(this.text.subarray(0, this.textLength));
		this.text = grown;
	}

	/** Gives back the text buffer's spare room once no token will be added. */
	seal(): void {
		if (this.text.length > this.textLength) this.text = this.text.slice(0, this.textLength);
	}
}

function isLatin1(text: string): boolean {
	for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0xff) return false;
	return true;
}

function encodeTime(value: unknown): number {
	if (value === null) return nullTime;
	return typeof value === 'string' ? canonicalIsoMs(value) : Number.NaN;
}

/** The ms a time sorts and filters by: `Date.parse`, null as -Infinity. */
function timeMs(value: unknown): number {
	return value === null ? nullTime : Date.parse(value as string);
}

/** A token in the collection: reads like an AccessToken, and is its own row. */
export class PackedToken implements AccessToken, TokenRow {
	/**
	 * Moves the handles of `rows` that sit in mostly-dead chunks into the
	 * filling chunk: the same objects with the same values, so no row, list or
	 * memoised component sees a change; the chunks they leave are then held
	 * only by dead handles, and go with them. At most `maxMoves` a pass, the
	 * sparsest chunks first. Returns how many moved.
	 */
	static compact(rows: readonly TokenRow[]): number {
		epoch++;
		const seen: Chunk[] = [];
		for (const row of rows) {
			if (!(row instanceof PackedToken)) continue;
			const {chunk} = row;
			if (chunk.seenIn !== epoch) {
				chunk.seenIn = epoch;
				chunk.live = 0;
				chunk.moving = false;
				seen.push(chunk);
			}

			chunk.live++;
		}

		let moves = 0;
		let kept = 0;
		seen.sort((a, b) => a.live / a.count - b.live / b.count);
		for (const chunk of seen) {
			chunk.moving =
				chunk !== filling && chunk.live <= chunk.count * mostlyDead && moves + chunk.live <= maxMoves;
			if (chunk.moving) moves += chunk.live;
			else kept += chunk.count;
		}

		if (moves > 0) {
			for (const row of rows) {
				if (!(row instanceof PackedToken) || !row.chunk.moving) continue;
				const target = fillingChunk();
				row.slot = target.copySlot(row.chunk, row.slot);
				row.chunk = target;
			}

			for (const chunk of seen) chunk.moving = false;
		}

		slotsHeld = kept + moves;
		return moves;
	}

	constructor(
		private chunk: Chunk,
		private slot: number,
	) {}

	get token(): AccessToken {
		return this;
	}

	/** `Date.parse(CreatedAt)`; NaN for an unparseable date. */
	get createdAtMs(): number {
		const ms = this.chunk.times[this.slot * 3 + created]!;
		if (Number.isFinite(ms)) return ms;
		return ms === nullTime ? Number.NaN : this.chunk.odd!.get(this.slot)!.createdAtMs!;
	}

	/** `Date.parse(LastUsedAt)`; -Infinity when never used, NaN for an unparseable date. */
	get lastUsedAtMs(): number {
		const ms = this.chunk.times[this.slot * 3 + lastUsed]!;
		return Number.isNaN(ms) ? this.chunk.odd!.get(this.slot)!.lastUsedAtMs! : ms;
	}

	get Id(): string {
		return this.chunk.ids[this.slot]!;
	}

	get Name(): string {
		return this.chunk.names[this.slot]!;
	}

	get Description(): string {
		return this.chunk.descriptions[this.slot]!;
	}

	get ApiVersion(): string {
		return this.profile.ApiVersion;
	}

	get State(): AccessToken['State'] {
		return this.profile.State;
	}

	get Legacy(): boolean {
		return this.profile.Legacy;
	}

	get CreatedAt(): string {
		return this.time(created) as string;
	}

	get UpdatedAt(): string {
		return this.time(updated) as string;
	}

	get LastUsedAt(): string | null {
		return this.time(lastUsed) as string | null;
	}

	get PrimaryContact(): string {
		return this.profile.PrimaryContact;
	}

	get DeveloperEmails(): string[] {
		return this.profile.DeveloperEmails;
	}

	get Scopes(): string[] {
		return this.profile.Scopes;
	}

	get AccountSid(): string {
		return this.text(0, 'AccountSid');
	}

	get AuthTokenHint(): string {
		return this.text(1, 'AuthTokenHint');
	}

	get ReadOnly(): CredentialHint | null {
		// Kept as given, so a token without the field (undefined) reads back without it.
		const {readOnly} = this.chunk;
		return readOnly?.has(this.slot) ? readOnly.get(this.slot)! : null;
	}

	get Version(): number {
		return this.chunk.versions[this.slot]!;
	}

	/** The plain token, for JSON and anything that copies fields. */
	toJSON(): AccessToken {
		return plainToken(this);
	}

	/**
	 * Whether `other` holds this token's data, as `sameToken` decides it, read
	 * off the columns: a refresh compares every token, and the getters would
	 * write out three times and two texts for each (~2 µs a token).
	 */
	sameAs(other: AccessToken): boolean {
		const {chunk, slot, profile} = this;
		return (
			chunk.versions[slot] === other.Version &&
			chunk.ids[slot] === other.Id &&
			chunk.names[slot] === other.Name &&
			profile.State === other.State &&
			this.sameTime(updated, other.UpdatedAt) &&
			this.sameTime(lastUsed, other.LastUsedAt) &&
			profile.ApiVersion === other.ApiVersion &&
			chunk.descriptions[slot] === other.Description &&
			profile.Legacy === other.Legacy &&
			this.sameTime(created, other.CreatedAt) &&
			profile.PrimaryContact === other.PrimaryContact &&
			this.sameText(0, 'AccountSid', other.AccountSid) &&
			this.sameText(1, 'AuthTokenHint', other.AuthTokenHint) &&
			sameList(profile.Scopes, other.Scopes) &&
			sameList(profile.DeveloperEmails, other.DeveloperEmails) &&
			sameCredentialHint(this.ReadOnly, other.ReadOnly)
		);
	}

	private get profile(): Profile {
		const code = this.chunk.profiles[this.slot]!;
		return code === ownProfile ? this.chunk.odd!.get(this.slot)!.profile! : profiles[code]!;
	}

	private time(which: number): unknown {
		const ms = this.chunk.times[this.slot * 3 + which]!;
		if (Number.isFinite(ms)) return new Date(ms).toISOString();
		return ms === nullTime ? null : this.chunk.odd!.get(this.slot)!.times![which];
	}

	private sameTime(which: number, value: unknown): boolean {
		const ms = this.chunk.times[this.slot * 3 + which]!;
		if (Number.isFinite(ms)) return typeof value === 'string' && canonicalIsoMs(value) === ms;
		return ms === nullTime ? value === null : this.chunk.odd!.get(this.slot)!.times![which] === value;
	}

	private sameText(which: 0 | 1, field: 'AccountSid' | 'AuthTokenHint', value: unknown): boolean {
		const index = this.slot * 2 + which;
		const start = this.chunk.textStart(index);
		const end = this.chunk.textEnds[index]!;
		if (start === end) return this.text(which, field) === value;
		if (typeof value !== 'string' || value.length !== end - start) return false;
		const {text} = this.chunk;
		for (let char = 0; char < value.length; char++)
			if (text[start + char] !== value.charCodeAt(char)) return false;
		return true;
	}

	private text(which: 0 | 1, field: 'AccountSid' | 'AuthTokenHint'): string {
		const index = this.slot * 2 + which;
		const text = this.chunk.textAt(index);
		if (text !== '') return text;
		const odd = this.chunk.odd?.get(this.slot);
		return odd && field in odd ? (odd[field] as string) : '';
	}
}

let filling = new Chunk();
/**
 * Slots of the chunks the collection's tokens may be in: counted as tokens
 * are packed, recounted by each compaction from the chunks its rows are in
 * (chunks that die between passes are still counted, so it runs high).
 */
let slotsHeld = 0;
/** Compaction passes, so each can mark the chunks it has seen without clearing old marks. */
let epoch = 0;
/**
 * A chunk at most this full of live tokens is worth emptying. It matches the
 * trigger below: dead slots over a quarter of the live ones, beside those of
 * the filling chunk (never moved), leave some other chunk at most 80% live,
 * so each pass that runs can move something once the count is exact.
 */
const mostlyDead = 0.8;
/** Moves per compaction pass: bounds its pause (~0.2 µs a move) whatever the collection's size. */
const maxMoves = 65_536;

/**
 * Moves the collection's live tokens out of mostly-dead chunks when the dead
 * slots may outnumber a quarter of the live ones (and a few chunks' worth):
 * a refresh packs each changed token anew, and over a long session the old
 * slots (~200 bytes each) would pin their chunks. Returns how many moved.
 */
export function compactPacked(rows: readonly TokenRow[]): number {
	const dead = slotsHeld - rows.length;
	if (dead <= Math.max(rows.length / 4 + chunkSize, 4 * chunkSize)) return 0;
	return PackedToken.compact(rows);
}

/** The chunk new slots go to, with room for one more. */
function fillingChunk(): Chunk {
	if (filling.count === chunkSize) {
		filling.seal();
		filling = new Chunk();
	}

	slotsHeld++;
	return filling;
}

/** The token as a packed handle (the same handle when it is one already). */
export function packToken(token: AccessToken): PackedToken {
	if (token instanceof PackedToken) return token;
	const chunk = fillingChunk();
	const slot = chunk.count++;
	chunk.ids[slot] = token.Id;
	chunk.names[slot] = token.Name;
	chunk.descriptions[slot] = token.Description;
	chunk.versions[slot] = token.Version;

	const scopes = sharedList(token.Scopes);
	const emails = sharedList(token.DeveloperEmails);
	const code = profileCode(token, scopes, emails);
	chunk.profiles[slot] = code;
	if (code === ownProfile) chunk.oddAt(slot).profile = profileOf(token, scopes, emails);

	const times = [token.CreatedAt, token.UpdatedAt, token.LastUsedAt] as const;
	let timesFit = true;
	for (let which = 0; which < 3; which++) {
		// UpdatedAt is often CreatedAt's very string: one conversion serves both.
		const ms =
			which === updated && times[updated] === times[created]
				? chunk.times[slot * 3 + created]!
				: encodeTime(times[which]);
		chunk.times[slot * 3 + which] = ms;
		if (Number.isNaN(ms)) timesFit = false;
	}

	if (!timesFit) {
		const odd = chunk.oddAt(slot);
		odd.times = [...times];
		odd.createdAtMs = Date.parse(token.CreatedAt);
		odd.lastUsedAtMs = timeMs(token.LastUsedAt);
	}

	if (!chunk.addText(slot * 2, token.AccountSid)) chunk.oddAt(slot).AccountSid = token.AccountSid;
	if (!chunk.addText(slot * 2 + 1, token.AuthTokenHint))
		chunk.oddAt(slot).AuthTokenHint = token.AuthTokenHint;
	if (token.ReadOnly !== null) {
		chunk.readOnly ??= new Map();
		chunk.readOnly.set(slot, token.ReadOnly);
	}

	return new PackedToken(chunk, slot);
}

/** A plain object with the token's fields: what spreading or serialising a packed token needs. */
export function plainToken(token: AccessToken): AccessToken {
	if (!(token instanceof PackedToken)) return token;
	return {
		Id: token.Id,
		Name: token.Name,
		Description: token.Description,
		ApiVersion: token.ApiVersion,
		State: token.State,
		Legacy: token.Legacy,
		CreatedAt: token.CreatedAt,
		UpdatedAt: token.UpdatedAt,
		LastUsedAt: token.LastUsedAt,
		PrimaryContact: token.PrimaryContact,
		DeveloperEmails: token.DeveloperEmails,
		Scopes: token.Scopes,
		AccountSid: token.AccountSid,
		AuthTokenHint: token.AuthTokenHint,
		ReadOnly: token.ReadOnly,
		Version: token.Version,
	};
}
