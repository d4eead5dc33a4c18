// What the first frame waits for is what the app's run module imports statically: that must stay
// the terminal UI alone. zod (the tour's schema), got (the API client), meow and the server
// (fastify, SQLite) are each hundreds of kilobytes evaluated before the filter bar when one
// static import pulls them in (it happened: a tour helper imported from the schema's module).
// The app is one CommonJS file (app.cjs); what it imports dynamically is evaluated only when asked.
import {build, type Metafile} from 'esbuild';
import {describe, expect, it} from 'vitest';
import {scriptOptions} from '../../esbuild.config.js';

const packageOf = (input: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/u.exec(input)?.[1] ?? input;

/** Every input `from` reaches by static imports and requires. */
function staticallyReached(metafile: Metafile, from: string): Set<string> {
	const seen = new Set<string>();
	const visit = (input: string) => {
		if (seen.has(input)) return;
		seen.add(input);
		for (const imported of metafile.inputs[input]?.imports ?? [])
			if (imported.kind !== 'dynamic-import' && !imported.external) visit(imported.path);
	};

	visit(from);
	return seen;
}

/** Bytes in the output built from `entry`, by package (or source file), of what `entry` reaches statically. */
function staticBytes(metafile: Metafile, entry: string): Map<string, number> {
	const output = Object.values(metafile.outputs).find((built) => built.entryPoint === entry)!;
	const bytes = new Map<string, number>();
	for (const input of staticallyReached(metafile, entry))
		bytes.set(
			packageOf(input),
			(bytes.get(packageOf(input)) ?? 0) + (output.inputs[input]?.bytesInOutput ?? 0),
		);
	return bytes;
}

async function bundle(): Promise<Metafile> {
	const result = await build({
		...scriptOptions('dist-first-frame-test'),
		write: false,
		metafile: true,
		logLevel: 'silent',
	});
	return result.metafile!;
}

describe('the first frame', () => {
	it("runs nothing of the app when its bundle loads, only the sandbox's early start", async () => {
		// The sandbox's thread starts then; Ink, React and the state run after, while it loads.
		const inputs = new Set([...staticallyReached(await bundle(), 'source/app/bundle.ts')].map(packageOf));
		expect(inputs).toContain('source/app/early-sandbox.ts');
		for (const later of ['ink', 'react', 'got', 'zod', 'source/app/run.tsx', 'source/state/index.ts'])
			expect(inputs, `${later} runs as the bundle loads`).not.toContain(later);
	});

	it('loads the terminal UI without zod, got, meow or the server', async () => {
		const inputs = new Set([...staticallyReached(await bundle(), 'source/app/run.tsx')].map(packageOf));
		expect(inputs).toContain('ink');
		expect(inputs).toContain('source/ui/App.tsx');
		for (const heavy of ['zod', 'got', 'meow', 'fastify', 'source/server/app.ts', 'source/ui/tour/schema.ts'])
			expect(inputs, `${heavy} is imported before the first frame`).not.toContain(heavy);
	});
});

// The sandbox's server thread loads all the server imports before it can answer, and the first rows
// wait for that: fastify's schema compilers (ajv, fast-json-stringify) are not needed (the server
// gives its own), and the checks use zod/mini (~27 KB bundled), not zod (~440 KB).
describe('the sandbox server thread', () => {
	it('loads no schema compiler and only the small zod', async () => {
		const inputs = staticBytes(await bundle(), 'source/server/app.ts');
		expect(inputs.has('fastify')).toBe(true);
		for (const unneeded of [
			'ajv',
			'@fastify/ajv-compiler',
			'@fastify/fast-json-stringify-compiler',
			'light-my-request',
		])
			expect(inputs.has(unneeded), `${unneeded} is bundled into the server thread`).toBe(false);
		expect(inputs.get('zod') ?? 0).toBeLessThan(64 * 1024);
		expect(inputs.get('zod') ?? 0).toBeGreaterThan(0);
	});
});
