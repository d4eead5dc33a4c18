/** How the server holds a token in memory and on disk, and how it shows one over the API. */
import {randomBytes} from 'node:crypto';
import type {AccessToken, CredentialKind, TokenState} from '../domain/token.js';
import {secretHint, type Keys, type StoredSecret} from './crypto.js';
import {isoTime} from './iso-time.js';

/**
 * A token as stored. Lean on purpose (a million of them stay in memory): times
 * are epoch milliseconds, Account SIDs are derived from the Id rather than stored.
 */
export type StoredToken = {
	Id: string;
	Name: string;
	Description: string;
	ApiVersion: string;
	State: TokenState;
	Legacy: boolean;
	CreatedAt: number;
	UpdatedAt: number;
	LastUsedAt: number | null;
	PrimaryContact: string;
	DeveloperEmails: string[];
	Scopes: string[];
	Version: number;
	Secret: StoredSecret;
	/** The Read-Only pair of a legacy token. */
	ReadOnlySecret: StoredSecret | null;
};

export const tokenPrefix = 'token:';
export const tokenKey = (id: string) => `${tokenPrefix}${id}`;

const idAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
const idCodes = [...idAlphabet].map((character) => character.codePointAt(0)!);
const idLength = 14;
const readOnlySuffix = 'RO';

/** A random 14-character id (no look-alike characters): 81 bits, so ids never collide in practice. */
export function newTokenId(random: Uint8Array = randomBytes(idLength)): string {
	const codes = new Array<number>(idLength);
	for (let index = 0; index < idLength; index++) codes[index] = idCodes[random[index]! % idCodes.length]!;
	// One flat string (concatenating characters would leave a rope of 14 pieces per id).
	return String.fromCharCode(...codes);
}

/** The Account SID of a token's pair: `IR` + Id, and `RO` appended for a legacy Read-Only pair. */
export function accountSidOf(id: string, pair: CredentialKind): string {
	return `IR${id}${pair === 'ReadOnly' ? readOnlySuffix : ''}`;
}

/** The token and pair an Account SID names, told apart by length since ids have a fixed one. */
export function parseTokenSid(sid: string): {id: string; pair: CredentialKind} | undefined {
	if (!sid.startsWith('IR')) return undefined;
	if (sid.length === idLength + 2) return {id: sid.slice(2), pair: 'ReadWrite'};
	if (sid.length === idLength + 4 && sid.endsWith(readOnlySuffix))
		return {id: sid.slice(2, -2), pair: 'ReadOnly'};
	return undefined;
}

/** The secret of one pair, or undefined for a pair the token does not have. */
export function secretOf(token: StoredToken, pair: CredentialKind): StoredSecret | undefined {
	return pair === 'ReadWrite' ? token.Secret : (token.ReadOnlySecret ?? undefined);
}

/**
 * The Read/Write hints of derived secrets (the generated tokens'), by key file
 * and token version; legacy Read-Only pairs are too few to keep. Each is an HMAC
 * (~5 µs here), and every list page shows a thousand: at 100,000 tokens they
 * were a quarter of the server's work for a walk through the pages. A hint is
 * what every list shows anyway, never the secret. Weak both ways: a token's
 * entry goes with it when a change replaces it, and a server's with its keys.
 */
const derivedHints = new WeakMap<Keys, WeakMap<StoredToken, string>>();

function readWriteHint(token: StoredToken, keys: Keys): string {
	if (!('Derived' in token.Secret)) return token.Secret.Hint;
	let hints = derivedHints.get(keys);
	if (hints === undefined) {
		hints = new WeakMap();
		derivedHints.set(keys, hints);
	}

	let hint = hints.get(token);
	if (hint === undefined) {
		hint = secretHint(keys, token.Id, 'ReadWrite', token.Secret);
		hints.set(token, hint);
	}

	return hint;
}

/** The public shape: hints only, never a secret. */
export function toAccessToken(token: StoredToken, keys: Keys): AccessToken {
	return {
		Id: token.Id,
		Name: token.Name,
		Description: token.Description,
		ApiVersion: token.ApiVersion,
		State: token.State,
		Legacy: token.Legacy,
		CreatedAt: isoTime(token.CreatedAt),
		UpdatedAt: isoTime(token.UpdatedAt),
		LastUsedAt: token.LastUsedAt === null ? null : isoTime(token.LastUsedAt),
		PrimaryContact: token.PrimaryContact,
		DeveloperEmails: token.DeveloperEmails,
		Scopes: token.Scopes,
		AccountSid: accountSidOf(token.Id, 'ReadWrite'),
		AuthTokenHint: readWriteHint(token, keys),
		ReadOnly: token.ReadOnlySecret
			? {
					AccountSid: accountSidOf(token.Id, 'ReadOnly'),
					AuthTokenHint: secretHint(keys, token.Id, 'ReadOnly', token.ReadOnlySecret),
				}
			: null,
		Version: token.Version,
	};
}

/** Newest first, Id as the tie-break: the order of every list (as domain/sort.ts's `created`). */
export function compareTokens(a: StoredToken, b: StoredToken): number {
	return b.CreatedAt - a.CreatedAt || (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0);
}
