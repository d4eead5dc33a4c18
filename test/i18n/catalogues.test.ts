import {describe, expect, it} from 'vitest';
import {missingFooterHints} from '../../source/i18n/actions.js';
import {detectLanguage, languages, setLanguage, t} from '../../source/i18n/index.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/gu)].map((match) => match[1]).sort();

describe('the message catalogues', () => {
	const [english, ...others] = Object.entries(languages);

	it.each(others)('%s has exactly the keys English has', (_, catalogue) => {
		expect(Object.keys(catalogue).sort()).toEqual(Object.keys(english![1]).sort());
	});

	it.each(others)('%s fills in the same placeholders as English, key by key', (_, catalogue) => {
		for (const [key, text] of Object.entries(english![1])) {
			expect(placeholders((catalogue as Record<string, string>)[key]!), key).toEqual(placeholders(text));
		}
	});

	it('gives every footer hint of the keymap a Chinese word', () => {
		expect(missingFooterHints()).toEqual([]);
	});

	it('fills placeholders and leaves unknown ones visible', () => {
		setLanguage('en');
		expect(t('status.showing', {visible: 3, total: 10})).toBe('showing 3 of 10');
		setLanguage('zh-CN');
		expect(t('status.showing', {visible: 3, total: 10})).toBe('显示 3 / 10');
		expect(t('time.days')).toBe('{n} 天前');
		setLanguage('en');
	});
});

describe('choosing the language', () => {
	it.each([
		[undefined, {LANG: 'zh_CN.UTF-8'}, 'zh-CN'],
		[undefined, {LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8'}, 'zh-CN'],
		[undefined, {LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8'}, 'en'],
		[undefined, {}, 'en'],
		['en', {LANG: 'zh_CN.UTF-8'}, 'en'],
		['zh-cn', {}, 'zh-CN'],
	])('--lang %s with %o gives %s', (flag, env, expected) => {
		expect(detectLanguage(flag, env)).toBe(expected);
	});

	it('names the languages it knows when --lang is not one of them', () => {
		expect(detectLanguage('fr', {})).toEqual({error: '--lang must be one of en, zh-CN, not "fr"'});
	});
});
