import {rm} from 'node:fs/promises';
import path from 'node:path';

/** The embedded sandbox server, started in-process on an ephemeral loopback port. */
export type SandboxOptions = {dataDir: string; latencyMs?: number; failRate?: number};

export async function startSandbox(options: SandboxOptions) {
	const {startServer} = await import('../server/app.js');
	return startServer({
		dataDir: options.dataDir,
		port: 0,
		latencyMs: options.latencyMs ?? 0,
		failRate: options.failRate ?? 0,
	});
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
