import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {KeyedMap} from '../../source/state/keyed-map.js';

type Item = {id: string; value: number};
const empty = () => KeyedMap.empty<Item>((item) => item.id);

type Edit = {kind: 'set'; id: string; value: number} | {kind: 'delete'; id: string};

// Few distinct ids, so sets, replacements and deletions of present keys all happen often.
const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
	fc.record({kind: fc.constant('set' as const), id: fc.string({maxLength: 3}), value: fc.integer()}),
	fc.record({kind: fc.constant('delete' as const), id: fc.string({maxLength: 3})}),
);

function applyToModel(model: Map<string, Item>, edit: Edit): void {
	if (edit.kind === 'set') model.set(edit.id, {id: edit.id, value: edit.value});
	else model.delete(edit.id);
}

function expectSameContent(map: KeyedMap<Item>, model: Map<string, Item>): void {
	expect(map.size).toBe(model.size);
	expect(new Map(map.entries())).toEqual(model);
	for (const [id, item] of model) expect(map.get(id)).toEqual(item);
}

describe('KeyedMap', () => {
	test('behaves like a Map under any sequence of single edits, and never changes an older version', () => {
		fc.assert(
			fc.property(fc.array(editArbitrary, {maxLength: 60}), (edits) => {
				const model = new Map<string, Item>();
				let map = empty();
				const history: Array<[KeyedMap<Item>, Map<string, Item>]> = [];
				for (const edit of edits) {
					applyToModel(model, edit);
					map = edit.kind === 'set' ? map.set({id: edit.id, value: edit.value}) : map.delete(edit.id);
					history.push([map, new Map(model)]);
				}

				for (const [version, snapshot] of history) expectSameContent(version, snapshot);
			}),
		);
	});

	test('a batch of edits equals the same edits one by one', () => {
		fc.assert(
			fc.property(
				fc.array(editArbitrary, {maxLength: 60}),
				fc.array(editArbitrary, {maxLength: 60}),
				(first, batch) => {
					const model = new Map<string, Item>();
					let map = empty();
					for (const edit of first) {
						applyToModel(model, edit);
						map = edit.kind === 'set' ? map.set({id: edit.id, value: edit.value}) : map.delete(edit.id);
					}

					const before = new Map(model);
					const batched = map.withChanges((editor) => {
						for (const edit of batch) {
							// A set says whether its key is new.
							if (edit.kind === 'set')
								expect(editor.set({id: edit.id, value: edit.value})).toBe(!model.has(edit.id));
							else editor.delete(edit.id);
							applyToModel(model, edit);
						}
					});
					expectSameContent(batched, model);
					expectSameContent(map, before);
				},
			),
		);
	});

	test('holds many keys, including keys whose hashes share their low bits', () => {
		let map = empty();
		const count = 20_000;
		map = map.withChanges((editor) => {
			for (let index = 0; index < count; index++) editor.set({id: `tok-${index}`, value: index});
		});
		expect(map.size).toBe(count);
		expect(map.get('tok-12345')).toEqual({id: 'tok-12345', value: 12_345});
		const smaller = map.withChanges((editor) => {
			for (let index = 0; index < count; index += 2) editor.delete(`tok-${index}`);
		});
		expect(smaller.size).toBe(count / 2);
		expect(smaller.has('tok-2')).toBe(false);
		expect(smaller.has('tok-3')).toBe(true);
		expect(map.has('tok-2')).toBe(true);
		expect([...smaller.keys()].length).toBe(count / 2);
	});

	test('keeps keys whose 32-bit hashes are equal side by side', () => {
		// 'k32728' and 'k261234' collide under FNV-1a, as do 'k32729' and 'k261235'.
		const colliding = ['k32728', 'k261234', 'k32729', 'k261235'];
		let map = empty();
		for (const [value, id] of colliding.entries()) map = map.set({id, value});
		expect(colliding.map((id) => map.get(id)?.value)).toEqual([0, 1, 2, 3]);
		map = map.set({id: 'k261234', value: 10});
		expect(map.get('k261234')?.value).toBe(10);
		expect(map.size).toBe(4);
		const fewer = map.delete('k32728').delete('k261235');
		expect(fewer.size).toBe(2);
		expect([...fewer.keys()].sort()).toEqual(['k261234', 'k32729']);
		expect(fewer.get('k32728')).toBeUndefined();
		expect(map.get('k32728')?.value).toBe(0);
	});

	test.each([
		['setting the very same value', (map: KeyedMap<Item>, item: Item) => map.set(item)],
		['deleting an absent key', (map: KeyedMap<Item>) => map.delete('absent')],
		['an empty batch', (map: KeyedMap<Item>) => map.withChanges(() => undefined)],
	])('%s returns the same map', (_name, edit) => {
		const item = {id: 'a', value: 1};
		const map = empty().set(item);
		expect(edit(map, item)).toBe(map);
	});

	test('iterates as a ReadonlyMap: forEach, keys, values, entries', () => {
		const map = empty().set({id: 'a', value: 1}).set({id: 'b', value: 2});
		const seen: string[] = [];
		map.forEach((item, key) => seen.push(`${key}=${item.value}`));
		expect(seen.sort()).toEqual(['a=1', 'b=2']);
		expect([...map.keys()].sort()).toEqual(['a', 'b']);
		expect([...map.values()].map((item) => item.value).sort()).toEqual([1, 2]);
		expect(new Map(map)).toEqual(
			new Map([
				['a', {id: 'a', value: 1}],
				['b', {id: 'b', value: 2}],
			]),
		);
	});
});
