/**
 * The sync layer's messages in Simplified Chinese, against the real server:
 * what an action did, and why one failed (the API's refusal said again in
 * Chinese), with the token's own name left as it is.
 */
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {setLanguage} from '../../source/i18n/index.js';
import {startTestServer, type TestServer} from '../support/server.js';
import {createHarness, createToken, lastFlash, type Created, type Harness} from './harness.js';

let server: TestServer;
let app: Harness;
let kept: Created;
let gone: Created;

beforeAll(async () => {
	server = await startTestServer();
	kept = await createToken(server, '账单同步 Billing');
	gone = await createToken(server, 'Deleted behind the app');
	app = createHarness(server);
	await app.load();
});
afterAll(async () => server?.close());
afterEach(() => {
	setLanguage('en');
});

describe('in zh-CN the sync layer says', () => {
	test('what an action did, naming the token', async () => {
		setLanguage('zh-CN');
		await app.operations.perform({kind: 'disable', tokenIds: [kept.token.Id]});
		expect(lastFlash(app.state())).toBe('已停用“账单同步 Billing”');
	});

	test('why an action failed, with the server refusal in Chinese too', async () => {
		expect((await server.request('DELETE', `/AccessTokens/${gone.token.Id}`)).status).toBe(204);
		setLanguage('zh-CN');
		await app.operations.perform({kind: 'disable', tokenIds: [gone.token.Id]});
		expect(lastFlash(app.state())).toBe('无法停用“Deleted behind the app”：HTTP 404：服务器上找不到');
	});

	test('the same failure in English as the API client words it', async () => {
		const other = await createToken(server, 'Also deleted');
		await app.load();
		expect((await server.request('DELETE', `/AccessTokens/${other.token.Id}`)).status).toBe(204);
		await app.operations.perform({kind: 'disable', tokenIds: [other.token.Id]});
		expect(lastFlash(app.state())).toMatch(/^Could not disable "Also deleted": HTTP 404: /u);
	});
});
