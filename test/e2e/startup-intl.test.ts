// The first frame and the first rows wait for whatever the app makes on the way, and a process's
// first Intl.Segmenter, Collator or ListFormat loads ICU data (20-35 ms each on a 2-core machine),
// as does compiling a \p{RGI_Emoji} expression. None is needed to show the list: string widths,
// clipping and styling take fast paths for its characters (patches/), and our own segmenter and
// collator are made at first use. A preload records each one made on the app's main thread.
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {closeAllTerminals, repoRoot, spawnApp} from '../support/pty.js';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'agency-tokens-intl-'));
});

afterEach(async () => {
	await closeAllTerminals();
	rmSync(dir, {recursive: true, force: true});
});

type Made = {kind: string; at: number; where: string[]};

function madeSoFar(log: string): Made[] {
	if (!existsSync(log)) return [];
	return readFileSync(log, 'utf8')
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => JSON.parse(line) as Made);
}

describe('starting the app', () => {
	it.each(['en', 'zh-CN'])(
		'shows the list and moves in it (%s) without loading ICU data for text',
		async (lang) => {
			const log = path.join(dir, 'intl.jsonl');
			const app = spawnApp(['--lang', lang, '--data', path.join(dir, 'sandbox')], {
				env: {
					INTL_WATCH_LOG: log,
					NODE_OPTIONS: `--import=${path.join(repoRoot, 'test/support/intl-watch.mjs')}`,
				},
			});
			await app.waitFor('Billing sync – production', {timeout: 15_000});
			await app.waitForRawMode();
			app.press('down');
			await app.waitFor(/› +Billing sync – staging/u);
			// Whatever the first rows set off has run by now.
			await app.waitForIdle(300);
			expect(madeSoFar(log)).toEqual([]);

			// The preload is in effect: sorting by name makes the collator, and the log shows it.
			app.write('o');
			await vi.waitFor(() => expect(madeSoFar(log).map((made) => made.kind)).toContain('Intl.Collator'), {
				timeout: 10_000,
			});
		},
	);
});
