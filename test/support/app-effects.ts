/**
 * What the screen tests of the whole App need besides the store: key effects
 * that do nothing unless a test watches one, and a test stdout of a given size.
 */
import type {EventEmitter} from 'node:events';
import type {KeyEffects} from '../../source/ui/key-router.js';

/** Every effect a no-op (a copy "succeeds" by OSC 52); pass the ones the test records. */
export function quietEffects(overrides: Partial<KeyEffects> = {}): KeyEffects {
	return {
		perform: () => undefined,
		copy: async () => ({ok: true, detail: 'OSC 52'}) as never,
		quit: () => undefined,
		refresh: () => undefined,
		reveal: () => undefined,
		copyAuthToken: () => undefined,
		loadAudit: () => undefined,
		refuse: () => undefined,
		submitForm: () => undefined,
		...overrides,
	};
}

/** Gives ink-testing-library's stdout a terminal's size and tells Ink, as a real resize would. */
export function sizeTerminal(stdout: EventEmitter, columns = 80, rows = 24): void {
	Object.defineProperty(stdout, 'columns', {value: columns, configurable: true});
	Object.defineProperty(stdout, 'rows', {value: rows, configurable: true});
	stdout.emit('resize');
}
