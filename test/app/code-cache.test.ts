import {createHash} from 'node:crypto';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync} from 'node:fs';
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

	it('is never used for another build, even of the same length', () => {
		start(moduleSource('one'));
		const other = start(moduleSource('two'));
		expect(other.cached).toBe(false);
		expect(other.exports.build).toBe('two');
		expect(start(moduleSource('two')).cached).toBe(true);
		// Two checkouts in use keep theirs.
		expect(readdirSync(cacheDir).sort()).toEqual(
			[
				cacheFileName('app.cjs', buildOf(moduleSource('one'))),
				cacheFileName('app.cjs', buildOf(moduleSource('two'))),
			].sort(),
		);
	});

	it('clears what other builds left a day ago and what cut-short writes left', () => {
		start(moduleSource('one'));
		const old = path.join(cacheDir, cacheFileName('app.cjs', buildOf(moduleSource('one'))));
		const partial = path.join(cacheDir, `${cacheFileName('app.cjs', 'other')}.1234.partial`);
		writeFileSync(partial, 'half a cache');
		const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
		utimesSync(old, twoDaysAgo, twoDaysAgo);
		utimesSync(partial, twoDaysAgo, twoDaysAgo);
		start(moduleSource('two'));
		expect(readdirSync(cacheDir)).toEqual([cacheFileName('app.cjs', buildOf(moduleSource('two')))]);
	});

	it('refuses a damaged cache, runs the file all the same, and writes a good one', () => {
		const source = moduleSource('one');
		start(source);
		const cache = path.join(cacheDir, cacheFileName('app.cjs', buildOf(source)));
		writeFileSync(cache, 'not V8 code at all');
		const garbage = start(source);
		expect(garbage.cached).toBe(false);
		expect(garbage.exports.total([2, 2])).toBe(4);
		expect(start(source).cached).toBe(true);

		// Damaged in place: the length V8 checks is right, the bytes are not.
		const content = readFileSync(cache);
		const middle = Math.floor(content.length / 2);
		content[middle] = content[middle]! ^ 0xff;
		writeFileSync(cache, content);
		const flipped = start(source);
		expect(flipped.cached).toBe(false);
		expect(flipped.exports.total([1, 1])).toBe(2);
		expect(start(source).cached).toBe(true);
	});

	it('runs without a cache where none can be written', () => {
		writeFileSync(path.join(dir, 'a-file'), '');
		const unwritable = path.join(dir, 'a-file', 'cache');
		expect(start(moduleSource('one'), unwritable).cached).toBe(false);
		expect(start(moduleSource('one'), unwritable).exports.build).toBe('one');
		expect(start(moduleSource('one'), undefined).cached).toBe(false);
	});

	it('writes nothing under the working directory when the cache directory is relative (HOME empty)', () => {
		const relative = path.join('.cache', `agency-tokens-test-${process.pid}`);
		start(moduleSource('one'), relative);
		expect(start(moduleSource('one'), relative).cached).toBe(false);
		expect(existsSync(relative)).toBe(false);
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
