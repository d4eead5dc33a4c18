/**
 * The real reference server in a child process, seeded with `--generate N`.
 * Seeded data directories are kept between runs (seeding 1,000,000 tokens
 * takes a while); `--fresh` seeds again.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync, mkdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';

export const benchDataRoot = path.join(os.tmpdir(), 'agency-tokens-bench');

export type BenchServer = {
	url: string;
	/** Seconds the seeding took; null when an earlier seed was loaded. */
	seededS: number | null;
	/** Spawn → listening, in seconds (includes seeding or loading). */
	startS: number;
	/** Tokens the list shows (legacy tokens are hidden until the account enables them). */
	listed: number;
	stop(): Promise<void>;
};

/** Starts `node <cli> server` on an ephemeral port with N generated tokens. */
export async function startBenchServer(cli: string, count: number, fresh: boolean): Promise<BenchServer> {
	const dataDir = path.join(benchDataRoot, `generated-${count}`);
	if (fresh) rmSync(dataDir, {recursive: true, force: true});
	mkdirSync(benchDataRoot, {recursive: true});
	const reused = existsSync(path.join(dataDir, 'tokens.sqlite'));
	try {
		return await launch(cli, dataDir, count);
	} catch (error) {
		if (!reused) throw error;
		// A data directory from an older build may not load: seed it again.
		rmSync(dataDir, {recursive: true, force: true});
		return launch(cli, dataDir, count);
	}
}

async function launch(cli: string, dataDir: string, count: number): Promise<BenchServer> {
	const started = performance.now();
	const child = spawn(
		process.execPath,
		[cli, 'server', '--port', '0', '--data', dataDir, '--generate', String(count), '--rate-limit', '0'],
		{stdio: ['ignore', 'pipe', 'pipe']},
	);
	let output = '';
	const url = await new Promise<string>((resolve, reject) => {
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const match = /listening on (http:\/\/\S+)/.exec(output);
			if (match) resolve(match[1]!);
		};

		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.once('exit', (code) => {
			reject(new Error(`the server exited (${code}) before listening:\n${output}`));
		});
	});
	const startS = (performance.now() - started) / 1000;
	const seeded = /seeded \d+ tokens in ([\d.]+) s/.exec(output);
	const listed = await listedCount(url);
	await warmUp(url);
	return {
		url,
		seededS: seeded ? Number(seeded[1]) : null,
		startS,
		listed,
		stop: async () => stop(child),
	};
}

const authorization = `Basic ${Buffer.from('IRAgencyDemo1:demo-admin').toString('base64')}`;

/**
 * One unmeasured walk of every page before either program is measured, so that
 * neither pays the server's first requests (its JIT, its list index): the app
 * was measured first and, on a cold server, paid ~1 s more to sync 100,000.
 */
async function warmUp(url: string): Promise<void> {
	for (let page = 1; ; page++) {
		const response = await fetch(`${url}/Agencies/IRAgencyDemo1/AccessTokens?PageSize=1000&Page=${page}`, {
			headers: {authorization},
		});
		const body = (await response.json()) as {'@numpages': number};
		if (page >= body['@numpages']) return;
	}
}

async function listedCount(url: string): Promise<number> {
	const response = await fetch(`${url}/Agencies/IRAgencyDemo1/AccessTokens?PageSize=1`, {
		headers: {authorization},
	});
	const body = (await response.json()) as {'@total': number};
	return body['@total'];
}

async function stop(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
	await exited;
	clearTimeout(timer);
}
