import {spawnSync} from 'node:child_process';
import {rmSync} from 'node:fs';

/**
 * End-to-end tests run the shipped bundle, so build it once before any test.
 * A failed build removes the stale bundle and is reported, without stopping
 * the unit tests: the end-to-end tests then fail on the missing dist/cli.js.
 */
export default function setup(): void {
	const build = spawnSync(process.execPath, ['esbuild.config.js'], {encoding: 'utf8'});
	if (build.status !== 0) {
		rmSync('dist', {recursive: true, force: true});
		console.error(`The bundle did not build; end-to-end tests will fail:\n${build.stderr}`);
	}
}
