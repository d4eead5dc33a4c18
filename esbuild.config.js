// Bundles the app into dist/ with esbuild: cold start is mostly import time, and one
// bundle starts in less than half the time of node_modules (see the README's figures).
import {build} from 'esbuild';
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
	// Native addons cannot be bundled; devtools is only loaded when DEV=true.
	external: ['sqlite3', 'react-devtools-core'],
	// React picks its production build at bundle time: the development one is ~7x slower per key.
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {
		js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
	},
	logLevel: 'warning',
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await build(appBuildOptions);
