/**
 * A CommonJS file compiled with V8's code cache: the bytecode of the functions
 * a run used, written once per build and Node version, and read back by the
 * runs after it. Compiling the app's bundle is a sixth of its time to the
 * first frame, and Node 20 keeps no cache of its own (Node 22's
 * `module.enableCompileCache` does the same for ES modules). The cache holds
 * compiled code only, never a value the app read or made.
 *
 * Everything here is best effort: a cache that cannot be read, written or
 * used (another V8, other flags, a damaged file) only means compiling as
 * before. The file cannot `import()`: Node 20 gives a script compiled from a
 * cache no dynamic import, whatever it is compiled with (esbuild turns the
 * app's own dynamic imports into requires; the server's bundle has one, for
 * an optional package of the Redis client, which the sandbox never reaches).
 */
import {mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** A compiled file, ready to run, and the way to keep its cache for the next run. */
export type CachedScript = {
	/** Runs the file as Node runs a CommonJS module; returns its exports. */
	run(): unknown;
	/**
	 * Writes the cache when there was none or V8 refused it, with the code of
	 * every function compiled so far. Call it before anything changes V8's
	 * flags (./memory.ts does): V8 refuses a cache made under other flags.
	 */
	save(): void;
	/** Whether the compilation used a cache. */
	readonly cached: boolean;
};

const suffix = '.v8cache';

/**
 * The cache's file for `build` of `file`: one per build (a hash of its
 * content) and V8 version, so two Node versions keep their own, and a
 * rebuilt file of the same length never meets the old code (V8 checks the
 * length only).
 */
export function cacheFileName(file: string, build: string, v8Version = process.versions.v8): string {
	return `${path.basename(file)}-${v8Version}-${build}${suffix}`;
}

/**
 * Compiles the CommonJS `file`, whose text is `source` and whose content
 * `build` names, with its cache from `cacheDir` if there is one.
 */
export function compileCached(
	file: string,
	source: string,
	{build, cacheDir}: {build: string; cacheDir: string | undefined},
): CachedScript {
	const cacheName = cacheFileName(file, build);
	const cacheFile = cacheDir && path.join(cacheDir, cacheName);
	const cachedData = cacheFile ? readCache(cacheFile) : undefined;
	// Node's own wrapper, on a line of its own so the file's lines and columns stay its own.
	const script = new vm.Script(
		`(function (exports, require, module, __filename, __dirname) {\n${source}\n})`,
		{
			filename: file,
			lineOffset: -1,
			cachedData,
		},
	);
	const cached = cachedData !== undefined && !script.cachedDataRejected;
	let saved = cached;

	return {
		cached,
		run() {
			const module = {exports: {}};
			const wrapper = script.runInThisContext() as (...parts: unknown[]) => void;
			wrapper(module.exports, createRequire(file), module, file, path.dirname(file));
			return module.exports;
		},
		save() {
			if (saved || !cacheDir || !cacheFile) return;
			saved = true;
			writeCache(cacheDir, cacheFile, script.createCachedData(), cacheName);
		},
	};
}

function readCache(cacheFile: string): Buffer | undefined {
	try {
		return readFileSync(cacheFile);
	} catch {
		return undefined;
	}
}

/**
 * Written beside and renamed into place, so a run starting meanwhile reads a
 * whole cache or none; then the caches of earlier builds for this V8 go.
 */
function writeCache(cacheDir: string, cacheFile: string, data: Buffer, cacheName: string): void {
	try {
		mkdirSync(cacheDir, {recursive: true});
		const partial = `${cacheFile}.${process.pid}.partial`;
		writeFileSync(partial, data);
		renameSync(partial, cacheFile);
		const thisV8 = cacheName.slice(0, cacheName.lastIndexOf('-') + 1);
		for (const name of readdirSync(cacheDir))
			if (name !== cacheName && name.startsWith(thisV8) && name.endsWith(suffix))
				rmSync(path.join(cacheDir, name), {force: true});
	} catch {
		// A cache directory that cannot be written: the next run compiles as this one did.
	}
}
