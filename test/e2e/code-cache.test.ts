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

describe("the app's code cache", () => {
	it('is written by the first start, used by the next, and holds no auth token', async () => {
		const cacheHome = path.join(dir, 'cache-home');
		const cacheDir = path.join(cacheHome, 'agency-tokens');
		const cacheFiles = () => {
			try {
				return readdirSync(cacheDir).map((name) => path.join(cacheDir, name));
			} catch {
				return [];
			}
		};

		const open = async () => openApp(connectArgs(server.url, authToken), {env: {XDG_CACHE_HOME: cacheHome}});
		const first = await open();
		// Written half a second into the run (source/app/load-app.ts).
		for (let waited = 0; cacheFiles().length === 0 && waited < 10_000; waited += 50) await sleep(50);
		await first.close();
		expect(cacheFiles()).toHaveLength(1);
		const [cache] = cacheFiles() as [string];
		const written = statSync(cache);
		expect(written.size).toBeGreaterThan(100_000);
		expect(readFileSync(cache).includes(authToken)).toBe(false);

		// A cache the next start refused (another V8, other flags) would be written again by then.
		const next = await open();
		expect(next.screen()).toContain('Billing sync – production');
		await sleep(1500);
		await next.close();
		expect(cacheFiles()).toEqual([cache]);
		const after = statSync(cache);
		expect([after.ino, after.mtimeMs]).toEqual([written.ino, written.mtimeMs]);
	});
});
