// Bundles the app into dist/ with esbuild: cold start is mostly import time, and one
// bundle starts in less than half the time of node_modules (see the README's figures).
import {build} from 'esbuild';
import {rmSync} from 'node:fs';
import {pathToFileURL} from 'node:url';

/** The app's bundle options; bench/ builds its own copies (and the baseline) with the same. */
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	// Chunks are named by content: without this, every build would leave the last one's beside it.
	rmSync(appBuildOptions.outdir, {recursive: true, force: true});
	await build(appBuildOptions);
}
