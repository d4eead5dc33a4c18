import {createHash} from 'node:crypto';
import {mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {cacheFileName, compileCached} from '../../source/app/code-cache.js';

let dir: string;
let cacheDir: string;
let starts = 0;

beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'agency-tokens-code-cache-'));
	cacheDir = path.join(dir, 'cache');
});

afterEach(() => {
	rmSync(dir, {recursive: true, force: true});
});

/** A CommonJS module with a function worth caching, that says which build it is. */
const moduleSource = (build: string) =>
	`'use strict';\nfunction total(values) { let sum = 0; for (const value of values) sum += value; return sum; }\nmodule.exports = {build: '${build}', total, file: __filename};\n`;

/** What the build names a file by: a hash of its content. */
const buildOf = (source: string) => createHash('sha256').update(source).digest('hex').slice(0, 16);

type Exports = {build: string; total: (values: number[]) => number; file: string};

/**
 * The bundle's path at each start: V8 keeps what it compiled for a script's text and name for as
 * long as the process lives, and would not even look at the cache for the same one again.
 */
const bundleFile = () => path.join(dir, `install-${++starts}`, 'app.cjs');

/** Compiles and runs `source` as the bin does, then saves its cache as the bin does after the start. */
function start(source: string, directory: string | undefined = cacheDir) {
	const file = bundleFile();
	const script = compileCached(file, source, {build: buildOf(source), cacheDir: directory});
	const exports = script.run() as Exports;
	exports.total([1, 2, 3]);
	script.save();
	return {cached: script.cached, exports, file};
}

describe('the code cache of the app bundle', () => {
	it('is written by the first start and used by the next', () => {
		const first = start(moduleSource('one'));
		expect(first.cached).toBe(false);
		expect(readdirSync(cacheDir)).toEqual([cacheFileName('app.cjs', buildOf(moduleSource('one')))]);

		const next = start(moduleSource('one'));
		expect(next.cached).toBe(true);
		expect(next.exports.build).toBe('one');
		expect(next.exports.total([4, 5])).toBe(9);
		expect(next.exports.file).toBe(next.file);
	});

	it('is never used for another build, even of the same length, and gives way to it', () => {
		start(moduleSource('one'));
		const other = start(moduleSource('two'));
		expect(other.cached).toBe(false);
		expect(other.exports.build).toBe('two');
		expect(readdirSync(cacheDir)).toEqual([cacheFileName('app.cjs', buildOf(moduleSource('two')))]);
		expect(start(moduleSource('two')).cached).toBe(true);
	});

	it('refuses a damaged cache, runs the file all the same, and writes a good one', () => {
		const source = moduleSource('one');
		start(source);
		writeFileSync(path.join(cacheDir, cacheFileName('app.cjs', buildOf(source))), 'not V8 code at all');
		const damaged = start(source);
		expect(damaged.cached).toBe(false);
		expect(damaged.exports.total([2, 2])).toBe(4);
		expect(start(source).cached).toBe(true);
	});

	it('runs without a cache where none can be written', () => {
		writeFileSync(path.join(dir, 'a-file'), '');
		const unwritable = path.join(dir, 'a-file', 'cache');
		expect(start(moduleSource('one'), unwritable).cached).toBe(false);
		expect(start(moduleSource('one'), unwritable).exports.build).toBe('one');
		expect(start(moduleSource('one'), undefined).cached).toBe(false);
	});

	it("reports errors at the file's own lines", () => {
		const file = bundleFile();
		const source = `'use strict';\n\nthrow new Error('at line three');\n`;
		const script = compileCached(file, source, {build: buildOf(source), cacheDir});
		expect(() => script.run()).toThrow(
			expect.objectContaining({stack: expect.stringContaining(`${file}:3:`) as unknown}) as Error,
		);
	});
});
