import {describe, expect, test} from 'vitest';
import {loadTour, tourFile} from '../../source/app/tour-file.js';
import {displayWidth} from '../../source/ui/text.js';
import {parseTour} from '../../source/ui/tour/schema.js';

describe('the shipped tour (fixtures/tour.json)', () => {
	const tour = loadTour();

	test('walks through the product in the order of the issue', () => {
		const ids = tour.steps.map((step) => step.id);
		for (const [earlier, later] of [
			['search', 'created-on'],
			['created-on', 'state'],
			['state', 'open'],
			['open', 'duplicate'],
			['duplicate', 'reset'],
			['reset', 'disable'],
			['disable', 'delete'],
			['delete', 'create'],
		] as const) {
			expect(ids.indexOf(earlier)).toBeGreaterThanOrEqual(0);
			expect(ids.indexOf(earlier)).toBeLessThan(ids.indexOf(later));
		}
	});

	test('each caption fits one line of an 80-column box', () => {
		for (const step of tour.steps) expect(displayWidth(step.caption), step.id).toBeLessThanOrEqual(78);
	});

	test('the reset is proved on the server: the revealed auth token is refused', () => {
		const reveal = tour.steps.find((step) => step.check.revealed);
		const reset = tour.steps.find((step) => step.id === 'reset');
		expect(reveal?.check.revealedSecret).toBe('accepted');
		expect(reset?.check.revealedSecret).toBe('rejected');
	});

	test('lives where the app reads it', () => {
		expect(tourFile()).toMatch(/fixtures[/\\]tour\.json$/u);
	});
});

describe('a trainer’s mistakes are named, not silently ignored', () => {
	const step = (check: object, id = 'one') => ({id, caption: 'Do it', keys: ['x'], check});

	test.each<[string, unknown, RegExp]>([
		['a typo in a check key', {steps: [step({filtername: 'billing'})]}, /filtername/u],
		['a value the app does not have', {steps: [step({stateFilter: 'On'})]}, /stateFilter/u],
		['an empty check', {steps: [step({})]}, /at least one condition/u],
		[
			'no keys to press',
			{steps: [{id: 'one', caption: 'Do it', keys: [], check: {overlay: 'details'}}]},
			/keys/u,
		],
		['two steps with one id', {steps: [step({overlay: 'details'}), step({overlay: 'none'})]}, /same id/u],
		['the tour token before a step finds one', {steps: [step({tourTokenGone: true})]}, /tokenAdded/u],
		['the secret before anything is revealed', {steps: [step({revealedSecret: 'rejected'})]}, /revealed/u],
		['no steps', {steps: []}, /steps/u],
	])('%s', (_name, data, message) => {
		const parsed = parseTour(data);
		expect('error' in parsed && parsed.error).toMatch(message);
	});

	test('a well-formed tour parses', () => {
		const parsed = parseTour({
			steps: [
				step({tokenAdded: ''}, 'make'),
				step({onTourToken: true, revealed: true, revealedSecret: 'accepted'}, 'reveal'),
				step({tourTokenChanged: 'AuthTokenHint', revealedSecret: 'rejected'}, 'reset'),
			],
		});
		expect(parsed).not.toHaveProperty('error');
	});
});
