/**
 * `node:process` as the modules of the app's CommonJS bundle import it
 * (esbuild.config.js): the process itself. Through esbuild's CommonJS
 * interop, each importing module got a copy of the process's 79 properties,
 * and 15 of them import it: ~4 ms before the first frame. A module that
 * imports another of its names fails the build, not the app.
 */
export default process;
export const {cwd, env} = process;
