/**
 * What the bin takes from the app's CommonJS bundle, dist/app.cjs (see
 * esbuild.config.js and ./load-bundle.ts): the sandbox's early start, then the
 * app. Only what the early start needs runs when the bundle loads; the app's
 * own modules (Ink, React, the state) run once the sandbox's thread is on its
 * way, while Ink's layout engine compiles.
 */
import type {runApp} from './run.js';
import {loadLayoutEngine} from './yoga-loaded.js';

export {startSandboxEarly} from './early-sandbox.js';

/** The app, with its modules loaded and Ink's layout engine ready. */
export async function loadRunApp(): Promise<typeof runApp> {
	// The engine first: its WebAssembly compiles on other threads while the modules run here.
	const [, app] = await Promise.all([loadLayoutEngine(), import('./run.js')]);
	return app.runApp;
}
