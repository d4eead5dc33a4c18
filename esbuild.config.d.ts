// Types for esbuild.config.js, which tests and the bench import.
import type {BuildOptions} from 'esbuild';

export const appBuildOptions: BuildOptions & {entryPoints: Record<string, string>; outdir: string};
export function appScriptOptions(
	outdir: string,
): BuildOptions & {entryPoints: Record<string, string>; outdir: string};
export function buildApp(outdir?: string): Promise<void>;
