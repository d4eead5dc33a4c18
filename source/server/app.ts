/**
 * The reference token API: fastify over the in-memory repository, with the
 * hooks every route shares (latency, authentication, rate limit, role, the
 * simulated failures) and the JSON error shape.
 */
import Fastify, {type FastifyInstance} from 'fastify';
import {mkdir} from 'node:fs/promises';
import {isIP} from 'node:net';
import path from 'node:path';
import type {Duplex} from 'node:stream';
import {setTimeout as delay} from 'node:timers/promises';
import {asciiJson} from './ascii-json.js';
import {Authenticator, type Access} from './auth.js';
import {bodyLimit, installBodyParsers} from './bodies.js';
import type {ServerContext} from './context.js';
import {keyCheck, loadKeys, type Keys} from './crypto.js';
import {ApiError, clientError, frameworkError, installErrorHandlers, rawAnswer} from './errors.js';
import {fixturesDir, loadFixtures} from './fixtures.js';
import {RateLimiter, rateHeaders} from './rate-limit.js';
import {Idempotency, recordPrefix} from './idempotency.js';
import {metaKeys} from './meta.js';
import {Repository} from './repository.js';
import {accountRoutes} from './routes-account.js';
import {actionRoutes} from './routes-actions.js';
import {tokenRoutes} from './routes-tokens.js';
import {seedIfNeeded} from './seed.js';
import {openStore, parseStoreSpec, type Store} from './store.js';

export type ServerOptions = {
	/** Where secret.key (and, with the default store, tokens.sqlite) live; created if missing. */
	dataDir: string;
	/**
	 * The store: `sqlite` (default: `<dataDir>/tokens.sqlite`, one process),
	 * `redis://HOST:PORT[/DB]` or `postgres://USER@HOST:PORT/DATABASE`, shared
	 * by every server process given the same URL (and the same secret.key).
	 */
	store?: string;
	/** Default 127.0.0.1. */
	host?: string;
	/** Default 0: an ephemeral port (see `RunningServer.port`). */
	port?: number;
	/** Seed this many synthetic tokens instead of the fixtures (first start of a data directory only). */
	generate?: number;
	/** Delay every response by this many milliseconds. */
	latencyMs?: number;
	/** Answer this fraction (0–1) of writes with 503, changing nothing. */
	failRate?: number;
	/** Requests per hour per credential; default 1000, 0 turns the limit off. */
	rateLimitPerHour?: number;
	/** Serve the demo operator credentials on a non-loopback address anyway. */
	allowDemoCredentials?: boolean;
	/** The clock (epoch ms); tests move it. */
	now?: () => number;
	/** Where fixtures/*.json are; found by walking up from this module by default. */
	fixturesDir?: string;
	/** The dice for `failRate` (a write fails when it rolls below it); Math.random by default, fixed in tests. */
	random?: () => number;
};

export type RunningServer = {
	/** e.g. http://127.0.0.1:49152 */
	url: string;
	port: number;
	/** Tokens held (legacy ones included). */
	tokenCount: number;
	/** Whether this start seeded the data directory (false: it loaded an earlier seed). */
	seeded: boolean;
	close(): Promise<void>;
};

export const defaultRateLimit = 1000;
/** How often expired idempotency records are swept from a store that does not expire entries itself. */
const sweepEveryMs = 60 * 60 * 1000;

/**
 * Refuses a store whose secrets were sealed with another key file: every
 * login and reveal would fail. (Recorded on first start with a key.)
 */
async function checkKey(store: Store, keys: Keys, dataDir: string): Promise<void> {
	const expected = keyCheck(keys);
	const recorded = await store.get<string>(metaKeys.keyCheck);
	if (recorded === undefined) await store.set(metaKeys.keyCheck, expected);
	else if (recorded !== expected) {
		throw new Error(
			`${path.join(dataDir, 'secret.key')} is not the key this store's secrets were sealed with; every server sharing a store needs the same secret.key (copy it from the first server's data directory)`,
		);
	}
}

/** The compiler of a route schema; none is declared, so a schema added one day says so at start. */
const noSchemas = () => () => {
	throw new Error(
		'routes declare no schemas: bodies are checked in ./bodies.ts, answers written by ./ascii-json.ts',
	);
};

/** Loopback addresses: the only ones where the well-known demo credentials are safe to serve. */
export function isLoopback(host: string): boolean {
	if (host === 'localhost') return true;
	const bare = host.replace(/^\[|\]$/g, '').replace(/^::ffff:/i, '');
	if (isIP(bare) === 4) return bare.startsWith('127.');
	return bare === '::1';
}

