import {describe, expect, it} from 'vitest';
import {MemoryCache} from '../../source/api/cache.js';

describe('MemoryCache', () => {
	it('forgets the least recently used entries past its budget', () => {
		const cache = new MemoryCache(30);
		cache.set('a', '0123456789');
		cache.set('b', '0123456789');
		expect(cache.get('a')).toBe('0123456789');
		cache.set('c', '0123456789');
		expect([...cache.keys()]).toEqual(['a', 'c']);
		expect(cache.usedBytes).toBe(22);
	});

	it('replacing or deleting an entry gives its room back', () => {
		const cache = new MemoryCache(100);
		cache.set('a', 'x'.repeat(50));
		cache.set('a', 'x'.repeat(10));
		expect(cache.usedBytes).toBe(11);
		cache.delete('a');
		expect(cache.usedBytes).toBe(0);
		cache.set('b', 'y');
		cache.clear();
		expect(cache.usedBytes).toBe(0);
	});

	it('does not store an entry larger than the whole budget', () => {
		const cache = new MemoryCache(10);
		cache.set('small', 'x');
		cache.set('big', 'x'.repeat(20));
		expect(cache.has('big')).toBe(false);
		expect(cache.has('small')).toBe(true);
	});
});
