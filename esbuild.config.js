// Bundles the app into dist/ with esbuild: cold start is mostly import time, and one
// bundle starts in less than half the time of node_modules (see the README's figures).
import {build} from 'esbuild';
import {createHash} from 'node:crypto';
import {readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

/** The bin's bundle options; bench/ builds its own copies (and the baseline) with the same. */
export const appBuildOptions = {
	// The sandbox server runs on a worker thread, which starts from a file of its own.
	entryPoints: {cli: 'source/cli.tsx', 'sandbox-worker': 'source/app/sandbox-worker.ts'},
	outdir: 'dist',
	bundle: true,
	splitting: true,
	platform: 'node',
	format: 'esm',
	target: 'node20.19',
	jsx: 'automatic',
	sourcemap: 'linked',
	// Native addons cannot be bundled; devtools is only loaded when DEV=true. Fastify requires its
	// schema compilers (ajv, fast-json-stringify) only when no others are given, and light-my-request
	// only for inject(): the server gives its own (source/server/app.ts) and never injects, so they
	// stay out of the bundle the sandbox's thread parses before the first rows (~280 KB).
	external: [
		'sqlite3',
		'react-devtools-core',
		'@fastify/ajv-compiler',
		'@fastify/fast-json-stringify-compiler',
		'light-my-request',
	],
	// React picks its production build at bundle time: the development one is ~7x slower per key.
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {
		js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
	},
	// Less to parse: measured on the sandbox start, ~15 ms sooner to the first frame and ~70 ms to
	// the first rows (the server's thread parses fastify and zod). The linked source maps keep names.
	minify: true,
	logLevel: 'warning',
};

/**
 * Ink's reconciler awaits at its top level, only when DEV=true, to connect React DevTools and read
 * Ink's package.json. CommonJS cannot hold an await, and the app never ships react-devtools-core
 * (DEV=true only printed that it is missing), so the app's bundle leaves both out.
 */
const inkWithoutDevtools = {
	name: 'ink-without-devtools',
	setup(builder) {
		// A Go regular expression (esbuild matches filters in Go), hence no flags.
		builder.onLoad({filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/}, ({path: file}) => {
			let contents = readFileSync(file, 'utf8');
			for (const [awaited, instead] of [
				["await import('./devtools.js');", ''],
				['? await loadPackageJson()', '? {name: undefined, version: undefined}'],
			]) {
				// A new Ink that moved these lines fails the build here, not the app at its start.
				if (!contents.includes(awaited)) throw new Error(`Ink's reconciler no longer has: ${awaited}`);
				contents = contents.replace(awaited, instead);
			}

			return {contents, loader: 'js', resolveDir: path.dirname(file)};
		});
	},
};

/** Ink's `yoga-layout`, whose entry awaits at its top level: see source/app/yoga-loaded.ts. */
const yogaLoaded = {
	name: 'yoga-loaded',
	setup(builder) {
		builder.onResolve({filter: /^yoga-layout$/}, () => ({path: path.resolve('source/app/yoga-loaded.ts')}));
	},
};

/** See source/app/bundle-process.ts. Only imports: a CommonJS `require('process')` gets the process. */
const processWithoutCopies = {
	name: 'process-without-copies',
	setup(builder) {
		builder.onResolve({filter: /^(node:)?process$/}, ({kind}) =>
			kind === 'import-statement' ? {path: path.resolve('source/app/bundle-process.ts')} : undefined,
		);
	},
};

/**
 * What the bin compiles with V8's code cache (source/app/load-bundle.ts), each one CommonJS file
 * (Node 20 caches no ES module's compilation): the app itself (what `agency-tokens` opens), and the
 * server the sandbox's thread starts.
 */
export const scriptEntries = {app: 'source/app/bundle.ts', server: 'source/server/app.ts'};

/** The options that build `scriptEntries` into `outdir` as app.cjs and server.cjs. */
export function scriptOptions(outdir) {
	return {
		...appBuildOptions,
		entryPoints: scriptEntries,
		outdir,
		splitting: false,
		format: 'cjs',
		outExtension: {'.js': '.cjs'},
		define: {...appBuildOptions.define, 'import.meta.url': 'bundleUrl'},
		inject: ['source/app/bundle-import-meta.ts'],
		// Said here, not left to tsconfig's strictness: ES modules were strict, and so stays the code.
		banner: {js: '"use strict";'},
		plugins: [inkWithoutDevtools, yogaLoaded, processWithoutCopies],
	};
}

/**
 * Builds the scripts, then the bin, into `outdir`. The bin is told each script's build (a hash of
 * its content), which names its code cache: hashing them at each start would cost a fifth of the
 * cache's gain.
 */
export async function buildApp(outdir = appBuildOptions.outdir) {
	await build(scriptOptions(outdir));
	const builds = {};
	for (const name of Object.keys(scriptEntries))
		builds[`${name}.cjs`] = createHash('sha256')
			.update(readFileSync(path.join(outdir, `${name}.cjs`)))
			.digest('hex')
			.slice(0, 16);
	await build({
		...appBuildOptions,
		outdir,
		define: {...appBuildOptions.define, SCRIPT_BUILDS: JSON.stringify(builds)},
	});
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	// Chunks are named by content: without this, every build would leave the last one's beside it.
	rmSync(appBuildOptions.outdir, {recursive: true, force: true});
	await buildApp();
}
