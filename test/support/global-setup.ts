import {execFileSync} from 'node:child_process';

/** End-to-end tests run the shipped bundle, so build it once before any test. */
export default function setup(): void {
	execFileSync(process.execPath, ['esbuild.config.js'], {stdio: 'inherit'});
}
