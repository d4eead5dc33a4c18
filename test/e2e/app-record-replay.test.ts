/**
 * `--record` and `--replay` in the real binary: a session that changes the
 * server, recorded against one fresh sandbox and replayed against another,
 * leaves both servers holding the same tokens. Token Ids differ per seed; the
 * replay works by keys, so it does not care.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {openApp} from '../support/app.js';
import {closeAllTerminals, repoRoot, spawnApp} from '../support/pty.js';

let workDir: string;

beforeEach(() => {
	workDir = mkdtempSync(path.join(tmpdir(), 'agency-tokens-replay-'));
});

afterEach(async () => {
	await closeAllTerminals();
	rmSync(workDir, {recursive: true, force: true});
});

type Listed = {Name: string; State: string; ApiVersion: string; Legacy: boolean};

/** What the sandbox in `dataDir` holds, by `agency-tokens list --json`, without Ids and times. */
function serverState(dataDir: string): Listed[] {
	const result = spawnSync(process.execPath, ['dist/cli.js', 'list', '--data', dataDir, '--json'], {
		cwd: repoRoot,
		encoding: 'utf8',
		timeout: 20_000,
	});
	expect(result.status, result.stderr).toBe(0);
	return (JSON.parse(result.stdout) as Listed[])
		.map(({Name, State, ApiVersion, Legacy}) => ({Name, State, ApiVersion, Legacy}))
		.sort((a, b) => a.Name.localeCompare(b.Name) || a.State.localeCompare(b.State));
}

/** The first long value after `label` on screen: a secret the app shows. */
function secretAfter(screen: string, label: RegExp): string {
	const secret = new RegExp(`${label.source}\\s+([\\w-]{20,})`, 'u').exec(screen)?.[1];
	if (!secret) throw new Error(`No secret after ${label} on screen:\n${screen}`);
	return secret;
}

describe('recording a session and replaying it', () => {
	it('reproduces the same final server state on a fresh sandbox, and the recording holds no secret', async () => {
		const recorded = path.join(workDir, 'recorded');
		const replayed = path.join(workDir, 'replayed');
		const file = path.join(workDir, 'session.jsonl');
		const fixtures = serverState(recorded);
		expect(serverState(replayed)).toEqual(fixtures);

		const app = await openApp(['--data', recorded, '--record', file]);
		// Reveal a token's credentials: on screen, never in the recording.
		app.write('/staging\r');
		await app.waitFor(/showing 1 of \d+/u);
		app.press('enter');
		await app.waitFor('Primary contact');
		app.write('v');
		await app.waitFor(/Auth token\s+[\w-]{20,}/u);
		const revealed = secretAfter(app.screen(), /Auth token/u);
		app.press('escape');
		await app.waitFor('NAME');
		// Disable it.
		app.write('e');
		await app.waitFor('Disable "Billing sync – staging"?');
		app.write('y');
		await app.waitFor('Disabled "Billing sync – staging"');
		// Duplicate another: its new secret shows once.
		app.write('x/production\r');
		await app.waitFor(/showing 1 of \d+/u);
		app.write('c');
		await app.waitFor('New credentials for "Billing sync – production (copy)"');
		const created = secretAfter(app.screen(), /Auth Token/u);
		app.press('enter');
		await app.waitFor('NAME');
		// Delete one with write scopes: its name is typed to confirm.
		app.write('x/shopify\r');
		await app.waitFor(/showing 1 of \d+/u);
		app.write('d');
		await app.waitFor('Delete "Shopify connector"?');
		app.write('Shopify connector');
		app.press('enter');
		await app.waitFor('Deleted "Shopify connector"');
		app.write('q');
		await expect(app.exit).resolves.toMatchObject({exitCode: 0});

		const after = serverState(recorded);
		expect(after).not.toEqual(fixtures);
		expect(after).toContainEqual(
			expect.objectContaining({Name: 'Billing sync – staging', State: 'Disabled'}),
		);
		expect(after).toContainEqual(expect.objectContaining({Name: 'Billing sync – production (copy)'}));
		expect(after.map((token) => token.Name)).not.toContain('Shopify connector');

		const text = readFileSync(file, 'utf8');
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(text).not.toContain(revealed);
		expect(text).not.toContain(created);
		const lines = text
			.trimEnd()
			.split('\n')
			.map((line) => JSON.parse(line) as Record<string, unknown>);
		expect(lines[0]).toMatchObject({agencyTokensRecording: 1, columns: 80, rows: 24});
		expect(lines).toContainEqual(expect.objectContaining({mark: 'loaded'}));
		const events = lines.filter((line) => 'data' in line);
		expect(events.every((line) => typeof line['t'] === 'number' && typeof line['data'] === 'string')).toBe(
			true,
		);
		expect(events.at(-1)?.['data']).toBe('q');

		const replay = spawnApp(['--data', replayed, '--replay', file, '--replay-speed', '3']);
		await replay.waitFor('Replaying', {timeout: 15_000});
		await expect(replay.exit).resolves.toMatchObject({exitCode: 0});
		expect(serverState(replayed)).toEqual(after);
	}, 90_000);

	it('a key pressed during a replay still counts: q quits', async () => {
		const recorded = path.join(workDir, 'recorded');
		const file = path.join(workDir, 'slow.jsonl');
		const app = await openApp(['--data', recorded, '--record', file]);
		app.write('j');
		await new Promise((resolve) => {
			setTimeout(resolve, 1500);
		});
		app.write('s');
		await app.waitFor('State (s): enabled');
		// Closed without q: the replay alone would never end.
		await app.close();
		expect(readFileSync(file, 'utf8')).toContain('"data":"s"');

		const replay = await openApp(['--data', recorded, '--replay', file]);
		await replay.waitFor('Replaying');
		replay.write('q');
		await expect(replay.exit).resolves.toMatchObject({exitCode: 0});
	}, 60_000);

	it('refuses a recording it cannot read, before the app starts', async () => {
		const file = path.join(workDir, 'broken.jsonl');
		const app = spawnApp(['--data', workDir, '--replay', file]);
		await expect(app.exit).resolves.toMatchObject({exitCode: 2});
		expect(app.screen().replaceAll('\n', '')).toContain('broken.jsonl: ENOENT');
	});
});
