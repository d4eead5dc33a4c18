/**
 * Reading an answer from a got stream instead of got's promise, for the large
 * pages of a list walk. The promise gathers an answer into one Buffer that
 * grows as it arrives; at ~600 KB a page those allocations are large enough
 * for the C allocator to map and unmap each on its own, which raises its
 * thresholds and left ~27 MB of the process unreturned after a 100,000-token
 * load. A socket's chunks are small. An ASCII chunk (every answer of the
 * reference server) becomes a string by a plain copy, several times faster
 * than decoding UTF-8; any other answer is decoded whole, as before.
 */
import {Buffer, isAscii} from 'node:buffer';
import type {IncomingMessage} from 'node:http';
import type {Duplex} from 'node:stream';
import type {RawAnswer} from './failures.js';

/**
 * The status, headers and text of the answer streaming on `stream`. Rejects
 * with the stream's error, or when `signal` aborts. (The signal is ours to
 * watch: handed to got, a stream's listener stays on it after the answer, and
 * a walk's pages share one signal.)
 */
export async function readAnswer(stream: Duplex, signal?: AbortSignal): Promise<RawAnswer> {
	const abort = () => {
		stream.destroy(new Error('cancelled'));
	};

	if (signal?.aborted) abort();
	else signal?.addEventListener('abort', abort, {once: true});
	const response = new Promise<IncomingMessage>((resolve) => {
		stream.once('response', resolve);
	});
	const chunks: Buffer[] = [];
	let ascii = true;
	try {
		for await (const chunk of stream) {
			const bytes = chunk as Buffer;
			chunks.push(bytes);
			if (ascii && !isAscii(bytes)) ascii = false;
		}
	} finally {
		signal?.removeEventListener('abort', abort);
	}

	const {statusCode, headers} = await response;
	const body = ascii
		? chunks.map((bytes) => bytes.toString('latin1')).join('')
		: Buffer.concat(chunks).toString('utf8');
	return {statusCode: statusCode ?? 0, headers, body};
}
