/**
 * `import.meta.url` in the app's CommonJS bundle, which has no `import.meta`:
 * esbuild.config.js injects this and puts it in place of each use.
 */
import {pathToFileURL} from 'node:url';

export const bundleUrl = pathToFileURL(__filename).href;
