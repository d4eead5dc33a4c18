// What the first frame waits for is what the app's chunk imports statically: that must stay
// the terminal UI alone. zod (the tour's schema), got (the API client), meow and the server
// (fastify, SQLite) are each hundreds of kilobytes evaluated before the filter bar when one
// static import pulls them in (it happened: a tour helper imported from the schema's module).
import {build, type Metafile} from 'esbuild';
import {describe, expect, it} from 'vitest';
import {appBuildOptions} from '../../esbuild.config.js';

const packageOf = (input: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/u.exec(input)?.[1] ?? input;

/** Every input bundled into the chunks the app's run module imports statically, from the bin's entry. */
function firstFrameInputs(metafile: Metafile): Set<string> {
	const outputs = metafile.outputs;
	const cli = Object.keys(outputs).find((name) => outputs[name]!.entryPoint === 'source/cli.tsx')!;
	const run = outputs[cli]!.imports.find(
		(imported) =>
			imported.kind === 'dynamic-import' &&
			Object.keys(outputs[imported.path]!.inputs).includes('source/app/run.tsx'),
	)!.path;
	const seen = new Set<string>();
	const inputs = new Set<string>();
	const visit = (chunk: string) => {
		if (seen.has(chunk)) return;
		seen.add(chunk);
		for (const input of Object.keys(outputs[chunk]!.inputs)) inputs.add(packageOf(input));
		for (const imported of outputs[chunk]!.imports)
			if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
	};

	visit(cli);
	visit(run);
	return inputs;
}

describe('the first frame', () => {
	it('loads the terminal UI without zod, got, meow or the server', async () => {
		const result = await build({
			...appBuildOptions,
			outdir: 'dist-first-frame-test',
			write: false,
			metafile: true,
			logLevel: 'silent',
		});
		const inputs = firstFrameInputs(result.metafile!);
		expect(inputs).toContain('ink');
		expect(inputs).toContain('source/ui/App.tsx');
		for (const heavy of ['zod', 'got', 'meow', 'fastify', 'source/server/app.ts', 'source/ui/tour/schema.ts'])
			expect(inputs, `${heavy} is imported before the first frame`).not.toContain(heavy);
	});
});
