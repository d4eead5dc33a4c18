// Preloaded (`node --import`) by test/e2e/startup-intl.test.ts: records, on the main thread, each
// Intl object made and each RegExp over \p{RGI_Emoji} compiled, with the time since start, as JSON
// lines in $INTL_WATCH_LOG. Only `new RegExp` is seen, not a literal: the bundle has no /…/v literal
// (esbuild writes them as `new RegExp` for our Node target). Making the first of a kind loads ICU
// data (20-35 ms on a 2-core machine).
import {appendFileSync} from 'node:fs';
import {performance} from 'node:perf_hooks';
import process from 'node:process';
import {isMainThread} from 'node:worker_threads';

const log = process.env.INTL_WATCH_LOG;
if (log && isMainThread) {
	const started = performance.now();
	const record = (kind) => {
		const at = Math.round(performance.now() - started);
		const where = new Error('at').stack
			.split('\n')
			.slice(3, 6)
			.map((line) => line.trim());
		appendFileSync(log, `${JSON.stringify({kind, at, where})}\n`);
	};

	for (const name of ['Segmenter', 'Collator', 'ListFormat', 'PluralRules', 'RelativeTimeFormat']) {
		Intl[name] = new Proxy(Intl[name], {
			construct(target, args, newTarget) {
				record(`Intl.${name}`);
				return Reflect.construct(target, args, newTarget === Intl[name] ? target : newTarget);
			},
		});
	}

	globalThis.RegExp = new Proxy(RegExp, {
		construct(target, args, newTarget) {
			if (String(args[0]).includes('RGI_Emoji')) record('RegExp \\p{RGI_Emoji}');
			return Reflect.construct(target, args, newTarget === globalThis.RegExp ? target : newTarget);
		},
	});
}
