/**
 * The sandbox server's thread, started as soon as the app's bundle is loaded,
 * before the app's own modules (Ink, React, the state) run and before Ink's
 * layout engine. The thread's loading (a second Node environment, then the
 * server, fastify and SQLite) is what the first rows wait for: started first,
 * it overlaps the app's (measured when the app was ES modules: the first rows
 * ~70 ms sooner, the first frame ~25 ms later, the two threads sharing the
 * machine). Only for a
 * run that will open the app on the sandbox; anything else (a remote server,
 * a reset, help, a wrong flag, no terminal) is left to run.tsx, which says
 * so as before.
 */
import {resolveTarget, type Target} from './connection.js';
import {isTerminal, terminalProblem} from './environment.js';
import {readAppFlags} from './flags.js';
import {startSandbox, type Sandbox} from './sandbox.js';

type SandboxTarget = Extract<Target, {kind: 'sandbox'}>;

/** The sandbox this command line will open the app on, if it surely will. */
export function earlySandboxTarget(
	argv: string[],
	env: NodeJS.ProcessEnv,
	terminal: boolean,
): SandboxTarget | undefined {
	if (terminalProblem(env, terminal)) return undefined;
	const flags = readAppFlags(argv);
	if (!flags || flags.sandboxReset) return undefined;
	const target = resolveTarget(flags, env);
	return 'error' in target || target.kind !== 'sandbox' ? undefined : target;
}

/** Starts the sandbox for `argv` now, when the app will surely open on it. */
export function startSandboxEarly(argv: string[]): Promise<Sandbox> | undefined {
	const target = earlySandboxTarget(argv, process.env, isTerminal());
	if (!target) return undefined;
	const sandbox = startSandbox(target);
	// A sandbox that cannot start is reported where the app connects.
	sandbox.catch(() => undefined);
	return sandbox;
}
