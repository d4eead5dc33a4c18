/**
 * Every JSON answer in ASCII: characters beyond it are written as \u escapes,
 * which is the same JSON value (RFC 8259 §7). A client decodes a body that is
 * all ASCII on the fast path, and keeps its strings one byte a character: a
 * page of 1,000 tokens in which one name in ten has an en dash or a CJK word
 * was decoded as UTF-8 into a two-byte string, about twice the work.
 *
 * Written value by value rather than as `JSON.stringify` and one replace over
 * the whole text: that made a page of 1,000 tokens a two-byte string twice
 * its size and scanned it again, ~11 ms of the server's ~34 ms a page; value
 * by value, only the few strings that need escaping are escaped (~3 ms).
 */
// Without the u flag the class matches UTF-16 code units, so a character beyond the BMP becomes its two escaped surrogates.
const beyondAscii = /[\u007f-\uffff]/g;
/** A string JSON writes as it is: printable ASCII, neither the quote nor the backslash. */
const plain = /^[\u0020\u0021\u0023-\u005b\u005d-\u007e]*$/;

const escape = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;

function text(value: string): string {
	return plain.test(value) ? `"${value}"` : JSON.stringify(value).replace(beyondAscii, escape);
}

/** Keys written with their colon, by key: answers repeat a few dozen keys thousands of times. */
const keys = new Map<string, string>();
const maxKeys = 1000;

function keyText(key: string): string {
	let written = keys.get(key);
	if (written === undefined) {
		written = `${text(key)}:`;
		if (keys.size < maxKeys) keys.set(key, written);
	}

	return written;
}

/**
 * `JSON.stringify(value)`, in ASCII. For the data the routes answer with:
 * objects, arrays, strings, numbers, booleans, null and anything with a
 * `toJSON` (no cycles, no boxed primitives).
 */
export function asciiJson(value: unknown): string {
	// Like JSON.stringify, undefined for undefined (typed as string, as fastify's serializer wants).
	return write(value)!;
}

function write(value: unknown): string | undefined {
	switch (typeof value) {
		case 'string': {
			return text(value);
		}

		case 'number': {
			return Number.isFinite(value) ? String(value) : 'null';
		}

		case 'boolean': {
			return value ? 'true' : 'false';
		}

		case 'object': {
			if (value === null) return 'null';
			if (typeof (value as {toJSON?: unknown}).toJSON === 'function') {
				return write((value as {toJSON(): unknown}).toJSON());
			}

			return Array.isArray(value) ? list(value) : object(value as Record<string, unknown>);
		}

		case 'bigint': {
			// Throws, as JSON.stringify does.
			return JSON.stringify(value);
		}

		default: {
			// undefined, a function or a symbol: left out of an object, null in a list.
			return undefined;
		}
	}
}

function list(values: readonly unknown[]): string {
	let json = '[';
	for (let index = 0; index < values.length; index++) {
		if (index > 0) json += ',';
		json += write(values[index]) ?? 'null';
	}

	return `${json}]`;
}

function object(record: Record<string, unknown>): string {
	let json = '{';
	for (const key of Object.keys(record)) {
		const item = write(record[key]);
		if (item === undefined) continue;
		if (json.length > 1) json += ',';
		json += keyText(key) + item;
	}

	return `${json}}`;
}
