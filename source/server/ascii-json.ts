/**
 * Every JSON answer in ASCII: characters beyond it are written as \u escapes,
 * which is the same JSON value (RFC 8259 §7). A client decodes a body that is
 * all ASCII on the fast path, and keeps its strings one byte a character: a
 * page of 1,000 tokens in which one name in ten has an en dash or a CJK word
 * was decoded as UTF-8 into a two-byte string, about twice the work.
 */
// Without the u flag the class matches UTF-16 code units, so a character beyond the BMP becomes its two escaped surrogates.
const beyondAscii = /[\u007f-\uffff]/g;

const escape = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `JSON.stringify`, in ASCII. */
export function asciiJson(value: unknown): string {
	const json = JSON.stringify(value);
	return json === undefined ? json : json.replace(beyondAscii, escape);
}
