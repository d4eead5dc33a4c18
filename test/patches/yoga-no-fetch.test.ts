// patches/yoga-layout+3.2.1.patch: yoga's emscripten loader fetched its own inline data: URL
// through fetch(), which loads Node's undici (about 110 ms of start-up before the first frame).
// Patched, it decodes the inline wasm directly, with Buffer rather than atob and a loop over its
// 70 KB (~4 ms of the first frame); layout still works.
import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';

const probe = `
let atobCalls = 0;
const atob = globalThis.atob;
globalThis.atob = (text) => {
	atobCalls++;
	return atob(text);
};
const {default: Yoga} = await import('yoga-layout');
const root = Yoga.Node.create();
root.setWidth(80);
const child = Yoga.Node.create();
child.setFlexGrow(1);
root.insertChild(child, 0);
root.calculateLayout();
console.log(JSON.stringify({
	width: child.getComputedWidth(),
	undici: process.moduleLoadList.filter((name) => name.includes('undici')),
	atobCalls,
}));
`;

describe('yoga-layout patch', () => {
	it('loads its wasm without fetch (so undici is never loaded) or atob, and still lays out', () => {
		const output = execFileSync(process.execPath, ['--input-type=module', '-e', probe], {encoding: 'utf8'});
		const result = JSON.parse(output) as {width: number; undici: string[]; atobCalls: number};
		expect(result.undici).toEqual([]);
		expect(result.atobCalls).toBe(0);
		expect(result.width).toBe(80);
	});
});
