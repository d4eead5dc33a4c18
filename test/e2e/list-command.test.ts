/**
 * `agency-tokens list` and `--sandbox-reset` in the real binary: what a script
 * reads is what the server holds, errors are one line on stderr with exit 1,
 * and a reset sandbox holds the fixtures again.
 */
import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {repoRoot} from '../support/pty.js';
import {startTestServer, type TestServer} from '../support/server.js';

type Run = {code: number; stdout: string; stderr: string};

/** Runs the bin without a terminal, as a script would. Asynchronous: the test server answers in this process. */
async function agencyTokens(args: string[], env: Record<string, string> = {}): Promise<Run> {
	try {
		const {stdout, stderr} = await promisify(execFile)(process.execPath, ['dist/cli.js', ...args], {
			cwd: repoRoot,
			env: {...process.env, ...env},
			timeout: 30_000,
		});
		return {code: 0, stdout, stderr};
	} catch (error) {
		const failed = error as {code: number; stdout: string; stderr: string};
		return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr};
	}
}

type Listed = {Id: string; Name: string; State: string; Legacy: boolean; AuthToken?: string};

let server: TestServer;
let connection: Record<string, string>;
let workDir: string;

beforeAll(async () => {
	server = await startTestServer();
	connection = {
		AGENCY_TOKENS_API_URL: server.url,
		AGENCY_TOKENS_ACCOUNT_SID: 'IRAgencyDemo1',
		AGENCY_TOKENS_AUTH_TOKEN: 'demo-admin',
	};
	workDir = mkdtempSync(path.join(tmpdir(), 'agency-tokens-list-'));
});

afterAll(async () => {
	await server.close();
	rmSync(workDir, {recursive: true, force: true});
});

/** Every token the API lists, page by page, as the server itself says. */
async function serverTokens(query = ''): Promise<Listed[]> {
	const tokens: Listed[] = [];
	for (let page = 1; ; page++) {
		const answer = await server.request('GET', `/AccessTokens?PageSize=100&Page=${page}${query}`);
		expect(answer.status).toBe(200);
		tokens.push(...(answer.json.AccessTokens as Listed[]));
		if (page >= (answer.json['@numpages'] as number)) break;
	}

	return tokens;
}

describe('agency-tokens list against a server', () => {
	it('prints, as JSON, exactly the tokens the server lists, without any secret', async () => {
		const run = await agencyTokens(['list', '--json'], connection);
		expect(run.code, run.stderr).toBe(0);
		const listed = JSON.parse(run.stdout) as Listed[];
		const expected = await serverTokens();
		expect(listed.map((token) => token.Id).sort()).toEqual(expected.map((token) => token.Id).sort());
		expect(listed.length).toBeGreaterThan(10);
		expect(listed.every((token) => token.AuthToken === undefined)).toBe(true);
	});

	it('applies --name and --state as the app filters', async () => {
		const run = await agencyTokens(
			['list', '--json', '--name', 'billing', '--state', 'disabled'],
			connection,
		);
		expect(run.code, run.stderr).toBe(0);
		const listed = JSON.parse(run.stdout) as Listed[];
		const expected = (await serverTokens()).filter(
			(token) => token.Name.toLowerCase().includes('billing') && token.State === 'Disabled',
		);
		expect(listed.map((token) => token.Id).sort()).toEqual(expected.map((token) => token.Id).sort());
		const enabled = JSON.parse(
			(await agencyTokens(['list', '--json', '--state', 'ENABLED'], connection)).stdout,
		) as Listed[];
		expect(enabled.length).toBeGreaterThan(0);
		expect(enabled.every((token) => token.State === 'Enabled')).toBe(true);
	});

	it('writes CSV with a header row and one quoted-where-needed line per token', async () => {
		const run = await agencyTokens(['list', '--csv'], connection);
		expect(run.code, run.stderr).toBe(0);
		const lines = run.stdout.trimEnd().split(/\r?\n/);
		expect(lines[0]).toMatch(/^Id,Name,/);
		expect(lines.length - 1).toBe((await serverTokens()).length);
	});

	it('exits 1 with the API message on stderr when the credentials are refused', async () => {
		const run = await agencyTokens(['list'], {...connection, AGENCY_TOKENS_AUTH_TOKEN: 'not-a-token'});
		expect(run.code).toBe(1);
		expect(run.stdout).toBe('');
		expect(run.stderr).toMatch(/^agency-tokens list: .+\n$/);
		expect(run.stderr).not.toContain('not-a-token');
		expect(run.stderr).not.toContain('    at ');
	});

	it('exits 2 naming a bad filter value or an unknown flag', async () => {
		const bad = await agencyTokens(['list', '--created', 'yesterday'], connection);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain(
			'--created must be last7days, last30days or morethan30days, not "yesterday"',
		);
		const unknown = await agencyTokens(['list', '--colour'], connection);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('unknown flag --colour');
	});
});

describe('the sandbox from the command line', () => {
	it('lists the embedded sandbox when no server is named', async () => {
		const dataDir = path.join(workDir, 'sandbox-list');
		const run = await agencyTokens(['list', '--json', '--data', dataDir]);
		expect(run.code, run.stderr).toBe(0);
		expect((JSON.parse(run.stdout) as Listed[]).length).toBeGreaterThan(10);
	});

	it('says in one line, exit 1, when the sandbox cannot start in the data directory', async () => {
		const notADirectory = path.join(workDir, 'a-file');
		writeFileSync(notADirectory, 'not a directory');
		const run = await agencyTokens(['list', '--data', notADirectory]);
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(/^agency-tokens list: .*a-file.*\n$/);
		expect(run.stderr).not.toContain('    at ');
	});

	it('--sandbox-reset --yes brings back the fixtures after tokens were deleted', async () => {
		const dataDir = path.join(workDir, 'sandbox-reset');
		const before = JSON.parse((await agencyTokens(['list', '--json', '--data', dataDir])).stdout) as Listed[];
		const sandbox = await startTestServer({dataDir});
		for (const token of before.slice(0, 3)) {
			expect((await sandbox.request('DELETE', `/AccessTokens/${token.Id}`)).status).toBe(204);
		}

		await sandbox.close();
		const fewer = JSON.parse((await agencyTokens(['list', '--json', '--data', dataDir])).stdout) as Listed[];
		expect(fewer).toHaveLength(before.length - 3);

		const reset = await agencyTokens(['--sandbox-reset', '--yes', '--data', dataDir]);
		expect(reset.code, reset.stderr).toBe(0);
		expect(reset.stdout).toMatch(/restored/);
		const after = JSON.parse((await agencyTokens(['list', '--json', '--data', dataDir])).stdout) as Listed[];
		expect(after).toHaveLength(before.length);
	});

	it('--sandbox-reset without --yes and without a terminal asks for --yes and changes nothing', async () => {
		const run = await agencyTokens(['--sandbox-reset', '--data', path.join(workDir, 'untouched')]);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('add --yes');
	});
});
