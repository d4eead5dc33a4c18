#!/usr/bin/env node
/**
 * The `agency-tokens` bin: `agency-tokens server …` runs the reference API alone;
 * `agency-tokens list …` prints the list; anything else opens the app. The app
 * (Ink with it) is a CommonJS bundle of its own, loaded with a code cache
 * (./app/load-bundle.ts) once the environment is settled (./app/environment.ts);
 * the server and the list command are imported only when asked for.
 */
import type * as AppBundle from './app/bundle.js';
import {prepareEnvironment} from './app/environment.js';
import {loadBundle} from './app/load-bundle.js';

// A closed terminal or a closed pipe (`agency-tokens list | head`) ends the program quietly, without a stack trace.
for (const stream of [process.stdout, process.stderr]) {
	stream.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE' || error.code === 'EIO') process.exit(0);
		throw error;
	});
}

const [command, ...rest] = process.argv.slice(2);

if (command === 'server') {
	const {runServerCli} = await import('./server/cli.js');
	await runServerCli(rest);
} else if (command === 'list') {
	const {runListCommand} = await import('./app/list-command.js');
	process.exitCode = await runListCommand(rest);
} else {
	prepareEnvironment();
	const bundle = loadBundle('app.cjs') as typeof AppBundle;
	const sandbox = bundle.startSandboxEarly(process.argv.slice(2));
	// Ink's layout engine is WebAssembly, compiled off the main thread while nothing else holds the
	// event loop. Node then stops polling and waits for every background task (the optimising
	// compiler's too) before it runs the rest of the app: 50-70 ms between the first frame and the
	// first request. A timer keeps the loop polling until the engine is loaded.
	const polling = setInterval(() => undefined, 60_000);
	const runApp = await bundle.loadRunApp().finally(() => {
		clearInterval(polling);
	});
	process.exitCode = await runApp(process.argv.slice(2), sandbox);
	// Closed by the app already when it ran; not when it stopped before (closing twice is harmless).
	await (await sandbox?.catch(() => undefined))?.close();
	// Whatever still holds the event loop (a keep-alive socket, a late timer) must not hold the terminal.
	setTimeout(() => process.exit(), 1000).unref();
}
