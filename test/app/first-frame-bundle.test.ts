// What the first frame waits for is what the app's run module imports statically: that must stay
// the terminal UI alone. zod (the tour's schema), got (the API client), meow and the server
// (fastify, SQLite) are each hundreds of kilobytes evaluated before the filter bar when one
// static import pulls them in (it happened: a tour helper imported from the schema's module).
// The app is one CommonJS file (app.cjs); what it imports dynamically is evaluated only when asked.
import {build, type Metafile} from 'esbuild';
import {describe, expect, it} from 'vitest';
import {appBuildOptions, appScriptOptions} from '../../esbuild.config.js';

const packageOf = (input: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/u.exec(input)?.[1] ?? input;

/** Bytes in the bundle by package (or source file), over `chunks` and what they import statically. */
function staticInputs(metafile: Metafile, chunks: string[]): Map<string, number> {
	const outputs = metafile.outputs;
	const seen = new Set<string>();
	const inputs = new Map<string, number>();
	const visit = (chunk: string) => {
		if (seen.has(chunk)) return;
		seen.add(chunk);
		for (const [input, {bytesInOutput}] of Object.entries(outputs[chunk]!.inputs))
			inputs.set(packageOf(input), (inputs.get(packageOf(input)) ?? 0) + bytesInOutput);
		for (const imported of outputs[chunk]!.imports)
			if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
	};

	for (const chunk of chunks) visit(chunk);
	return inputs;
}

const entry = (metafile: Metafile, source: string) =>
	Object.keys(metafile.outputs).find((name) => metafile.outputs[name]!.entryPoint === source)!;

/** Every package (or source file) the app's run module reaches by static imports and requires. */
function firstFrameInputs(metafile: Metafile): Set<string> {
	const seen = new Set<string>();
	const visit = (input: string) => {
		if (seen.has(input)) return;
		seen.add(input);
		for (const imported of metafile.inputs[input]?.imports ?? [])
			if (imported.kind !== 'dynamic-import' && !imported.external) visit(imported.path);
	};

	visit('source/app/run.tsx');
	return new Set([...seen].map(packageOf));
}

async function bundle(options = appBuildOptions): Promise<Metafile> {
	const result = await build({
		...options,
		outdir: 'dist-first-frame-test',
		write: false,
		metafile: true,
		logLevel: 'silent',
	});
	return result.metafile!;
}

describe('the first frame', () => {
	it('loads the terminal UI without zod, got, meow or the server', async () => {
		const inputs = firstFrameInputs(await bundle(appScriptOptions('dist-first-frame-test')));
		expect(inputs).toContain('ink');
		expect(inputs).toContain('source/ui/App.tsx');
		for (const heavy of ['zod', 'got', 'meow', 'fastify', 'source/server/app.ts', 'source/ui/tour/schema.ts'])
			expect(inputs, `${heavy} is imported before the first frame`).not.toContain(heavy);
	});
});

// The sandbox's server thread parses all it imports before it can answer, and the first rows wait
// for that: fastify's schema compilers (ajv, fast-json-stringify) are not needed (the server gives
// its own), and the checks use zod/mini (~27 KB bundled), not zod (~440 KB).
describe('the sandbox server thread', () => {
	it('loads no schema compiler and only the small zod', async () => {
		const metafile = await bundle();
		const worker = entry(metafile, 'source/app/sandbox-worker.ts');
		// The thread imports the server once it has lowered its priority: that import is its start too.
		const server = metafile.outputs[worker]!.imports.filter((imported) => imported.kind === 'dynamic-import');
		const inputs = staticInputs(metafile, [worker, ...server.map((imported) => imported.path)]);
		expect(inputs.has('fastify')).toBe(true);
		for (const unneeded of [
			'ajv',
			'@fastify/ajv-compiler',
			'@fastify/fast-json-stringify-compiler',
			'light-my-request',
		])
			expect(inputs.has(unneeded), `${unneeded} is bundled into the server thread`).toBe(false);
		expect(inputs.get('zod') ?? 0).toBeLessThan(64 * 1024);
	});
});
