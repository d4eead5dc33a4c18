/**
 * The create wizard in Simplified Chinese at 80x24: every label, hint and
 * field error from the catalogue, the value column where the English one is
 * although the labels are double-width, and nothing wider than the terminal.
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Operator} from '../../source/domain/token.js';
import {setLanguage} from '../../source/i18n/index.js';
import {displayWidth} from '../../source/ui/text.js';
import {quietEffects, sizeTerminal} from '../support/app-effects.js';
import {importInkOutsideCi, keys, sendInputAndWaitForChange, waitForFrame} from '../support/ink.js';
import {run} from '../state/fixtures.js';
import type {TokenForm} from '../../source/state/token-form.js';
import {baseState, edited} from '../state/wizard-fixtures.js';

await importInkOutsideCi();
const {render, cleanup} = await import('ink-testing-library');
const {App} = await import('../../source/ui/App.js');
const {createStore} = await import('../../source/ui/store.js');

const operator: Operator = {
	Name: 'Ravi Menon',
	Role: 'Implementation Specialist',
	UserId: 'U2',
	CanWrite: true,
};

beforeEach(() => {
	setLanguage('zh-CN');
});
afterEach(() => {
	cleanup();
	setLanguage('en');
});

async function openApp() {
	const submitted: TokenForm[] = [];
	const store = createStore(run(baseState(), {type: 'connection/operator', operator}));
	const effects = quietEffects({submitForm: (form) => submitted.push(form)});
	const {stdin, stdout, lastFrame} = render(<App store={store} effects={effects} />);
	sizeTerminal(stdout);
	await waitForFrame(
		lastFrame,
		(text) => text.includes('Billing sync') && displayWidth(text.split('\n')[0]!) <= 80,
	);
	return {
		submitted,
		dispatch: store.dispatch,
		write: (data: string) => stdin.write(data),
		press: async (data: string) => sendInputAndWaitForChange(stdin, lastFrame, data),
		waitFor: async (text: string) => waitForFrame(lastFrame, text),
		frame: () => lastFrame() ?? '',
	};
}

async function openWizard() {
	const app = await openApp();
	await app.press('n');
	return app;
}

/** At most 23 rows of at most 80 columns, counted as the terminal counts them. */
function expectFits(frame: string) {
	const lines = frame.split('\n');
	expect(lines.length).toBeLessThanOrEqual(23);
	for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
}

/** The display column where `value` starts on the line that holds `label`. */
function valueColumn(frame: string, label: string, value: string): number {
	const line = frame.split('\n').find((candidate) => candidate.includes(label) && candidate.includes(value));
	if (!line) throw new Error(`no line with ${label} and ${value} in:\n${frame}`);
	return displayWidth(line.slice(0, line.indexOf(value, line.indexOf(label) + label.length)));
}

describe('the create wizard in zh-CN at 80x24', () => {
	it('step 1: Chinese title, steps, labels and keys; values start at the English value column', async () => {
		const app = await openWizard();
		const frame = app.frame();
		expect(frame).toContain('新建访问令牌');
		expect(frame).toContain('[1 基本设置]');
		expect(frame).toContain('› 令牌名称');
		expect(frame).toContain('Enter 下一项 · Tab/Shift+Tab 字段');
		expect(frame).not.toMatch(/Token name|Description|Setup/u);
		// The label column is 2 + 19 columns wide, in any language.
		expect(valueColumn(frame, '描述', '可选')).toBe(21);
		expect(valueColumn(frame, 'API 版本', 'v16')).toBe(21);
		expectFits(frame);
		expect(frame).toMatchSnapshot();
	});

	it('a field error is in Chinese, beside the field', async () => {
		const app = await openWizard();
		const frame = await app.press(keys.enter);
		expect(frame).toContain('✗ 必须填写令牌名称');
		expectFits(frame);
	});

	it('scopes: the empty hint, the refusal and the least-privilege warning in Chinese', async () => {
		const app = await openWizard();
		app.write(`账单同步${keys.enter}${keys.enter}${keys.enter}${keys.enter}${keys.enter}`);
		let frame = await app.waitFor('[3 API 范围]');
		expect(frame).toContain('选择此令牌可以调用的内容');
		expect(frame).toMatch(/Account\s+0\/3\s+（2 个可写）/u);
		expect(frame).toMatch(/Invoices\s+0\/2\s+（只读）/u);
		frame = await app.press(keys.enter);
		expect(frame).toContain('✗ 请至少选择一个 API 范围：在类别上按空格可选中其全部范围');
		frame = await app.press(' ');
		expect(frame).toContain('⚠ 最小权限：2 个写入范围');
		expectFits(frame);
	});

	it('review: every label in Chinese, and the create button', async () => {
		const app = await openWizard();
		app.write(
			`账单同步${keys.enter}${keys.enter}${keys.enter}${keys.enter}${keys.enter}${keys.down} ${keys.enter}`,
		);
		const frame = await app.waitFor('[ 创建令牌 ]');
		for (const text of [
			'令牌名称',
			'主要联系人',
			'Ravi Menon（您）',
			'v16（最新）',
			'2 个范围',
			'Enter 创建令牌',
		]) {
			expect(frame).toContain(text);
		}

		expect(valueColumn(frame, '令牌名称', '账单同步')).toBe(21);
		expectFits(frame);
		expect(frame).toMatchSnapshot();
	});
});

describe('the edit form in zh-CN at 80x24', () => {
	it('opens on the token with the version read-only, and a 412 shows side by side in Chinese', async () => {
		const app = await openApp();
		await app.press(keys.enter);
		let frame = await app.press(keys.enter);
		expect(frame).toContain('编辑 "Billing sync"');
		expect(frame).toContain('v15 · 只能通过升级（在详情中按 u）更改');
		expect(frame).toContain('Ctrl+S 保存');
		expectFits(frame);
		app.write(`${keys.tab}${keys.ctrlU}每小时`);
		await app.waitFor('每小时');
		await app.press('\u0013'); // Ctrl+S
		app.dispatch({
			type: 'form/conflict',
			formId: app.submitted[0]!.id,
			server: {...edited, Description: '每周', Name: 'Billing sync (ops)', Version: 7},
		});
		frame = await app.waitFor('服务器上的当前值');
		expect(frame).toContain('✗ 您打开后服务器上已有更改（现为版本 7）');
		expect(frame).toMatch(/描述\s+每周\s+每小时/u);
		expect(frame).toMatch(/令牌名称\s+Billing sync \(ops\)\s+您未更改/u);
		expect(frame).toContain('r 重新应用您的更改 · d 放弃更改');
		// Both value columns start where their headers do, whatever the width of the label before them.
		expect(valueColumn(frame, '描述', '每周')).toBe(valueColumn(frame, '字段', '服务器上的当前值'));
		expect(valueColumn(frame, '令牌名称', 'Billing sync (ops)')).toBe(
			valueColumn(frame, '字段', '服务器上的当前值'),
		);
		expectFits(frame);
	});
});
