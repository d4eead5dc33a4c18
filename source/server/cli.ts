/** `agency-tokens server`: the reference token API on its own. */
import meow from 'meow';
import path from 'node:path';
import {appPaths} from '../app-paths.js';
import {defaultRateLimit, startServer, type RunningServer, type ServerOptions} from './app.js';
import {describeStore, parseStoreSpec, type StoreSpec} from './store.js';

const help = `
	Usage
	  $ agency-tokens server [options]

	Options
	  --port N                  Port to listen on (default 8080; 0 picks a free one)
	  --host HOST               Address to listen on (default 127.0.0.1)
	  --data DIR                Data directory: tokens.sqlite and secret.key (default: the user's data directory)
	  --store URL               redis://HOST:PORT[/DB] or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE:
	                            a store several servers share (each needs the same secret.key);
	                            default sqlite, the file in DIR
	  --generate N              Seed N synthetic tokens instead of the fixtures (first start of DIR only)
	  --latency MS              Delay every response by MS milliseconds
	  --fail-rate P             Answer a fraction P (0-1) of writes with 503, changing nothing
	  --rate-limit N            Requests per hour per credential (default ${defaultRateLimit}; 0 = no limit)
	  --allow-demo-credentials  Serve the demo credentials on a non-loopback address anyway

	Demo credentials (account IRAgencyDemo1): demo-admin, demo-specialist, demo-readonly, demo-analyst

	Example
	  $ agency-tokens server --port 8080 --data ./data
	  $ curl -u IRAgencyDemo1:demo-admin 'http://127.0.0.1:8080/Agencies/IRAgencyDemo1/AccessTokens?PageSize=5&Page=2'
`;

const flags = {
	port: {type: 'string'},
	host: {type: 'string', default: '127.0.0.1'},
	data: {type: 'string'},
	store: {type: 'string'},
	generate: {type: 'string'},
	latency: {type: 'string'},
	failRate: {type: 'string'},
	rateLimit: {type: 'string'},
	allowDemoCredentials: {type: 'boolean', default: false},
} as const;

const kebab = (name: string) => name.replaceAll(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
const knownFlags = new Set([...Object.keys(flags).map(kebab), 'help', 'version']);

/**
 * The first flag we do not know. meow can refuse them itself, but over two
 * lines; one line, like every other usage error, reads better in a script's log.
 */
function unknownFlag(argv: string[]): string | undefined {
	for (const argument of argv) {
		if (argument === '--') return undefined;
		if (!argument.startsWith('-') || /^-\d/.test(argument)) continue;
		const name = argument.replace(/^--?(no-)?/, '').split('=')[0]!;
		if (!knownFlags.has(name)) return argument.split('=')[0];
	}

	return undefined;
}

/** A bad flag or argument: reported in one line, exit 2. */
export class UsageError extends Error {}

function integer(flag: string, text: string | undefined, min: number, max: number): number | undefined {
	if (text === undefined) return undefined;
	const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
	if (!(value >= min && value <= max)) {
		throw new UsageError(`--${flag} must be a whole number from ${min} to ${max} (got "${text}")`);
	}

	return value;
}

function fraction(flag: string, text: string | undefined): number | undefined {
	if (text === undefined) return undefined;
	const value = text.trim() === '' ? Number.NaN : Number(text);
	if (!(value >= 0 && value <= 1))
		throw new UsageError(`--${flag} must be a number from 0 to 1 (got "${text}")`);
	return value;
}

/**
 * The server options the flags ask for. Throws a `UsageError` (one line, naming
 * the flag) for a bad value; meow itself exits 2 on an unknown flag and 0 on --help.
 */
export function parseServerArgs(argv: string[]): ServerOptions & {dataDir: string; port: number} {
	const unknown = unknownFlag(argv);
	if (unknown) throw new UsageError(`unknown flag ${unknown} (see --help)`);
	const cli = meow(help, {
		importMeta: import.meta,
		argv,
		description: 'The reference token API of agency-tokens',
		flags,
	});
	if (cli.input.length > 0) throw new UsageError(`unexpected argument "${cli.input[0]}" (see --help)`);
	if (cli.flags.host.trim() === '') throw new UsageError('--host must not be empty');
	if (cli.flags.data?.trim() === '') throw new UsageError('--data must not be empty');
	let spec: StoreSpec;
	try {
		spec = parseStoreSpec(cli.flags.store);
	} catch (error) {
		throw new UsageError((error as Error).message);
	}

	return {
		store: spec.kind === 'sqlite' ? undefined : spec.url,
		dataDir: path.resolve(cli.flags.data ?? appPaths().data),
		host: cli.flags.host,
		port: integer('port', cli.flags.port, 0, 65_535) ?? 8080,
		generate: integer('generate', cli.flags.generate, 0, 10_000_000),
		latencyMs: integer('latency', cli.flags.latency, 0, 600_000),
		failRate: fraction('fail-rate', cli.flags.failRate),
		rateLimitPerHour: integer('rate-limit', cli.flags.rateLimit, 0, 1_000_000_000),
		allowDemoCredentials: cli.flags.allowDemoCredentials,
	};
}

/** Parses the flags, starts the server, prints the one line that says where, and stops cleanly on SIGINT/SIGTERM. */
export async function runServerCli(argv: string[]): Promise<void> {
	let server: RunningServer;
	let where = '';
	try {
		const options = parseServerArgs(argv);
		const dataDir = options.dataDir;
		const store = describeStore(parseStoreSpec(options.store), dataDir);
		where = store === dataDir ? `data: ${dataDir}` : `store: ${store}, key: ${dataDir}`;
		const started = performance.now();
		server = await startServer(options);
		if (options.generate !== undefined) {
			console.error(
				server.seeded
					? `seeded ${server.tokenCount} tokens in ${((performance.now() - started) / 1000).toFixed(1)} s`
					: `${store} was seeded before; --generate ignored (${server.tokenCount} tokens loaded)`,
			);
		}
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		const code = (error as NodeJS.ErrnoException).code;
		console.error(
			`agency-tokens server: ${code === 'EADDRINUSE' ? `the port is in use already (${message})` : message}`,
		);
		process.exit(error instanceof UsageError || message.startsWith('Refusing') ? 2 : 1);
	}

	console.log(`agency-tokens server listening on ${server.url} (${where})`);

	let stopping = false;
	const stop = async () => {
		// A second signal while closing means "now".
		if (stopping) process.exit(1);
		stopping = true;
		await server.close();
		process.exit(0);
	};

	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}
