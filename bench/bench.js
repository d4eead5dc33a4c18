// `npm run bench`: bundles the app, the baseline and the bench itself with the app's own
// esbuild options into node_modules/.cache (a private copy, so a rebuild of dist/ mid-run
// cannot change what is measured), then runs bench/run.ts. Arguments go to run.ts.
import {rmSync} from 'node:fs';
import {build} from 'esbuild';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {appBuildOptions, buildApp} from '../esbuild.config.js';

const out = path.resolve('node_modules/.cache/agency-tokens-bench');
// Chunk names change with every build; start clean so old ones do not pile up.
rmSync(out, {recursive: true, force: true});

await buildApp(path.join(out, 'app'));
await build({
	...appBuildOptions,
	entryPoints: {baseline: 'bench/baseline/main.tsx'},
	outdir: path.join(out, 'baseline'),
});
await build({
	entryPoints: {run: 'bench/run.ts'},
	outdir: path.join(out, 'runner'),
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20.19',
	// Node resolves these from node_modules/, as tests do: node-pty is a native addon.
	packages: 'external',
	logLevel: 'warning',
});

const {main} = await import(pathToFileURL(path.join(out, 'runner', 'run.js')).href);
process.exitCode = await main(
	{app: path.join(out, 'app', 'cli.js'), baseline: path.join(out, 'baseline', 'baseline.js')},
	process.argv.slice(2),
);
