/** The server as a user runs it: the bundled CLI in a child process (dist/cli.js, built by the global setup). */
import {spawn, type ChildProcess} from 'node:child_process';
import {fileURLToPath} from 'node:url';

export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export type ChildServer = {
	child: ChildProcess;
	url: string;
	/** The first line the server printed. */
	line: string;
	/** Resolves with the exit code (or the signal's name) once the process has ended. */
	exited: Promise<number | string>;
};

/** Runs `agency-tokens server ...args` and waits for its "listening on" line. */
export async function spawnServer(args: string[]): Promise<ChildServer> {
	const child = spawn(process.execPath, [cliPath, 'server', ...args], {stdio: ['ignore', 'pipe', 'pipe']});
	const exited = new Promise<number | string>((resolve) => {
		child.once('exit', (code, signal) => resolve(code ?? signal ?? -1));
	});
	let stdout = '';
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const line = await new Promise<string>((resolve, reject) => {
		child.stdout!.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			const newline = stdout.indexOf('\n');
			if (newline >= 0) resolve(stdout.slice(0, newline));
		});
		void exited.then((code) => reject(new Error(`server exited (${code}) before listening: ${stderr}`)));
	});
	const match = /listening on (http:\/\/\S+)/.exec(line);
	if (!match) throw new Error(`unexpected first line: ${line}`);
	return {child, url: match[1]!, line, exited};
}

/** Runs the CLI to completion, for flag errors: exit code and output. */
export async function runCli(args: string[]): Promise<{code: number | null; stdout: string; stderr: string}> {
	const child = spawn(process.execPath, [cliPath, 'server', ...args], {stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
	return {code, stdout, stderr};
}
