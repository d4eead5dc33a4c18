/**
 * Ink's layout engine in the app's CommonJS bundle (esbuild.config.js gives
 * Ink this module for `yoga-layout`). yoga-layout's own entry awaits its
 * WebAssembly at its top level, which CommonJS cannot hold; here the engine
 * is a binding that stays empty until `loadLayoutEngine` fills it. Ink reads
 * it only when it lays out, and the bin awaits the load before the app runs.
 */
import type Yoga from 'yoga-layout';
import {loadYoga} from 'yoga-layout/load';

let yoga: typeof Yoga | undefined;
export {yoga as default};

/** Loads the engine (its WebAssembly compiles off the main thread meanwhile). */
export async function loadLayoutEngine(): Promise<void> {
	yoga ??= await loadYoga();
}
