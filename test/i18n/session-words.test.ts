import {afterEach, describe, expect, it} from 'vitest';
import {ApiError} from '../../source/api/errors.js';
import {injectionNotice} from '../../source/app/demo.js';
import {retryWords} from '../../source/i18n/api-errors.js';
import {setLanguage, t} from '../../source/i18n/index.js';

const sandbox = {
	kind: 'sandbox',
	dataDir: '/tmp/sandbox',
	accountSid: 'AC1',
	authToken: 'secret',
	latencyMs: 500,
	failRate: 0.25,
} as const;

afterEach(() => {
	setLanguage('en');
});

describe('the words around a session', () => {
	it('says the demo notice in English as before, and in Chinese under zh-CN', () => {
		expect(injectionNotice(sandbox)).toBe('DEMO: +500 ms latency, 25% of writes fail');
		expect(injectionNotice({...sandbox, failRate: 0})).toBe('DEMO: +500 ms latency');
		expect(injectionNotice({...sandbox, latencyMs: 0, failRate: 0})).toBeUndefined();
		setLanguage('zh-CN');
		expect(injectionNotice(sandbox)).toBe('演示：延迟 +500 ms，25% 的写入会失败');
	});

	it('asks before a sandbox reset in the operator language', () => {
		expect(t('reset.ask', {dir: '/tmp/sandbox'})).toBe(
			'Reset the sandbox in /tmp/sandbox? Every change made there is lost. [y/N] ',
		);
		expect(t('reset.done', {count: 12, dir: '/tmp/sandbox'})).toBe(
			'Sandbox reset: 12 tokens restored from the fixtures in /tmp/sandbox',
		);
		setLanguage('zh-CN');
		expect(t('reset.ask', {dir: '/tmp/sandbox'})).toBe(
			'要重置 /tmp/sandbox 中的沙盒吗？在其中所做的所有更改都将丢失。[y/N] ',
		);
		// The answer is still y or yes: the prompt says so in the same letters.
		expect(t('reset.ask', {dir: '/tmp/sandbox'})).toContain('[y/N]');
	});

	it('says a replay finished, with what it could not replay', () => {
		const finished = () => t('replay.done', {name: 'demo.jsonl', skipped: t('replay.withheld', {count: 3})});
		expect(finished()).toBe('Replay of demo.jsonl finished (3 typed into a secret field were not recorded)');
		setLanguage('zh-CN');
		expect(finished()).toBe('demo.jsonl 回放完毕（在机密字段中输入的 3 个事件未被录制）');
	});

	it('gives the write-retry flash the client reason in English and says it again in Chinese', () => {
		const busy = new ApiError({
			code: 'rateLimited',
			message: 'HTTP 429: Too many requests; try again in 2 s',
			status: 429,
			retryAfterMs: 2000,
		});
		expect(retryWords(busy, 2000)).toBe('HTTP 429: Too many requests; try again in 2 s: retrying in 2 s');
		setLanguage('zh-CN');
		// The wait is said once, by the retry, not again by the 429's own "try again in".
		expect(retryWords(busy, 2000)).toBe('HTTP 429：请求过多：2 s 后重试');
		const down = new ApiError({code: 'server', message: 'HTTP 503: Service unavailable', status: 503});
		expect(retryWords(down, 1500)).toBe('HTTP 503：服务器出错：1.5 s 后重试');
	});
});