/** Opens the data directory (seeding it on first start) and builds the fastify app, not yet listening. */
export async function buildServer(
	options: ServerOptions,
): Promise<{app: FastifyInstance; context: ServerContext; seeded: boolean}> {
	const now = options.now ?? Date.now;
	// 0700: the directory holds the key file; nobody else needs to list it.
	await mkdir(options.dataDir, {recursive: true, mode: 0o700});
	const keys = await loadKeys(options.dataDir);
	const fixtures = await loadFixtures(options.fixturesDir ?? fixturesDir());
	const store = await openStore(parseStoreSpec(options.store), options.dataDir);
	let repository: Repository;
	let seeded: boolean;
	try {
		const seedTokens = await seedIfNeeded(store, fixtures, keys, {generate: options.generate, now: now()});
		seeded = seedTokens !== undefined;
		await checkKey(store, keys, options.dataDir);
		await store.sweepExpired(recordPrefix);
		repository = await Repository.load(store, seedTokens);
	} catch (error) {
		await store.close();
		throw error;
	}

	const catalogues = {versions: fixtures.versions, categories: fixtures.categories, users: fixtures.users};
	const context: ServerContext = {
		repository,
		keys,
		account: fixtures.account,
		catalogues,
		authenticator: new Authenticator(fixtures.account, repository, keys),
		idempotency: new Idempotency(store, keys, now),
		instanceId: repository.instance?.Id ?? 'unseeded',
		now,
	};

	// No logger: requests carry Authorization headers, and secrets must never reach a log.
	const app = Fastify({
		logger: false,
		bodyLimit,
		routerOptions: {ignoreTrailingSlash: true, maxParamLength: 200},
		frameworkErrors: frameworkError,
		clientErrorHandler: clientError,
		// Fastify's own compilers would load ajv and fast-json-stringify at start, for no schema.
		schemaController: {compilersFactory: {buildValidator: noSchemas, buildSerializer: noSchemas}},
	});
	// Node hands CONNECT (a proxy's method) to 'connect' listeners and closes the socket unanswered without one.
	app.server.on('connect', (_request: unknown, socket: Duplex) => {
		rawAnswer(socket, 405, 'Method Not Allowed', 'CONNECT is not supported: this is not a proxy');
	});
	app.decorateRequest('principal', undefined);
	app.setReplySerializer(asciiJson);
	installBodyParsers(app);
	installErrorHandlers(app);
	const sweeper = setInterval(
		() => void store.sweepExpired(recordPrefix).catch(() => undefined),
		sweepEveryMs,
	);
	sweeper.unref();
	app.addHook('onClose', async () => {
		clearInterval(sweeper);
		await store.close();
	});

	const latency = options.latencyMs ?? 0;
	if (latency > 0) app.addHook('onRequest', async () => delay(latency));

	const limiter = new RateLimiter(options.rateLimitPerHour ?? defaultRateLimit, now);
	const failRate = options.failRate ?? 0;
	const random = options.random ?? Math.random;

	await app.register(
		async (agency) => {
			agency.addHook('onRequest', async (request, reply) => {
				// A shared store: first catch up with the other servers' writes (a reset elsewhere stops a secret here too).
				await repository.sync();
				const access: Access = request.routeOptions.config.access ?? 'read';
				const principal = context.authenticator.authenticate(request.headers.authorization);
				// Failed logins count against the address, so guessing credentials is limited too.
				const state = limiter.hit(principal?.rateKey ?? `address:${request.ip}`);
				if (state) reply.headers(rateHeaders(state));
				const writing = request.method !== 'GET' && request.method !== 'HEAD';
				const {sid} = request.params as {sid: string};
				context.authenticator.authorize(principal, access, sid, writing);
				request.principal = principal;
				if (writing && failRate > 0 && random() < failRate) {
					throw new ApiError(
						503,
						'Simulated failure (--fail-rate): nothing was changed; try again',
						undefined,
						{
							'Retry-After': '1',
						},
					);
				}
			});
			context.idempotency.install(agency);
			tokenRoutes(agency, context);
			actionRoutes(agency, context);
			accountRoutes(agency, context);
		},
		{prefix: '/Agencies/:sid'},
	);

	return {app, context, seeded};
}

/** Starts the server and resolves once it listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
	const host = options.host ?? '127.0.0.1';
	if (!isLoopback(host) && !options.allowDemoCredentials) {
		throw new Error(
			`Refusing to serve the demo credentials (demo-admin and the others in fixtures/operators.json) on ${host}, which is not a loopback address: anyone who reaches it could manage tokens. Use --host 127.0.0.1, or pass --allow-demo-credentials if that is really meant.`,
		);
	}

	const {app, context, seeded} = await buildServer(options);
	try {
		await app.listen({host, port: options.port ?? 0});
	} catch (error) {
		await app.close();
		throw error;
	}

	const address = app.server.address();
	const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
	const urlHost = isIP(host) === 6 ? `[${host}]` : host;
	return {
		url: `http://${urlHost}:${port}`,
		port,
		tokenCount: context.repository.size,
		seeded,
		close: async () => app.close(),
	};
}
