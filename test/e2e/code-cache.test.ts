import {randomUUID} from 'node:crypto';
import {cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {connectArgs, openApp} from '../support/app.js';
import {closeAllTerminals, repoRoot} from '../support/pty.js';
import {startTestServer, type TestServer} from '../support/server.js';

let dir: string;
let server: TestServer;
// Not in the app's source: only the run can have put it in the cache.
const authToken = `operator-${randomUUID()}`;

beforeEach(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'agency-tokens-e2e-cache-'));
	const fixturesDir = path.join(dir, 'fixtures');
	cpSync(path.join(repoRoot, 'fixtures'), fixturesDir, {recursive: true});
	const operators = path.join(fixturesDir, 'operators.json');
	writeFileSync(
		operators,
		readFileSync(operators, 'utf8').replace('"demo-admin"', JSON.stringify(authToken)),
	);
	server = await startTestServer({fixturesDir});
});

afterEach(async () => {
	await closeAllTerminals();
	await server.close();
	rmSync(dir, {recursive: true, force: true});
});

const sleep = async (ms: number) =>
	new Promise((resolve) => {
		setTimeout(resolve, ms);
	});

/** The directory of code caches the app writes when started with `env`. */
function codeCaches() {
	const cacheHome = path.join(dir, 'cache-home');
	const cacheDir = path.join(cacheHome, 'agency-tokens');
	return {
		env: {XDG_CACHE_HOME: cacheHome},
		files(): string[] {
			try {
				return readdirSync(cacheDir)
					.filter((name) => name.endsWith('.v8cache'))
					.map((name) => path.join(cacheDir, name));
			} catch {
				return [];
			}
		},
		// Written half a second into the run (source/app/load-bundle.ts).
		async written(count: number): Promise<string[]> {
			for (let waited = 0; this.files().length < count && waited < 10_000; waited += 50) await sleep(50);
			return this.files();
		},
	};
}

describe("the app's code cache", () => {
	it('is written by the first start, used by the next, and holds no auth token', async () => {
		const caches = codeCaches();
		const open = async () => openApp(connectArgs(server.url, authToken), {env: caches.env});
		const first = await open();
		await caches.written(1);
		await first.close();
		expect(caches.files()).toHaveLength(1);
		const [cache] = caches.files() as [string];
		const written = statSync(cache);
		expect(written.size).toBeGreaterThan(100_000);
		expect(readFileSync(cache).includes(authToken)).toBe(false);

		// A cache the next start refused (another V8, other flags) would be written again by then.
		const next = await open();
		expect(next.screen()).toContain('Billing sync – production');
		await sleep(1500);
		await next.close();
		expect(caches.files()).toEqual([cache]);
		const after = statSync(cache);
		expect([after.ino, after.mtimeMs]).toEqual([written.ino, written.mtimeMs]);
	});

	it("is written for the sandbox's server too, on its own thread, and used by the next start", async () => {
		const caches = codeCaches();
		const dataDir = path.join(dir, 'sandbox');
		const first = await openApp(['--data', dataDir], {env: caches.env});
		const written = await caches.written(2);
		await first.close();
		expect(written.map((file) => path.basename(file).split('-')[0]).sort()).toEqual([
			'app.cjs',
			'server.cjs',
		]);
		const stamps = () => caches.files().map((file) => [file, statSync(file).ino, statSync(file).mtimeMs]);
		const before = stamps();

		const next = await openApp(['--data', dataDir], {env: caches.env});
		expect(next.screen()).toContain('Billing sync – production');
		await sleep(1500);
		await next.close();
		expect(stamps()).toEqual(before);
	});
});
