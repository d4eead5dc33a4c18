/** Whether both ends of the process are a terminal, as the app needs. */
export function isTerminal(): boolean {
	return Boolean(process.stdin.isTTY && process.stdout.isTTY);
}

/**
 * Why this terminal cannot show the app, as the key of its message; undefined
 * when it can. run.tsx says it; the early sandbox start (./early-sandbox.ts)
 * asks the same, so the two never disagree.
 */
export function terminalProblem(
	env: NodeJS.ProcessEnv,
	terminal: boolean,
): 'start.dumbTerminal' | 'start.noTerminal' | undefined {
	if (env['TERM'] === 'dumb') return 'start.dumbTerminal';
	return terminal ? undefined : 'start.noTerminal';
}

/**
 * Ink decides at import time (through is-in-ci) whether it is in CI, and then
 * writes nothing until the app exits. A person at a terminal whose shell sets
 * CI would see a blank screen, so when both ends are a terminal those
 * variables are dropped before Ink is loaded.
 */
export function prepareEnvironment(): void {
	if (isTerminal()) {
		delete process.env['CI'];
		delete process.env['CONTINUOUS_INTEGRATION'];
	}
}
