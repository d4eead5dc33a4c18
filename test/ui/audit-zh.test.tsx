/**
 * The audit view in Simplified Chinese at 80 columns: title, headers and
 * actions from the catalogue, and every column starting at the same display
 * column whatever the width of the names in it.
 */
import {afterEach, describe, expect, test} from 'vitest';
import type {AuditEntry} from '../../source/domain/audit.js';
import {setLanguage} from '../../source/i18n/index.js';
import type {AuditView as AuditPage} from '../../source/state/index.js';
import {displayWidth} from '../../source/ui/text.js';
import {importInkOutsideCi} from '../support/ink.js';

await importInkOutsideCi();
const {render, cleanup} = await import('ink-testing-library');
const {AuditView} = await import('../../source/ui/AuditView.js');

afterEach(() => {
	cleanup();
	setLanguage('en');
});

const entry = (
	Id: string,
	Actor: string,
	Action: AuditEntry['Action'],
	TokenName: string,
	Detail = '',
): AuditEntry => ({
	Id,
	At: '2026-11-27T10:00:00Z',
	Actor,
	Action,
	TokenId: TokenName === '' ? '' : `T${Id}`,
	TokenName,
	Detail,
});

const page: AuditPage = {
	entries: [
		entry('1', '王小明', 'Reset', '账单同步 – 生产', 'ReadWrite'),
		entry('2', 'Ada Lindqvist', 'Upgrade', 'Billing sync', '15 → 16'),
		entry('3', '李华', 'EnableLegacy', ''),
		entry('4', 'Ravi Menon', 'Reveal', '报表导出'),
	],
	numPages: 3,
	total: 61,
	loading: false,
	error: null,
};

function frameOf(audit: AuditPage): string[] {
	const {lastFrame} = render(<AuditView audit={audit} page={1} width={80} height={20} />);
	return (lastFrame() ?? '').split('\n');
}

/** The display column where `text` starts on `line`. */
const columnOf = (line: string, text: string) => displayWidth(line.slice(0, line.indexOf(text)));

describe('the audit view in zh-CN at 80 columns', () => {
	test('title, headers, actions and the account in Chinese, columns aligned', () => {
		setLanguage('zh-CN');
		const lines = frameOf(page);
		expect(lines[0]).toBe('审计日志 · 第 1 / 3 页 · 共 61 条');
		for (const header of ['时间', '操作人', '操作', '令牌']) expect(lines[1]).toContain(header);
		const rows = lines.slice(2, 6);
		const actions = ['重置', '升级', '启用旧版', '显示凭据'];
		const tokens = ['账单同步 – 生产 (ReadWrite)', 'Billing sync (15 → 16)', '账户', '报表导出'];
		rows.forEach((row, index) => {
			expect(columnOf(row, actions[index]!), row).toBe(columnOf(lines[1]!, '操作 '));
			expect(columnOf(row, tokens[index]!), row).toBe(columnOf(lines[1]!, '令牌'));
		});
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
		expect(lines.join('\n')).toMatchSnapshot();
	});

	test('a failure and an empty log in Chinese', () => {
		setLanguage('zh-CN');
		expect(frameOf({...page, entries: [], error: 'HTTP 503：服务器出错'}).join('\n')).toContain(
			'无法加载审计日志：HTTP 503：服务器出错',
		);
		cleanup();
		expect(frameOf({...page, entries: [], total: 0, numPages: 1}).join('\n')).toContain('暂无记录。');
	});

	test('in English the API words stay', () => {
		const lines = frameOf(page);
		expect(lines[0]).toBe('Audit log · page 1 of 3 · 61 entries');
		expect(lines.join('\n')).toMatch(/EnableLegacy\s+the account/u);
	});
});
