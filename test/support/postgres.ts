/**
 * A real PostgreSQL for the shared-store tests: its own cluster (initdb) in a
 * temporary directory, its own `postgres` process on a free loopback port with
 * its socket in that directory, stopped and removed after the suite. Tests
 * that need it fail (never skip) when the binaries are missing: .ci/run
 * installs Debian's postgresql; locally, install it too (README, "Tests").
 *
 * Postgres refuses to run as root (CI runs as root): there, the cluster
 * belongs to the `postgres` user the Debian package creates (or `nobody`),
 * and initdb and postgres run as that user.
 */
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, readdirSync} from 'node:fs';
import {chown, rm} from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import {
	launchOnFreePort,
	serverPerFile,
	spawnUntilReady,
	stopGracefully,
	tempDir,
	type Running,
} from './engine-process.js';

export type TestPostgres = {
	/** postgres://postgres@127.0.0.1:PORT/postgres, the superuser's own database. */
	url: string;
	/** Creates a fresh database and returns its URL, so tests sharing this server never see each other's data. */
	database(): Promise<string>;
	/** Stops Postgres (a fast shutdown: data stays on disk); `resume` starts it again on the same port. */
	stop(): Promise<void>;
	resume(): Promise<void>;
	close(): Promise<void>;
};

const superuser = 'postgres';

/**
 * The directory holding initdb and postgres: $POSTGRES_BIN_DIR, else Debian's
 * /usr/lib/postgresql/<newest>/bin (not on the PATH there), else the PATH's.
 */
export function postgresBinDir(): string {
	const candidates: string[] = [];
	if (process.env.POSTGRES_BIN_DIR) candidates.push(process.env.POSTGRES_BIN_DIR);
	const debian = '/usr/lib/postgresql';
	if (existsSync(debian)) {
		const versions = readdirSync(debian)
			.filter((name) => /^\d+(\.\d+)?$/.test(name))
			.sort((a, b) => Number(b) - Number(a));
		candidates.push(...versions.map((version) => path.join(debian, version, 'bin')));
	}

	const onPath = spawnSync('pg_config', ['--bindir'], {encoding: 'utf8'});
	if (!onPath.error && onPath.status === 0) candidates.push(onPath.stdout.trim());
	const found = candidates.find(
		(dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'postgres')),
	);
	if (!found) {
		throw new Error(
			'The shared-store tests need a real PostgreSQL, and no initdb was found (looked in $POSTGRES_BIN_DIR, /usr/lib/postgresql/*/bin and pg_config --bindir). Install it (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql) or point POSTGRES_BIN_DIR at its bin directory.',
		);
	}

	return found;
}

type RunAs = {uid: number; gid: number} | undefined;

/** Root: the first of postgres and nobody that exists. Anyone else: themselves. */
function runAs(): RunAs {
	if (process.getuid?.() !== 0) return undefined;
	for (const name of ['postgres', 'nobody']) {
		const uid = spawnSync('id', ['-u', name], {encoding: 'utf8'});
		const gid = spawnSync('id', ['-g', name], {encoding: 'utf8'});
		if (uid.status === 0 && gid.status === 0) return {uid: Number(uid.stdout), gid: Number(gid.stdout)};
	}

	throw new Error('Postgres refuses to run as root, and there is no postgres or nobody user to run it as');
}

/** Runs a binary to completion as the cluster's owner; throws with its output when it fails. */
async function run(binary: string, args: string[], user: RunAs): Promise<void> {
	const child = spawn(binary, args, {stdio: ['ignore', 'pipe', 'pipe'], ...user});
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
	if (code !== 0) throw new Error(`${path.basename(binary)} failed (${code}): ${output.slice(-1000)}`);
}

async function launch(binDir: string, dataDir: string, port: number, user: RunAs): Promise<Running> {
	return spawnUntilReady(
		path.join(binDir, 'postgres'),
		[
			'-D',
			dataDir,
			'-p',
			String(port),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			`unix_socket_directories=${path.dirname(dataDir)}`,
			// The tests never survive a machine crash; they need no flush to disk.
			'-c',
			'fsync=off',
		],
		'ready to accept connections',
		user,
	);
}

/** Creates a cluster and starts postgres on a free port (trying again if another process took the port first). */
export async function startPostgres(): Promise<TestPostgres> {
	const binDir = postgresBinDir();
	const user = runAs();
	const dir = await tempDir('postgres');
	if (user) await chown(dir, user.uid, user.gid);
	const dataDir = path.join(dir, 'data');
	await run(
		path.join(binDir, 'initdb'),
		[
			'-D',
			dataDir,
			'-U',
			superuser,
			'--auth=trust',
			'--encoding=UTF8',
			'--locale=C',
			'--no-sync',
			'--no-instructions',
		],
		user,
	);
	const launched = await launchOnFreePort(async (port) => launch(binDir, dataDir, port, user));
	const {port} = launched;
	let running: Running | undefined = launched.running;
	const url = `postgres://${superuser}@127.0.0.1:${port}/postgres`;
	let databases = 0;
	const stop = async () => {
		if (!running) return;
		const stopping = running;
		running = undefined;
		// SIGINT: a fast shutdown (clients cut off, everything committed kept).
		await stopGracefully(stopping, async () => void stopping.child.kill('SIGINT'), 10_000);
	};

	return {
		url,
		async database() {
			const name = `test_${process.pid}_${++databases}`;
			const client = new pg.Client({connectionString: url});
			await client.connect();
			try {
				await client.query(`CREATE DATABASE ${name}`);
			} finally {
				await client.end();
			}

			return `postgres://${superuser}@127.0.0.1:${port}/${name}`;
		},
		stop,
		async resume() {
			running ??= await launch(binDir, dataDir, port, user);
		},
		async close() {
			await stop();
			await rm(dir, {recursive: true, force: true});
		},
	};
}

/**
 * One PostgreSQL for a test file: started before its tests, stopped after.
 * Without the binaries, every test fails with the reason.
 */
export function postgresServerPerFile(): () => TestPostgres {
	return serverPerFile(startPostgres);
}
