/**
 * One shared, frozen copy of each distinct list of strings. Tokens repeat a
 * handful of scope sets and e-mail lists; JSON.parse gives each token its own
 * copy. The API client shares a list answer's lists with it, and the
 * collection's packed tokens key their shared profiles by the lists' identity.
 */

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

/** Whether two lists hold the same strings in the same order. */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
	return true;
}
