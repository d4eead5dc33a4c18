import {describe, expect, it} from 'vitest';
import {bindingFor, keymap} from '../../source/ui/keymap.js';

describe('the keymap table', () => {
	// DESIGN.md's default keymap: the contract the tests drive.
	it.each([
		['/', {}, 'search'],
		['t', {}, 'cycleCreatedOn'],
		['s', {}, 'cycleState'],
		['x', {}, 'clearFilters'],
		['', {upArrow: true}, 'up'],
		['k', {}, 'up'],
		['', {downArrow: true}, 'down'],
		['j', {}, 'down'],
		['', {pageUp: true}, 'pageUp'],
		['', {pageDown: true}, 'pageDown'],
		['g', {}, 'first'],
		['G', {}, 'last'],
		['\r', {return: true}, 'open'],
		['n', {}, 'create'],
		['c', {}, 'duplicate'],
		['r', {}, 'reset'],
		['u', {}, 'upgrade'],
		['e', {}, 'toggleState'],
		['d', {}, 'delete'],
		['', {delete: true}, 'delete'],
		[' ', {}, 'mark'],
		['o', {}, 'cycleSort'],
		['l', {}, 'legacy'],
		['A', {}, 'audit'],
		['T', {}, 'tour'],
		['r', {ctrl: true}, 'refresh'],
		['?', {}, 'help'],
		['q', {}, 'quit'],
		['c', {ctrl: true}, 'quit'],
	])('%j %o in the list triggers %s', (input, key, action) => {
		expect(bindingFor(input, key, 'list')?.action).toBe(action);
	});

	it.each([
		['v', 'reveal'],
		['y', 'copy'],
	])("%s in a token's details triggers %s", (input, action) => {
		expect(bindingFor(input, {}, 'details')?.action).toBe(action);
	});

	it('binds no key twice in the same context', () => {
		for (const context of ['list', 'details'] as const) {
			const keys = keymap
				.filter((binding) => binding.contexts.includes(context))
				.flatMap((binding) => binding.keys);
			expect(new Set(keys).size, context).toBe(keys.length);
		}
	});

	it('does not take a letter typed with Ctrl for the plain letter', () => {
		expect(bindingFor('r', {ctrl: true}, 'list')?.action).toBe('refresh');
		expect(bindingFor('s', {ctrl: true}, 'list')).toBeUndefined();
	});
});
