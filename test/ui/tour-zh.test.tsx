/**
 * The guided tour in Simplified Chinese: every shipped step has its Chinese
 * caption in the one data file, the schema keeps a translation whole, and the
 * box draws the Chinese at 80 columns with its rule as wide as the English one.
 */
import {afterEach, describe, expect, test} from 'vitest';
import {loadTour} from '../../source/app/tour-file.js';
import {setLanguage} from '../../source/i18n/index.js';
import {displayWidth} from '../../source/ui/text.js';
import type {TourController, TourView} from '../../source/ui/tour/controller.js';
import {parseTour, type TourStep} from '../../source/ui/tour/schema.js';
import {stepWords} from '../../source/ui/tour/step-words.js';
import {importInkOutsideCi} from '../support/ink.js';

await importInkOutsideCi();
const {render, cleanup} = await import('ink-testing-library');
const {TourBox} = await import('../../source/ui/tour/TourBox.js');

afterEach(() => {
	cleanup();
	setLanguage('en');
});

const cjk = /[\u4E00-\u9FFF]/u;
const tour = loadTour();

describe('the shipped tour in zh-CN', () => {
	test.each(tour.steps.map((step) => [step.id, step] as const))(
		'%s has a Chinese caption and done that fit one line of the box',
		(_, step) => {
			setLanguage('zh-CN');
			const {caption, done} = stepWords(step);
			expect(caption).toMatch(cjk);
			expect(displayWidth(caption)).toBeLessThanOrEqual(78);
			expect(done).toMatch(cjk);
		},
	);

	test('English captions show with --lang en', () => {
		expect(stepWords(tour.steps[0]!).caption).toBe(tour.steps[0]!.caption);
	});
});

describe('a translated step in the data file', () => {
	const step = {id: 'x', caption: 'Press x', keys: ['x'], check: {noFilters: true}, done: 'Cleared'};

	test('is refused when it translates the caption but not the done', () => {
		const parsed = parseTour({steps: [{...step, 'zh-CN': {caption: '按 x'}}]});
		expect(parsed).toEqual({error: expect.stringContaining('"zh-CN" needs a "done" too')});
	});

	test('is refused with a key the schema does not know', () => {
		expect(
			'error' in parseTour({steps: [{...step, 'zh-CN': {caption: '按 x', done: '好', title: '?'}}]}),
		).toBe(true);
	});

	test('may go without a translation: the English shows', () => {
		const parsed = parseTour({steps: [step]});
		expect('tour' in parsed).toBe(true);
		setLanguage('zh-CN');
		expect(stepWords((parsed as {tour: {steps: TourStep[]}}).tour.steps[0]!).caption).toBe('Press x');
	});
});

/** A controller that only shows `view`. */
function showing(view: TourView): TourController {
	return {start() {}, leave: () => false, getView: () => view, subscribe: () => () => undefined};
}

describe('the tour box in zh-CN at 80 columns', () => {
	const step = tour.steps.find((candidate) => candidate.id === 'duplicate')!;

	test('a step: title, caption, next keys and the last note in Chinese, each line 80 columns at most', () => {
		setLanguage('zh-CN');
		const view: TourView = {
			finished: false,
			index: tour.steps.indexOf(step),
			total: tour.steps.length,
			step,
			checking: false,
			note: '已打开令牌',
			problem: null,
		};
		const {lastFrame} = render(<TourBox tour={showing(view)} width={80} />);
		const lines = (lastFrame() ?? '').split('\n');
		expect(lines).toHaveLength(3);
		expect(lines[0]).toContain(`引导教程 · 第 6 / ${tour.steps.length} 步`);
		expect(lines[0]).toContain('在列表中按 Esc 退出教程');
		// The rule fills the width exactly, double-width title or not.
		expect(displayWidth(lines[0]!)).toBe(80);
		expect(lines[1]).toBe(` ${step['zh-CN']!.caption}`);
		expect(lines[2]).toMatch(/^ 下一步：\[c\]\s+✓ 已打开令牌$/u);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
		expect(lastFrame()).toMatchSnapshot();
	});

	test('finished: says so in Chinese, and how to close it', () => {
		setLanguage('zh-CN');
		const view: TourView = {
			finished: true,
			index: tour.steps.length - 1,
			total: tour.steps.length,
			step: tour.steps.at(-1)!,
			checking: false,
			note: null,
			problem: null,
		};
		const {lastFrame} = render(<TourBox tour={showing(view)} width={80} />);
		const lines = (lastFrame() ?? '').split('\n');
		expect(lines[0]).toContain('引导教程 · 已完成');
		expect(lines[0]).toContain('在列表中按 Esc 关闭');
		expect(displayWidth(lines[0]!)).toBe(80);
		expect(lines[1]).toBe(` 您已完成全部 ${tour.steps.length} 步。按 T 可重新开始教程。`);
	});
});
