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
import {mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import {crc32} from 'node:zlib';

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

/** How long the cache of another build (another checkout, an earlier `npm start`) stays beside. */
const otherBuildsKeptMs = 24 * 60 * 60 * 1000;

/** How long a write cut short (a full disk, a killed run) may leave its partial file. */
const partialKeptMs = 60 * 1000;

/** The start of every cache file name for `file` under V8 `v8Version`. */
function cachePrefix(file: string, v8Version: string): string {
	return `${path.basename(file)}-${v8Version}-`;
}

/**
 * The cache's file for `build` of `file`: one per build (a hash of its
 * content) and V8 version, so two Node versions keep their own, and a
 * rebuilt file of the same length never meets the old code (V8 checks the
 * length only).
 */
export function cacheFileName(file: string, build: string, v8Version = process.versions.v8): string {
	return `${cachePrefix(file, v8Version)}${build}${suffix}`;
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
	// A relative directory (HOME or XDG_CACHE_HOME empty or relative) would be the working directory's.
	const usableDir = cacheDir && path.isAbsolute(cacheDir) ? cacheDir : undefined;
	const cacheFile = usableDir && path.join(usableDir, cacheName);
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
			if (saved || !usableDir || !cacheFile) return;
			saved = true;
			writeCache(usableDir, cacheFile, script.createCachedData(), cachePrefix(file, process.versions.v8));
		},
	};
}

/** A cache file holds the CRC-32 of V8's data (4 bytes, little-endian), then the data. */
const checksumBytes = 4;

/**
 * V8 checks a cache's version, flags and length, not its bytes (release
 * builds skip the checksum): a file damaged in place would be run as it is,
 * so the file carries its own.
 */
function readCache(cacheFile: string): Buffer | undefined {
	try {
		const content = readFileSync(cacheFile);
		const data = content.subarray(checksumBytes);
		return content.length > checksumBytes && content.readUInt32LE(0) === crc32(data) ? data : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Written beside and renamed into place, so a run starting meanwhile reads a
 * whole cache or none; then what other builds for this V8 left a day ago or
 * more goes (two checkouts in use keep theirs), and what writes cut short
 * left.
 */
function writeCache(cacheDir: string, cacheFile: string, data: Buffer, prefix: string): void {
	const partial = `${cacheFile}.${process.pid}.partial`;
	try {
		mkdirSync(cacheDir, {recursive: true});
		const checksum = Buffer.alloc(checksumBytes);
		checksum.writeUInt32LE(crc32(data));
		writeFileSync(partial, Buffer.concat([checksum, data]));
		renameSync(partial, cacheFile);
		const now = Date.now();
		for (const name of readdirSync(cacheDir)) {
			const other = path.join(cacheDir, name);
			if (other === cacheFile || !name.startsWith(prefix)) continue;
			const keptMs = name.endsWith(suffix) ? otherBuildsKeptMs : partialKeptMs;
			if (now - statSync(other).mtimeMs > keptMs) rmSync(other, {force: true});
		}
	} catch {
		// A cache directory that cannot be written: the next run compiles as this one did.
		try {
			rmSync(partial, {force: true});
		} catch {
			// Never written (the directory is not one): nothing to clear.
		}
	}
}
