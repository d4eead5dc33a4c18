import {describe, expect, it} from 'vitest';
import {earlySandboxTarget} from '../../source/app/early-sandbox.js';

const env = {TERM: 'xterm-256color'};

describe('starting the sandbox before the app has loaded', () => {
	it('starts it for a run that will open the app on the sandbox', () => {
		expect(earlySandboxTarget(['--data', '/tmp/sandbox', '--latency', '200'], env, true)).toMatchObject({
			kind: 'sandbox',
			dataDir: '/tmp/sandbox',
			latencyMs: 200,
		});
	});

	it('leaves every other start to the app, which says what is wrong', () => {
		const remote = ['--api-url', 'http://127.0.0.1:9', '--account-sid', 'IRx', '--auth-token', 'y'];
		expect(earlySandboxTarget(remote, env, true)).toBeUndefined();
		expect(
			earlySandboxTarget([], {...env, AGENCY_TOKENS_API_URL: 'http://127.0.0.1:9'}, true),
		).toBeUndefined();
		expect(earlySandboxTarget(['--sandbox-reset'], env, true)).toBeUndefined();
		expect(earlySandboxTarget(['--help'], env, true)).toBeUndefined();
		expect(earlySandboxTarget(['--no-such-flag'], env, true)).toBeUndefined();
		expect(earlySandboxTarget(['--latency', '-5'], env, true)).toBeUndefined();
		expect(earlySandboxTarget([], env, false)).toBeUndefined();
		expect(earlySandboxTarget([], {TERM: 'dumb'}, true)).toBeUndefined();
	});
});
