/**
 * A trainer's rollback demo on the embedded sandbox: `--latency` and
 * `--fail-rate` are said on the status line (so nobody mistakes the demo for
 * an outage), a write shows at once, waits out the latency and the retries,
 * then rolls back with a message; and the notice speaks the chosen language.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {openApp, rowLines} from '../support/app.js';
import {closeAllTerminals, spawnApp} from '../support/pty.js';

let dataDir: string;
beforeEach(() => {
	dataDir = mkdtempSync(path.join(tmpdir(), 'agency-tokens-demo-'));
});
afterEach(async () => {
	await closeAllTerminals();
	rmSync(dataDir, {recursive: true, force: true});
});

describe('fault injection on the sandbox', () => {
	it('says DEMO on the status line, shows a write at once and rolls it back when the server fails it', async () => {
		const app = await openApp(['--data', dataDir, '--latency', '300', '--fail-rate', '1']);
		expect(app.screen()).toContain('DEMO: +300 ms latency, 100% of writes fail');
		const [selected] = rowLines(app.screen());
		expect(selected).toMatch(/^›\s+Billing sync – production\s+Enabled/u);

		app.write('e');
		await app.waitFor(/Disable ".+"\?/u);
		app.write('y');
		// Shown before the server has answered: the row is pending and already disabled.
		await app.waitFor(/^›\s*~Billing sync – production\s+Disabled/mu, {timeout: 5000});
		await app.waitFor('Could not disable', {timeout: 30_000});
		await app.waitFor(/^›\s+Billing sync – production\s+Enabled/mu);
	}, 45_000);

	it('says it in Chinese with --lang zh-CN', async () => {
		const app = spawnApp(['--lang', 'zh-CN', '--data', dataDir, '--latency', '300', '--fail-rate', '0.5']);
		await app.waitFor('演示：延迟 +300 ms，50% 的写入会失败', {timeout: 15_000});
	});
});
