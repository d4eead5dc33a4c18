/**
 * keyv's on-disk format, shared by every engine: every value is stored as the
 * serialized envelope `{"value": …, "expires"?: ms}`. keyv's serializer is
 * JSON.stringify apart from escaping strings that start with ":" (and Buffers,
 * which we never store); where no string does, plain JSON is the same text,
 * several times faster. Bulk paths (loading, seeding, atomic commits) write and
 * read this format themselves, so keyv's own `get`/`set` read what they wrote.
 */
import type Keyv from 'keyv';

/** A JSON string value (or key) that starts with ":" — the one case where keyv's format differs from plain JSON. */
const colonString = /[:,[]":/;

export function encodeEntry(keyv: Keyv, value: unknown, expires?: number): string {
	const envelope = expires === undefined ? {value} : {value, expires};
	const text = JSON.stringify(envelope);
	if (!colonString.test(text)) return text;
	const escaped = keyv.serialize!(envelope);
	if (typeof escaped !== 'string') throw new TypeError('keyv serializer must be synchronous');
	return escaped;
}

/** The inverse, with the same shortcut. */
export function decodeEntry<T>(keyv: Keyv, text: string): T | undefined {
	const envelope = (colonString.test(text) ? keyv.deserialize!(text) : JSON.parse(text)) as
		{value?: T} | undefined;
	if (envelope instanceof Promise) throw new TypeError('keyv deserializer must be synchronous');
	return envelope?.value;
}
