/**
 * Loads one of the CommonJS bundles beside the bin (dist/app.cjs, the app;
 * dist/server.cjs, the sandbox's server) with V8's code cache; see
 * ./code-cache.ts and esbuild.config.js. Only the bundled bin uses this.
 */
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {appPaths} from '../app-paths.js';
import {compileCached} from './code-cache.js';

/** A hash of each bundle, which esbuild.config.js builds first and then writes here. */
declare const SCRIPT_BUILDS: Record<string, string>;

/**
 * When the cache is written, counted from the bundle's load: after the first
 * frame and, on the sandbox, the first rows (so their code is in it), and well
 * before a load large enough for ./memory.ts to change V8's flags (they are
 * the whole process's) can end.
 */
const saveAfterMs = 500;

/** The bundle `name` beside this file, compiled from its cache when there is one, and run: its exports. */
export function loadBundle(name: 'app.cjs' | 'server.cjs'): unknown {
	const file = fileURLToPath(new URL(name, import.meta.url));
	const script = compileCached(file, readFileSync(file, 'utf8'), {
		build: SCRIPT_BUILDS[name]!,
		cacheDir: appPaths().cache,
	});
	const exports = script.run();
	setTimeout(script.save, saveAfterMs).unref();
	return exports;
}
