import {rm} from 'node:fs/promises';
import path from 'node:path';
import {Worker} from 'node:worker_threads';

/** The embedded sandbox server: the real reference server on an ephemeral loopback port. */
export type SandboxOptions = {dataDir: string; latencyMs?: number; failRate?: number};

export type Sandbox = {
	readonly url: string;
	/** Tokens held (legacy ones included). */
	readonly tokenCount: number;
	close(): Promise<void>;
};

/** What the sandbox's thread says (./sandbox-worker.ts). */
export type SandboxReport =
	{kind: 'listening'; url: string; tokenCount: number} | {kind: 'failed'; message: string} | {kind: 'closed'};

/** How long closing waits for the server to finish its answers before the thread is stopped. */
const closeGraceMs = 3000;

/**
 * Starts the sandbox server on a worker thread, so that loading it runs beside
 * the app's own start on a second core; rejects with the server's message when
 * it cannot start (an unwritable data directory, say).
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
	// In the bundle this module and the worker's entry both sit in dist/.
	const worker = new Worker(new URL('sandbox-worker.js', import.meta.url), {workerData: options});
	const started = await new Promise<SandboxReport>((resolve, reject) => {
		worker.once('message', resolve);
		worker.once('error', reject);
		worker.once('exit', (code) => {
			reject(new Error(`the sandbox server stopped before it started (exit ${code})`));
		});
	});
	worker.removeAllListeners();
	if (started.kind !== 'listening') {
		await worker.terminate();
		throw new Error(started.kind === 'failed' ? started.message : 'the sandbox server closed at once');
	}

	// A server that fails later shows as connection errors in the app, as any server would.
	worker.on('error', () => undefined);
	let closing: Promise<void> | undefined;
	return {
		url: started.url,
		tokenCount: started.tokenCount,
		async close() {
			closing ??= new Promise<void>((resolve) => {
				const stop = setTimeout(() => void worker.terminate(), closeGraceMs);
				worker.once('exit', () => {
					clearTimeout(stop);
					resolve();
				});
				worker.postMessage('close');
			});
			return closing;
		},
	};
}

/**
 * Restores the sandbox to the fixtures: the token store goes (the key file
 * stays, it guards nothing once the data is gone) and a fresh start seeds it
 * again. Resolves with how many tokens the fixtures gave.
 */
export async function resetSandbox(dataDir: string): Promise<number> {
	for (const suffix of ['', '-wal', '-shm', '-journal']) {
		await rm(path.join(dataDir, `tokens.sqlite${suffix}`), {force: true});
	}

	const server = await startSandbox({dataDir});
	const count = server.tokenCount;
	await server.close();
	return count;
}
