import {rm} from 'node:fs/promises';
import {afterAll, describe, expect, test} from 'vitest';
import path from 'node:path';
import {startServer} from '../../source/server/app.js';
import {parseServerArgs, UsageError} from '../../source/server/cli.js';
import {makeDataDir, send} from '../support/server.js';
import {runCli, spawnServer} from './child-server.js';

const dirs: string[] = [];
afterAll(async () => {
	for (const dir of dirs) await rm(dir, {recursive: true, force: true});
});

async function dataDir(): Promise<string> {
	const dir = await makeDataDir();
	dirs.push(dir);
	return dir;
}

describe('agency-tokens server', () => {
	test('prints one line saying where it listens, serves, and stops cleanly on SIGTERM', async () => {
		const data = await dataDir();
		const server = await spawnServer(['--port', '0', '--data', data]);
		expect(server.line).toMatch(
			new RegExp(
				`^agency-tokens server listening on http://127\\.0\\.0\\.1:\\d+ \\(data: ${data.replaceAll('/', '\\/')}\\)$`,
			),
		);
		const {status, json} = await send(
			'GET',
			`${server.url}/Agencies/IRAgencyDemo1/AccessTokens?PageSize=5&Page=2`,
		);
		expect(status).toBe(200);
		expect(json['@page']).toBe(2);
		server.child.kill('SIGTERM');
		expect(await server.exited).toBe(0);
	});

	test.each([
		[['--port', 'eighty'], '--port'],
		[['--port', '70000'], '--port'],
		[['--generate', '-3'], '--generate'],
		[['--latency', '1.5'], '--latency'],
		[['--fail-rate', '2'], '--fail-rate'],
		[['--fail-rate', 'half'], '--fail-rate'],
		[['--rate-limit', 'lots'], '--rate-limit'],
		[['--host', ''], '--host'],
		[['--data', ''], '--data'],
		[['--store', 'ftp://example.com'], '--store'],
		[['--store', 'redis://'], '--store'],
		[['--store', 'redis://127.0.0.1:6379/zero'], '--store'],
		[['--store', 'postgres://tokens@127.0.0.1:5432'], '--store'],
		[['--store', 'postgresql:///tokens'], '--store'],
		[['--store', 'not a url'], '--store'],
		[['stray'], 'stray'],
	])('%j is refused with a message naming %s', (args, named) => {
		expect(() => parseServerArgs(args)).toThrow(UsageError);
		expect(() => parseServerArgs(args)).toThrow(named);
	});

	test('flags become server options, with the documented defaults', () => {
		expect(parseServerArgs(['--data', 'd'])).toMatchObject({
			dataDir: path.resolve('d'),
			host: '127.0.0.1',
			port: 8080,
			generate: undefined,
			latencyMs: undefined,
			failRate: undefined,
			rateLimitPerHour: undefined,
			allowDemoCredentials: false,
			store: undefined,
		});
		expect(parseServerArgs(['--store', 'sqlite']).store).toBeUndefined();
		expect(parseServerArgs(['--store', 'redis://10.0.0.5:6380/2']).store).toBe('redis://10.0.0.5:6380/2');
		for (const url of [
			'postgres://tokens:pw@10.0.0.5:5432/tokens',
			'postgresql://tokens@10.0.0.5/tokens?sslmode=require',
			'postgres:///tokens?host=/run/postgresql&user=tokens',
		]) {
			expect(parseServerArgs(['--store', url]).store).toBe(url);
		}

		expect(
			parseServerArgs([
				'--port=0',
				'--host',
				'::1',
				'--generate',
				'100000',
				'--latency',
				'250',
				'--fail-rate',
				'0.25',
				'--rate-limit',
				'0',
				'--allow-demo-credentials',
			]),
		).toMatchObject({
			port: 0,
			host: '::1',
			generate: 100_000,
			latencyMs: 250,
			failRate: 0.25,
			rateLimitPerHour: 0,
			allowDemoCredentials: true,
		});
		expect(parseServerArgs([]).dataDir).toContain('agency-tokens');
	});

	test('a bad value from the real binary is one line on stderr and exit 2', async () => {
		const {code, stdout, stderr} = await runCli(['--port', 'eighty']);
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toBe(
			'agency-tokens server: --port must be a whole number from 0 to 65535 (got "eighty")\n',
		);
	});

	test('an unknown flag is one line on stderr and exit 2', async () => {
		const {code, stderr} = await runCli(['--colour', 'red']);
		expect(code).toBe(2);
		expect(stderr).toBe('agency-tokens server: unknown flag --colour (see --help)\n');
		expect(() => parseServerArgs(['--port', '1', '-x'])).toThrow('unknown flag -x');
	});

	test('refuses the demo credentials on a non-loopback address unless told otherwise', async () => {
		const {code, stderr} = await runCli(['--host', '0.0.0.0', '--port', '0', '--data', await dataDir()]);
		expect(code).toBe(2);
		expect(stderr).toContain('--allow-demo-credentials');
		expect(stderr.trim().split('\n')).toHaveLength(1);
		await expect(startServer({dataDir: await dataDir(), host: '10.1.2.3'})).rejects.toThrow(
			/not a loopback address/,
		);
	});

	test.each([
		[
			'redis://:hunter2@127.0.0.1:1/0',
			/^agency-tokens server: Cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1\/0/,
		],
		[
			'postgres://tokens:hunter2@127.0.0.1:1/tokens',
			/^agency-tokens server: Cannot reach Postgres at postgres:\/\/tokens:\*\*\*@127\.0\.0\.1:1\/tokens/,
		],
	])('an unreachable store (%s) is one line and exit 1, without the password', async (store, message) => {
		// Port 1 on loopback: nothing listens there, so the connection is refused at once.
		const unreachable = await runCli(['--store', store, '--port', '0', '--data', await dataDir()]);
		expect(unreachable.code).toBe(1);
		expect(unreachable.stderr).toMatch(message);
		// The password never reaches the terminal.
		expect(unreachable.stderr).not.toContain('hunter2');
		expect(unreachable.stderr.trim().split('\n')).toHaveLength(1);
	});

	test('--help describes the flags', async () => {
		const {code, stdout} = await runCli(['--help']);
		expect(code).toBe(0);
		for (const flag of [
			'--port',
			'--host',
			'--data',
			'--store',
			'--generate',
			'--latency',
			'--fail-rate',
			'--rate-limit',
			'--allow-demo-credentials',
		]) {
			expect(stdout).toContain(flag);
		}
	});
});
