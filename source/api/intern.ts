/**
 * What the tokens of a long list have in common, held once. JSON.parse gives
 * every token its own `Scopes` list (eight strings of ~30 characters, each its
 * own string), though a whole account uses a handful of scope sets: at
 * 100,000 tokens those copies were a third of the app's heap.
 */
import type {AccessToken} from '../domain/token.js';

/** Distinct lists kept; past it a list stays the token's own (memory is then bounded, not shared). */
const maxLists = 10_000;
/** Lists kept per first entry, so a lookup compares a few at most. */
const maxPerFirst = 32;
/** Shared lists by their first entry: comparing a few short strings is cheaper than building a key. */
const lists = new Map<string, string[][]>();
let count = 0;
const empty: string[] = Object.freeze([]) as unknown as string[];

/** One shared, frozen copy of each distinct list of strings. */
export function sharedList(list: string[]): string[] {
	if (list.length === 0) return empty;
	const first = list[0]!;
	const candidates = lists.get(first);
	if (candidates) for (const shared of candidates) if (sameList(shared, list)) return shared;
	if (count >= maxLists || (candidates?.length ?? 0) >= maxPerFirst) return list;
	Object.freeze(list);
	if (candidates) candidates.push(list);
	else lists.set(first, [list]);
	count++;
	return list;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
	if (a.length !== b.length) return false;
	for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
	return true;
}

/** The token with its lists shared, and `UpdatedAt` sharing `CreatedAt`'s string when they are equal. */
export function compactToken(token: AccessToken): AccessToken {
	token.Scopes = sharedList(token.Scopes);
	token.DeveloperEmails = sharedList(token.DeveloperEmails);
	if (token.UpdatedAt === token.CreatedAt) token.UpdatedAt = token.CreatedAt;
	return token;
}
