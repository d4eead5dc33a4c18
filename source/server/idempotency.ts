/**
 * `Idempotency-Key` on POST (as draft-ietf-httpapi-idempotency-key-header
 * describes it): the first request with a key does the work; a repeat within
 * 24 hours from the same credential, with the same method, path and body, gets
 * the first answer again (marked `Idempotent-Replayed: true`) and changes
 * nothing. A repeat with another request is a 422; a repeat while the first is
 * still running waits for it (409 if that takes too long).
 *
 * The answer is remembered in the store, committed in the same transaction as
 * the write it answers, so a crash can never leave the work done but the key
 * forgotten (or the reverse). Answers of create, duplicate and reset carry a
 * new secret: the whole answer is sealed (AES-256-GCM, bound to its record),
 * never stored in clear. Only successful answers are remembered: a refused
 * request changed nothing, so doing it again is safe and may now succeed.
 */
import {createHash} from 'node:crypto';
import {setTimeout as delay} from 'node:timers/promises';
import type {FastifyInstance, FastifyReply, FastifyRequest} from 'fastify';
import {openText, sealText, type Keys} from './crypto.js';
import {ApiError, badRequest} from './errors.js';
import type {Change, Store} from './store.js';

/** How long a key is remembered. */
export const idempotencyWindowMs = 24 * 60 * 60 * 1000;
/** Printable ASCII, as the draft's examples; long enough for any UUID or ULID with a prefix. */
const keyPattern = /^[\x21-\x7E]{1,255}$/;
export const recordPrefix = 'idem:';
/** A twin is waited for in steps of this, up to `waitSteps` of them. */
const waitStepMs = 100;
const waitSteps = 100;
/** A claim outlives any request; it only lapses when its process died holding it. */
const claimMs = 60_000;

/** An answer as a handler builds it, before it is sent (and remembered). */
export type Answer = {status: number; headers: Record<string, string>; body: unknown};

type IdempotencyRecord = {
	Fingerprint: string;
	Method: string;
	Path: string;
	At: number;
	Status: number;
	/** `{Headers, Body}` as JSON, sealed with the record's key as associated data. */
	Sealed: string;
};

type Pending = {
	recordKey: string;
	fingerprint: string;
	method: string;
	path: string;
	/** Whether this process holds the store's claim on the key (released with it). */
	claimed: boolean;
	release(): void;
};

declare module 'fastify' {
	interface FastifyRequest {
		/** Set for a POST with an Idempotency-Key that is to be done (not replayed). */
		idempotency: Pending | undefined;
	}
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

export class Idempotency {
	/** Requests of this process holding a key, by record key: a twin waits for them. */
	private readonly inFlight = new Map<string, Promise<void>>();

	constructor(
		private readonly store: Store,
		private readonly keys: Keys,
		private readonly now: () => number,
	) {}

	/** Hooks for a scope whose routes all authenticate first (the principal is known). */
	install(app: FastifyInstance): void {
		app.decorateRequest('idempotency', undefined);
		app.addHook('preHandler', async (request, reply) => this.begin(request, reply));
		// The handler has committed (or failed) by the time its answer is sent: twins may go on.
		app.addHook('onSend', async (request, _reply, payload) => {
			request.idempotency?.release();
			return payload;
		});
		app.addHook('onResponse', async (request) => {
			request.idempotency?.release();
		});
	}

	/**
	 * The record to commit with a write this request makes, so a repeat gets
	 * `answer` again; none for a request without a key or a failed answer.
	 */
	remember(request: FastifyRequest, answer: Answer): Change[] {
		const pending = request.idempotency;
		if (!pending || answer.status < 200 || answer.status >= 300) return [];
		const record: IdempotencyRecord = {
			Fingerprint: pending.fingerprint,
			Method: pending.method,
			Path: pending.path,
			At: this.now(),
			Status: answer.status,
			Sealed: sealText(
				this.keys,
				pending.recordKey,
				JSON.stringify({Headers: answer.headers, Body: answer.body}),
			),
		};
		return [{key: pending.recordKey, value: record, ttlMs: idempotencyWindowMs}];
	}

