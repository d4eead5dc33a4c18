/**
 * A real redis-server for the shared-store tests: its own process on a free
 * loopback port, no persistence, a temporary directory, stopped after the
 * suite. Tests that need it fail (never skip) when the binary is missing:
 * .ci/run installs Debian's redis-server; locally, install it too (README, "Tests").
 */
import {spawnSync} from 'node:child_process';
import {rm} from 'node:fs/promises';
import {createClient} from '@keyv/redis';
import {
	launchOnFreePort,
	serverPerFile,
	spawnUntilReady,
	stopGracefully,
	tempDir,
	type Running,
} from './engine-process.js';

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

async function launch(binary: string, port: number, dir: string): Promise<Running> {
	return spawnUntilReady(
		binary,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
		'Ready to accept connections',
	);
}

/** Starts redis-server on a free port (trying again if another process took the port first). */
export async function startRedis(): Promise<TestRedis> {
	const binary = redisServerBinary();
	const dir = await tempDir('redis');
	const launched = await launchOnFreePort(async (port) => launch(binary, port, dir));
	const {port} = launched;
	let running: Running | undefined = launched.running;
	const url = `redis://127.0.0.1:${port}`;
	const stop = async () => {
		if (!running) return;
		const stopping = running;
		running = undefined;
		await stopGracefully(
			stopping,
			async () => {
				const client = createClient({url});
				client.on('error', () => undefined);
				await client.connect();
				// Redis answers SHUTDOWN by closing the connection.
				await client.sendCommand(['SHUTDOWN', 'SAVE']).catch(() => undefined);
				await client.destroy();
			},
			5000,
		);
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
 * Without the binary, every test fails with the reason.
 */
export function redisServerPerFile(): () => TestRedis {
	return serverPerFile(startRedis);
}
