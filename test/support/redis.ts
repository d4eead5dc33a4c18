/**
 * A real redis-server for the shared-store tests: its own process on a free
 * loopback port, no persistence, a temporary directory, stopped after the
 * suite. Tests that need it fail (never skip) when the binary is missing:
 * .ci/run installs Debian's redis-server; locally, install it too (README, "Tests").
 */
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {createServer} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {createClient} from '@keyv/redis';
import {afterAll, beforeAll, beforeEach} from 'vitest';

export type TestRedis = {
	/** redis://127.0.0.1:PORT */
	url: string;
	/** A URL of one of Redis's 16 databases, so tests sharing this server never see each other's data. */
	database(index: number): string;
	/** Stops Redis after writing its data to disk (SHUTDOWN SAVE); `resume` starts it again with that data. */
	stop(): Promise<void>;
	resume(): Promise<void>;
	close(): Promise<void>;
};

/** The binary: $REDIS_SERVER, else redis-server on the PATH. */
export function redisServerBinary(): string {
	const binary = process.env.REDIS_SERVER ?? 'redis-server';
	const probe = spawnSync(binary, ['--version'], {encoding: 'utf8'});
	if (probe.error || probe.status !== 0) {
		throw new Error(
			`The shared-store tests need a real Redis, and "${binary}" could not be run (${probe.error?.message ?? probe.stderr}). Install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or point REDIS_SERVER at the binary.`,
		);
	}

	return binary;
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

async function ready(child: ChildProcess): Promise<void> {
	let output = '';
	await new Promise<void>((resolve, reject) => {
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('Ready to accept connections')) resolve();
		};

		child.stdout!.on('data', onData);
		child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`)));
	});
}

type Running = {child: ChildProcess; exited: Promise<void>};

async function launch(binary: string, port: number, dir: string): Promise<Running> {
	const child = spawn(
		binary,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
		{stdio: ['ignore', 'pipe', 'pipe']},
	);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	try {
		await ready(child);
	} catch (error) {
		child.kill('SIGKILL');
		await exited;
		throw error;
	}

	return {child, exited};
}

/** Starts redis-server on a free port (trying again if another process took the port first). */
export async function startRedis(): Promise<TestRedis> {
	const binary = redisServerBinary();
	const dir = await mkdtemp(path.join(os.tmpdir(), 'agency-tokens-redis-'));
	let port = 0;
	let running: Running | undefined;
	for (let attempt = 1; !running; attempt++) {
		port = await freePort();
		try {
			running = await launch(binary, port, dir);
		} catch (error) {
			if (attempt >= 3) throw error;
			await delay(50);
		}
	}

	const url = `redis://127.0.0.1:${port}`;
	const stop = async () => {
		if (!running) return;
		const {child, exited} = running;
		running = undefined;
		const client = createClient({url});
		client.on('error', () => undefined);
		await client.connect();
		// Redis answers SHUTDOWN by closing the connection.
		await client.sendCommand(['SHUTDOWN', 'SAVE']).catch(() => undefined);
		await client.destroy();
		await Promise.race([exited, delay(5000).then(() => child.kill('SIGKILL'))]);
		await exited;
	};

	return {
		url,
		database: (index) => `${url}/${index}`,
		stop,
		async resume() {
			running ??= await launch(binary, port, dir);
		},
		async close() {
			if (running) {
				running.child.kill('SIGKILL');
				await running.exited;
				running = undefined;
			}

			await rm(dir, {recursive: true, force: true});
		},
	};
}

/**
 * One redis-server for a test file: started before its tests, stopped after.
 * Without the binary, every test fails with the reason (a failed beforeAll
 * alone would leave them reported as skipped).
 */
export function redisServerPerFile(): () => TestRedis {
	let redis: TestRedis | undefined;
	let missing: unknown;
	beforeAll(async () => {
		try {
			redis = await startRedis();
		} catch (error) {
			missing = error;
		}
	});
	beforeEach(() => {
		if (missing) throw missing;
	});
	afterAll(async () => redis?.close());
	return () => redis!;
}
