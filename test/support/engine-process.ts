/**
 * What the shared-store engines' test starters (redis.ts, postgres.ts) have in
 * common: a temporary directory, a child process on a free loopback port that
 * is ready once it says so, stopping it, and one server per test file.
 */
import {spawn, type ChildProcess, type SpawnOptions} from 'node:child_process';
import {mkdtemp} from 'node:fs/promises';
import {createServer} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {afterAll, beforeAll, beforeEach} from 'vitest';

/** A started engine process, and a promise that resolves once it has exited. */
export type Running = {child: ChildProcess; exited: Promise<void>};

/** A fresh directory under the system's temporary one, named after what it holds. */
export async function tempDir(purpose: string): Promise<string> {
	return mkdtemp(path.join(os.tmpdir(), `agency-tokens-${purpose}-`));
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

/**
 * Spawns a server and resolves once its output (stdout or stderr) contains
 * `readyLine`; rejects with the tail of that output if it exits first.
 */
export async function spawnUntilReady(
	binary: string,
	args: string[],
	readyLine: string,
	options: Omit<SpawnOptions, 'stdio'> = {},
): Promise<Running> {
	const child = spawn(binary, args, {...options, stdio: ['ignore', 'pipe', 'pipe']});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	let output = '';
	try {
		await new Promise<void>((resolve, reject) => {
			const onData = (chunk: Buffer) => {
				output += chunk.toString();
				if (output.includes(readyLine)) resolve();
			};

			child.stdout!.on('data', onData);
			child.stderr!.on('data', onData);
			child.once('exit', (code) =>
				reject(new Error(`${path.basename(binary)} exited (${code}): ${output.slice(-1000)}`)),
			);
		});
	} catch (error) {
		child.kill('SIGKILL');
		await exited;
		throw error;
	}

	return {child, exited};
}

/**
 * Launches on a free port, trying again (three times in all) if another
 * process took the port between our probe and the server's bind.
 */
export async function launchOnFreePort(
	launch: (port: number) => Promise<Running>,
): Promise<{port: number; running: Running}> {
	for (let attempt = 1; ; attempt++) {
		const port = await freePort();
		try {
			return {port, running: await launch(port)};
		} catch (error) {
			if (attempt >= 3) throw error;
			await delay(50);
		}
	}
}

/** Waits for a process asked to stop (by `ask`) to exit, killing it if it takes longer than `graceMs`. */
export async function stopGracefully(
	running: Running,
	ask: () => Promise<void>,
	graceMs: number,
): Promise<void> {
	await ask();
	await Promise.race([running.exited, delay(graceMs).then(() => running.child.kill('SIGKILL'))]);
	await running.exited;
}

/**
 * One engine server for a test file (or the `describe` it is called in):
 * started before its tests, closed after. Without the engine's binaries,
 * every test fails with the reason (a failed beforeAll alone would leave them
 * reported as skipped).
 */
export function serverPerFile<Server extends {close(): Promise<void>}>(
	start: () => Promise<Server>,
): () => Server {
	let server: Server | undefined;
	let missing: unknown;
	beforeAll(async () => {
		try {
			server = await start();
		} catch (error) {
			missing = error;
		}
	}, 60_000);
	beforeEach(() => {
		if (missing) throw missing;
	});
	afterAll(async () => server?.close(), 30_000);
	return () => server!;
}
