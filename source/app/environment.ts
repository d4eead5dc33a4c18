/**
 * Ink decides at import time (through is-in-ci) whether it is in CI, and then
 * writes nothing until the app exits. A person at a terminal whose shell sets
 * CI would see a blank screen, so when both ends are a terminal those
 * variables are dropped before Ink is loaded.
 */
export function prepareEnvironment(): void {
	if (process.stdin.isTTY && process.stdout.isTTY) {
		delete process.env['CI'];
		delete process.env['CONTINUOUS_INTEGRATION'];
	}
}
