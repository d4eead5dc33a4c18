/**
 * Loads the app (./run.tsx, bundled as dist/app.cjs) with V8's code cache; see
 * ./code-cache.ts. Only the bin uses this, from the bundle; tests import
 * ./run.tsx itself.
 */
import envPaths from 'env-paths';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {compileCached} from './code-cache.js';
import type {runApp} from './run.js';
import {preloadedYogaKey} from './yoga-key.js';

type App = {runApp: typeof runApp};

/**
 * When the cache is written, counted from the app's start: after the first
 * frame and, on the sandbox, the first rows (so their code is in it), and well
 * before a load large enough for ./memory.ts to change V8's flags can end.
 */
const saveAfterMs = 500;

/** The app's bundle beside this one, compiled from the cache when there is one, and run. */
export async function loadApp(): Promise<App> {
	// Its WebAssembly compiles on another thread while this one compiles the bundle.
	const yoga = import('yoga-layout');
	const file = fileURLToPath(new URL('app.cjs', import.meta.url));
	const script = compileCached(
		file,
		readFileSync(file, 'utf8'),
		envPaths('agency-tokens', {suffix: ''}).cache,
	);
	(globalThis as Record<symbol, unknown>)[preloadedYogaKey] = (await yoga).default;
	const app = script.run() as App;
	setTimeout(script.save, saveAfterMs).unref();
	return app;
}
