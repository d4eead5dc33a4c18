/** The keymap's words in each language: what each action does, and its footer hint. */
import {keymap, type ActionId, type KeyBinding} from '../ui/keymap.js';
import {language} from './index.js';

/** Every action of the keymap table, in Simplified Chinese; English is the table itself. */
const zhActions: Record<ActionId, {description: string; footer?: string}> = {
	search: {description: '按名称搜索', footer: '搜索'},
	cycleCreatedOn: {description: '切换创建时间', footer: '创建'},
	cycleState: {description: '切换状态', footer: '状态'},
	clearFilters: {description: '清除全部筛选', footer: '清除'},
	cycleSort: {description: '切换排序'},
	up: {description: '上移'},
	down: {description: '下移'},
	pageUp: {description: '上一页'},
	pageDown: {description: '下一页'},
	first: {description: '第一个令牌'},
	last: {description: '最后一个令牌'},
	open: {description: '打开令牌详情', footer: '打开'},
	edit: {description: '编辑令牌', footer: '编辑'},
	create: {description: '创建令牌', footer: '新建'},
	duplicate: {description: '复制令牌'},
	reset: {description: '重置身份验证令牌'},
	upgrade: {description: '升级 API 版本'},
	toggleState: {description: '启用 / 停用'},
	delete: {description: '删除'},
	mark: {description: '标记以批量操作'},
	legacy: {description: '旧版令牌'},
	reveal: {description: '显示凭据', footer: '显示'},
	copy: {description: '复制身份验证令牌', footer: '复制'},
	audit: {description: '审计日志'},
	tour: {description: '引导教程'},
	refresh: {description: '从服务器刷新'},
	help: {description: '帮助', footer: '帮助'},
	quit: {description: '退出', footer: '退出'},
};

export function describeAction(binding: KeyBinding): string {
	return language() === 'zh-CN' ? zhActions[binding.action].description : binding.description;
}

export function footerHint(binding: KeyBinding): string | undefined {
	if (binding.footer === undefined) return undefined;
	return language() === 'zh-CN' ? (zhActions[binding.action].footer ?? binding.footer) : binding.footer;
}

/** Actions whose Chinese footer hint is missing while the English one exists: a test keeps this empty. */
export function missingFooterHints(): ActionId[] {
	return keymap
		.filter((binding) => binding.footer !== undefined && zhActions[binding.action].footer === undefined)
		.map((binding) => binding.action);
}
