import {afterEach, describe, expect, it} from 'vitest';
import {ApiError, errorFromResponse} from '../../source/api/errors.js';
import {
	validateApiVersion,
	validateDescription,
	validateEmail,
	validateEmails,
	validateName,
	validatePrimaryContact,
	validateScopes,
	validateUpgrade,
} from '../../source/domain/validation.js';
import {errorWords} from '../../source/i18n/api-errors.js';
import {setLanguage} from '../../source/i18n/index.js';
import {localiseProblem} from '../../source/i18n/problems.js';
import {fieldError} from '../../source/state/form-validation.js';
import {createForm} from '../../source/state/token-form.js';

afterEach(() => {
	setLanguage('en');
});

const versions = [{Version: '15', ReleasedOn: '2025-01-01', Latest: true}];
const cjk = /[\u4E00-\u9FFF]/u;

/** One of each message the domain's validation writes: if its wording changes, the Chinese must follow. */
const problems: Array<[string, string | undefined]> = [
	['empty name', validateName('  ')],
	['long name', validateName('x'.repeat(101))],
	['control in name', validateName('a\u0007b')],
	['long description', validateDescription('x'.repeat(501))],
	['control in description', validateDescription('a\u0007b')],
	['bad e-mail', validateEmail('not-an-address')],
	['too many e-mails', validateEmails(Array.from({length: 21}, (_, index) => `d${index}@example.com`))],
	['repeated e-mail', validateEmails(['a@example.com', 'A@example.com'])],
	['unknown version', validateApiVersion('9', versions)],
	[
		'older version',
		validateUpgrade('15', '14', [...versions, {Version: '14', ReleasedOn: '', Latest: false}]),
	],
	['no scope', validateScopes([], [])],
	['unknown scope', validateScopes(['nope'], [])],
	['no contact', validatePrimaryContact('', [])],
	['unknown contact', validatePrimaryContact('U9', [])],
];

describe('validation messages in zh-CN', () => {
	it.each(problems)('%s reads in Chinese, with its values kept', (_, message) => {
		expect(message).toBeDefined();
		setLanguage('zh-CN');
		const said = localiseProblem(message!);
		expect(said).toMatch(cjk);
		for (const value of message!.match(/"[^"]*"|\d+/gu) ?? [])
			expect(said).toContain(value.replaceAll('"', ''));
	});

	it('an address typed but not added yet reads in Chinese', () => {
		const catalogues = {versions, categories: [], users: []};
		const form = {...createForm('f1', catalogues, null), emailEntry: 'x@y.z'};
		setLanguage('zh-CN');
		expect(localiseProblem(fieldError(form, 'DeveloperEmails', catalogues)!)).toBe(
			'开发者邮箱“x@y.z”尚未加入列表：在其上按 Enter 添加，或将其清除',
		);
	});

	it('stays as written in English, and text it does not know stays as it came', () => {
		expect(localiseProblem('Token name is required')).toBe('Token name is required');
		setLanguage('zh-CN');
		expect(localiseProblem('Something new the server says')).toBe('Something new the server says');
	});
});

describe('API errors in zh-CN', () => {
	const response = (status: number, body: object = {}, retryAfterMs?: number) =>
		errorFromResponse({
			status,
			body: JSON.stringify(body),
			operation: 'GET /x',
			...(retryAfterMs ? {retryAfterMs} : {}),
		});

	it.each([
		[response(401), 'HTTP 401：账户 SID 或身份验证令牌未被接受'],
		[response(403, {Message: 'read-only credential'}), 'HTTP 403：此角色或凭据不允许这样做'],
		[response(404), 'HTTP 404：服务器上找不到'],
		[response(412), '已被他人更改'],
		[response(429, {}, 10_000), 'HTTP 429：请求过多；请在 10 s 后重试'],
		[response(503), 'HTTP 503：服务器出错'],
		[response(400, {Message: 'Select at least one API scope', Field: 'Scopes'}), '请至少选择一个 API 范围'],
		[
			new ApiError({code: 'network', message: 'cannot reach 127.0.0.1:9 (connection refused)'}),
			'无法连接 127.0.0.1:9（连接被拒绝）',
		],
		[
			new ApiError({code: 'timeout', message: 'the server did not answer within 10 s'}),
			'服务器在 10 s 内没有响应',
		],
	])('%s', (error, expected) => {
		const english = error.message;
		expect(errorWords(error)).toBe(english);
		setLanguage('zh-CN');
		expect(errorWords(error)).toBe(expected);
	});
});
