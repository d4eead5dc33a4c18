import {afterEach, describe, expect, it} from 'vitest';
import {resolveTarget} from '../../source/app/connection.js';
import {helpText} from '../../source/app/flags.js';
import {setLanguage} from '../../source/i18n/index.js';

afterEach(() => {
	setLanguage('en');
});

describe('the command line in Chinese', () => {
	it('gives --help in the language --lang asks for, or the environment says, with every flag in both', () => {
		const chinese = helpText('zh-CN');
		const english = helpText('en');
		expect(chinese).toContain('用法');
		expect(english).toContain('Usage');
		const flags = (text: string) => [...text.matchAll(/--[a-z-]+/gu)].map(([flag]) => flag).sort();
		expect(flags(chinese)).toEqual(flags(english));
	});

	it('says what is wrong with a connection flag in the chosen language', () => {
		setLanguage('zh-CN');
		expect(resolveTarget({apiUrl: 'http://127.0.0.1:9'}, {})).toEqual({
			error: '使用 --api-url 时必须提供 --account-sid（或 AGENCY_TOKENS_ACCOUNT_SID）',
		});
		setLanguage('en');
		expect(resolveTarget({apiUrl: 'ftp://x'}, {})).toEqual({
			error: '--api-url must be an http(s) URL, not "ftp://x"',
		});
	});
});