	private async begin(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
		if (request.method !== 'POST') return undefined;
		const header = request.headers['idempotency-key'];
		if (header === undefined) return undefined;
		if (typeof header !== 'string' || !keyPattern.test(header)) {
			throw badRequest(
				'Idempotency-Key must be sent once, as 1 to 255 printable ASCII characters (a UUID will do)',
			);
		}

		// Per credential: another operator's key is another key. Hashed, so no client text becomes a store key.
		const scope = request.principal?.rateKey ?? `address:${request.ip}`;
		const hash = sha256(`${scope}\n${header}`);
		const recordKey = `${recordPrefix}${hash}`;
		const path = request.url;
		// The body as sent: a retry sends the same bytes (and a parsed body may be too deep to serialize again).
		const fingerprint = sha256(`${request.method} ${path}\n${request.bodyText ?? ''}`);

		for (let step = 0; step < waitSteps; step++) {
			const twin = this.inFlight.get(hash);
			if (twin) {
				await Promise.race([twin, delay(waitStepMs)]);
				continue;
			}

			const pending = this.open(hash, recordKey, fingerprint, request.method, path);
			let record: IdempotencyRecord | undefined;
			try {
				// Claim, then look: a twin elsewhere commits its record before it lets go of the claim, so
				// looking first could miss a record committed between the look and the claim, and do the work twice.
				pending.claimed = await this.store.claim(hash, claimMs);
				record = await this.store.get<IdempotencyRecord>(recordKey);
			} catch (error) {
				pending.release();
				throw error;
			}

			if (record && this.now() - record.At < idempotencyWindowMs) {
				pending.release();
				return this.replay(reply, record, recordKey, fingerprint, header);
			}

			if (pending.claimed) {
				request.idempotency = pending;
				return undefined;
			}

			// Another process runs this key: wait for it to answer (or fail), then look again.
			pending.release();
			await delay(waitStepMs);
		}

		throw new ApiError(
			409,
			'A request with this Idempotency-Key is still being processed; retry in a moment',
			undefined,
			{'Retry-After': '1'},
		);
	}

	/** Marks a key as running here; `release` lets twins go on, and drops the cross-process claim. */
	private open(hash: string, recordKey: string, fingerprint: string, method: string, path: string): Pending {
		let done!: () => void;
		const running = new Promise<void>((resolve) => {
			done = resolve;
		});
		this.inFlight.set(hash, running);
		let released = false;
		const pending: Pending = {
			recordKey,
			fingerprint,
			method,
			path,
			claimed: false,
			release: () => {
				if (released) return;
				released = true;
				if (this.inFlight.get(hash) === running) this.inFlight.delete(hash);
				done();
				if (pending.claimed) void this.store.release(hash).catch(() => undefined);
			},
		};
		return pending;
	}

	private replay(
		reply: FastifyReply,
		record: IdempotencyRecord,
		recordKey: string,
		fingerprint: string,
		key: string,
	): FastifyReply {
		if (record.Fingerprint !== fingerprint) {
			throw new ApiError(
				422,
				`Idempotency-Key "${key.slice(0, 60)}" was already used in the last 24 hours for another request (${record.Method} ${record.Path.slice(0, 120)}, or the same with another body); send a new key with a new request`,
			);
		}

		const {Headers: headers, Body: body} = JSON.parse(openText(this.keys, recordKey, record.Sealed)) as {
			Headers: Record<string, string>;
			Body: unknown;
		};
		return reply.code(record.Status).headers(headers).header('Idempotent-Replayed', 'true').send(body);
	}
}

/** Sends an answer a handler built. */
export function send(reply: FastifyReply, answer: Answer): FastifyReply {
	return reply.code(answer.status).headers(answer.headers).send(answer.body);
}
