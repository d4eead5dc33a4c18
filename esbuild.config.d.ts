// Types for esbuild.config.js, which tests and the bench import.
import type {BuildOptions} from 'esbuild';

type Options = BuildOptions & {entryPoints: Record<string, string>; outdir: string};

export const appBuildOptions: Options;
export const scriptEntries: Record<'app' | 'server', string>;
export function scriptOptions(outdir: string): Options;
export function buildApp(outdir?: string): Promise<void>;
