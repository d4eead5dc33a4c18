/**
 * The embedded sandbox server's thread (see ./sandbox.ts). Loading and starting
 * the server (fastify, the SQLite store, the schemas) is most of what stands
 * between the first frame and the first rows; on a thread of its own it runs on
 * the other core while the app draws its first frame and loads its HTTP client.
 */
import {parentPort, workerData} from 'node:worker_threads';
import {startServer} from '../server/app.js';
import type {SandboxOptions, SandboxReport} from './sandbox.js';

const options = workerData as SandboxOptions;
const report = (message: SandboxReport) => parentPort!.postMessage(message);

try {
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
