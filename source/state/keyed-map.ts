/**
 * A persistent (immutable, structurally shared) map of values by a key derived
 * from each value: a hash array mapped trie. Copying a Map of 100,000 tokens
 * costs ~80 ms on a 2-core machine; here a change copies only the few nodes on
 * one path, and a batch (`withChanges`) edits its own fresh nodes in place.
 * Nodes hold only their occupied slots (a bitmap says which), so the trie costs
 * about as much memory as a Map.
 */

const bits = 5;
const mask = 31;

/** 32-bit FNV-1a: cheap, and well spread for Ids that differ only at the end. */
function hashKey(key: string): number {
	let hash = 0x81_1c_9d_c5;
	for (let index = 0; index < key.length; index++) {
		hash ^= key.charCodeAt(index);
		hash = Math.imul(hash, 0x01_00_01_93);
	}

	return hash >>> 0;
}

/** A batch's identity: nodes it created carry it and may be edited in place by that batch only. */
type Owner = Record<string, never>;

class Branch<V> {
	constructor(
		public owner: Owner | null,
		/** Bit i set: slot i of the 32 is occupied, at `slots[popcount(bits below i)]`. */
		public bitmap: number,
		public slots: Array<TrieNode<V>>,
	) {}
}

function popcount(bits: number): number {
	let count = bits - ((bits >>> 1) & 0x55_55_55_55);
	count = (count & 0x33_33_33_33) + ((count >>> 2) & 0x33_33_33_33);
	return (Math.imul((count + (count >>> 4)) & 0x0f_0f_0f_0f, 0x01_01_01_01) >>> 24) & 0xff;
}

/** The slot bit for `hash` at `shift`, and where that slot sits in the branch's compact array. */
function locate<V>(branch: Branch<V>, hash: number, shift: number): {bit: number; index: number} {
	const bit = 1 << ((hash >>> shift) & mask);
	return {bit, index: popcount(branch.bitmap & (bit - 1))};
}

function editable<V>(branch: Branch<V>, owner: Owner): Branch<V> {
	return branch.owner === owner ? branch : new Branch(owner, branch.bitmap, branch.slots.slice());
}

/** Values whose 32-bit hashes collide entirely; only found below the last level. */
class Bucket<V> {
	constructor(
		public owner: Owner | null,
		public values: V[],
	) {}
}

type TrieNode<V> = Branch<V> | Bucket<V> | V;

/** A batch in progress: nodes carrying its owner are its own to edit; size is counted as it goes. */
type Batch<V> = {owner: Owner; root: TrieNode<V> | undefined; size: number};

/** The edits a batch may make; see `KeyedMap.withChanges`. */
export type KeyedMapEditor<V> = {
	/** Puts `value` under its key; true when the key was not there before. */
	set(value: V): boolean;
	delete(key: string): void;
	get(key: string): V | undefined;
};

export class KeyedMap<V extends object> implements ReadonlyMap<string, V> {
	/** An empty map whose keys are `keyOf(value)`. */
	static empty<V extends object>(keyOf: (value: V) => string): KeyedMap<V> {
		return new KeyedMap(keyOf, undefined, 0);
	}

	private constructor(
		private readonly keyOf: (value: V) => string,
		private readonly root: TrieNode<V> | undefined,
		readonly size: number,
	) {}

	get(key: string): V | undefined {
		return this.lookup(this.root, key);
	}

	has(key: string): boolean {
		return this.get(key) !== undefined;
	}

	/** A map with `value` under its key (replacing any there). */
	set(value: V): KeyedMap<V> {
		return this.withChanges((editor) => {
			editor.set(value);
		});
	}

	delete(key: string): KeyedMap<V> {
		return this.withChanges((editor) => editor.delete(key));
	}

	/**
	 * Applies a batch of edits and returns the new map, or this same map when
	 * nothing changed. Nodes made during the batch are edited in place, so a
	 * page of 1,000 inserts costs about what 1,000 lookups do.
	 */
	withChanges(edit: (editor: KeyedMapEditor<V>) => void): KeyedMap<V> {
		const batch: Batch<V> = {owner: {}, root: this.root, size: this.size};
		edit({
			set: (value) => {
				const key = this.keyOf(value);
				const size = batch.size;
				batch.root = this.insert(batch.root, value, key, hashKey(key), 0, batch);
				return batch.size > size;
			},
			delete: (key) => {
				batch.root = this.remove(batch.root, key, hashKey(key), 0, batch);
			},
			get: (key) => this.lookup(batch.root, key),
		});
		return batch.root === this.root ? this : new KeyedMap(this.keyOf, batch.root, batch.size);
	}

	forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
		for (const value of this.values()) callback(value, this.keyOf(value), this);
	}

	*values(): MapIterator<V> {
		const stack: Array<TrieNode<V> | undefined> = [this.root];
		while (stack.length > 0) {
			const node = stack.pop();
			if (node === undefined) continue;
			if (node instanceof Branch) {
				for (let index = node.slots.length - 1; index >= 0; index--) stack.push(node.slots[index]);
			} else if (node instanceof Bucket) {
				yield* node.values;
			} else {
				yield node;
			}
		}
	}

	*keys(): MapIterator<string> {
		for (const value of this.values()) yield this.keyOf(value);
	}

	*entries(): MapIterator<[string, V]> {
		for (const value of this.values()) yield [this.keyOf(value), value];
	}

	[Symbol.iterator](): MapIterator<[string, V]> {
		return this.entries();
	}

	private lookup(root: TrieNode<V> | undefined, key: string): V | undefined {
		const hash = hashKey(key);
		let node = root;
		let shift = 0;
		while (node !== undefined) {
			if (node instanceof Branch) {
				const bit = 1 << ((hash >>> shift) & mask);
				if ((node.bitmap & bit) === 0) return undefined;
				node = node.slots[popcount(node.bitmap & (bit - 1))];
				shift += bits;
			} else if (node instanceof Bucket) {
				return node.values.find((value) => this.keyOf(value) === key);
			} else {
				return this.keyOf(node) === key ? node : undefined;
			}
		}

		return undefined;
	}

	private insert(
		node: TrieNode<V> | undefined,
		value: V,
		key: string,
		hash: number,
		shift: number,
		batch: Batch<V>,
	): TrieNode<V> {
		const {owner} = batch;
		if (node === undefined) {
			batch.size++;
			return value;
		}

		if (node instanceof Branch) {
			const {bit, index} = locate(node, hash, shift);
			if ((node.bitmap & bit) === 0) {
				// A new exact-size array: splice in place would leave V8's growth slack in every node.
				const branch = new Branch(owner, node.bitmap | bit, node.slots.toSpliced(index, 0, value));
				batch.size++;
				return branch;
			}

			const child = node.slots[index];
			const next = this.insert(child, value, key, hash, shift + bits, batch);
			if (next === child) return node;
			const branch = editable(node, owner);
			branch.slots[index] = next;
			return branch;
		}

		if (node instanceof Bucket) {
			const at = node.values.findIndex((existing) => this.keyOf(existing) === key);
			if (at !== -1 && node.values[at] === value) return node;
			const bucket = node.owner === owner ? node : new Bucket(owner, node.values.slice());
			if (at === -1) {
				bucket.values.push(value);
				batch.size++;
			} else {
				bucket.values[at] = value;
			}

			return bucket;
		}

		const existingKey = this.keyOf(node);
		if (existingKey === key) return value;
		// Past the last level the hashes are equal in full: keep both side by side.
		if (shift >= 32) {
			batch.size++;
			return new Bucket(owner, [node, value]);
		}

		const branch = new Branch<V>(owner, 1 << ((hashKey(existingKey) >>> shift) & mask), [node]);
		return this.insert(branch, value, key, hash, shift, batch);
	}

	private remove(
		node: TrieNode<V> | undefined,
		key: string,
		hash: number,
		shift: number,
		batch: Batch<V>,
	): TrieNode<V> | undefined {
		const {owner} = batch;
		if (node === undefined) return undefined;
		if (node instanceof Branch) {
			const {bit, index} = locate(node, hash, shift);
			if ((node.bitmap & bit) === 0) return node;
			const child = node.slots[index];
			const next = this.remove(child, key, hash, shift + bits, batch);
			if (next === child) return node;
			if (next === undefined)
				return collapse(new Branch(owner, node.bitmap & ~bit, node.slots.toSpliced(index, 1)));
			const branch = editable(node, owner);
			branch.slots[index] = next;
			return collapse(branch);
		}

		if (node instanceof Bucket) {
			const values = node.values.filter((existing) => this.keyOf(existing) !== key);
			if (values.length === node.values.length) return node;
			batch.size--;
			return values.length === 1 ? values[0] : new Bucket(owner, values);
		}

		if (this.keyOf(node) !== key) return node;
		batch.size--;
		return undefined;
	}
}

/**
 * An emptied branch disappears and a branch left with a single value gives it
 * to its parent, so lookups stay short after deletions. A lone sub-branch or
 * bucket stays: its position encodes hash bits.
 */
function collapse<V>(branch: Branch<V>): TrieNode<V> | undefined {
	if (branch.slots.length === 0) return undefined;
	if (branch.slots.length > 1) return branch;
	const only = branch.slots[0];
	return only instanceof Branch || only instanceof Bucket ? branch : only;
}
