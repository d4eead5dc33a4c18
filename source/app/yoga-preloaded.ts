/**
 * Ink's layout engine as the app's CommonJS bundle sees it (esbuild aliases
 * `yoga-layout` to this file there; see esbuild.config.js). yoga-layout's
 * entry compiles its WebAssembly behind a top-level await, which CommonJS
 * cannot hold, so ./load-app.ts loads it first and leaves it under the key.
 */
import type Yoga from 'yoga-layout';
import {preloadedYogaKey} from './yoga-key.js';

const yoga = (globalThis as {[preloadedYogaKey]?: typeof Yoga})[preloadedYogaKey];
if (!yoga) throw new Error('yoga-layout must be loaded before the app bundle runs');

export default yoga;
