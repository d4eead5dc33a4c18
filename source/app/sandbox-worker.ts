/**
 * The embedded sandbox server's thread (see ./sandbox.ts). Loading and starting
 * the server (fastify, the SQLite store, the schemas) is most of what stands
 * between the first frame and the first rows; on a thread of its own it runs on
 * the other core while the app draws its first frame and loads its HTTP client.
 */
import {readlinkSync} from 'node:fs';
import os from 'node:os';
import {parentPort, workerData} from 'node:worker_threads';
import type * as ServerBundle from '../server/app.js';
import {loadBundle} from './load-bundle.js';
import type {SandboxOptions, SandboxReport} from './sandbox.js';

/** The server thread's niceness: below the app's thread wherever the two want the same core. */
const serverNiceness = 10;

/**
 * Lowers this thread's priority, so that where the two threads compete for a
 * core (the machine busy with something else, or the two cores with the
 * compiler and collector threads too) the app's thread, drawing its first
 * frame and then answering keys, goes first. On Linux a thread's niceness is
 * its own: starting the sandbox 15 times each, five times over, the first
 * frame came 2-27 ms sooner (little on a quiet machine) and the first rows no
 * later. Elsewhere, or where it is refused, the thread keeps the app's priority.
 */
function yieldToTheApp(): void {
	try {
		const thread = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
		if (Number.isInteger(thread) && thread > 0) os.setPriority(thread, serverNiceness);
	} catch {
		// Not Linux, or not allowed: nothing changes.
	}
}

const options = workerData as SandboxOptions;
const report = (message: SandboxReport) => parentPort!.postMessage(message);

yieldToTheApp();
try {
	// Loaded once the thread has yielded: compiling the server was most of its start, and its
	// bundle (dist/server.cjs) comes with a code cache as the app's does.
	const {startServer} = loadBundle('server.cjs') as typeof ServerBundle;
	const server = await startServer({
		dataDir: options.dataDir,
		port: 0,
		latencyMs: options.latencyMs ?? 0,
		failRate: options.failRate ?? 0,
	});
	parentPort!.once('message', () => {
		void server.close().then(() => {
			report({kind: 'closed'});
			parentPort!.close();
		});
	});
	report({kind: 'listening', url: server.url, tokenCount: server.tokenCount});
} catch (error) {
	report({kind: 'failed', message: error instanceof Error ? error.message : String(error)});
	parentPort!.close();
}
