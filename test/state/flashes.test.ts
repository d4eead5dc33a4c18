import {describe, expect, test} from 'vitest';
import {flashDurations, selectFlash, type Action} from '../../source/state/index.js';
import {now, run, stateWith} from './fixtures.js';

const base = stateWith([]);
const show = (message: string, at = now, level: 'info' | 'success' | 'error' = 'info'): Action => ({
	type: 'flash/show',
	message,
	level,
	at,
});

describe('flash messages', () => {
	test('ids increase, even after flashes are dismissed', () => {
		const state = run(base, show('one'), show('two'), {type: 'flash/dismiss', id: 2}, show('three'));
		expect(state.flashes.map((flash) => [flash.id, flash.message])).toEqual([
			[1, 'one'],
			[3, 'three'],
		]);
	});

	test('the newest one shows', () => {
		const state = run(base, show('older'), show('newer', now, 'success'));
		expect(selectFlash(state)).toMatchObject({message: 'newer', level: 'success'});
	});

	test.each([
		['info', 0, true],
		['info', flashDurations.info - 1, true],
		['info', flashDurations.info, false],
		['error', flashDurations.info, true],
		['error', flashDurations.error, false],
	] as const)('a %s flash %d ms old shows: %s', (level, age, shown) => {
		const state = run(base, show('message', now, level), {type: 'clock/tick', now: now + age});
		expect(selectFlash(state)?.message).toBe(shown ? 'message' : undefined);
	});

	test('when the newest has run out, an older one still in time shows', () => {
		const state = run(base, show('long', now, 'error'), show('short', now, 'info'), {
			type: 'clock/tick',
			now: now + flashDurations.info,
		});
		expect(selectFlash(state)?.message).toBe('long');
	});

	test('expire drops every flash shown before the given time', () => {
		const state = run(base, show('a', now), show('b', now + 10), show('c', now + 20), {
			type: 'flash/expire',
			before: now + 10,
		});
		expect(state.flashes.map((flash) => flash.message)).toEqual(['b', 'c']);
	});

	test('only the last 20 are kept', () => {
		const state = run(base, ...Array.from({length: 25}, (_, index) => show(`m${index}`)));
		expect(state.flashes).toHaveLength(20);
		expect(state.flashes[0]?.message).toBe('m5');
		expect(state.nextFlashId).toBe(26);
	});

	test('a revert flashes the reason as an error, at the action time or the clock', () => {
		const state = run(base, {type: 'op/reverted', opId: 'x', message: 'rate limited, retrying in 12 s'});
		expect(selectFlash(state)).toEqual({
			id: 1,
			message: 'rate limited, retrying in 12 s',
			level: 'error',
			at: now,
		});
	});
});
