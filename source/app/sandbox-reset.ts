/** `agency-tokens --sandbox-reset`: restores the embedded sandbox from the fixtures, after asking unless --yes. */
import {t} from '../i18n/index.js';
import type {Target} from './connection.js';
import {resetSandbox} from './sandbox.js';

/** `--sandbox-reset`: asks (unless --yes), then restores the fixtures. */
export async function resetCommand(target: Target, yes: boolean): Promise<number> {
	if (target.kind !== 'sandbox') {
		process.stderr.write(`agency-tokens: ${t('usage.resetRemote')}\n`);
		return 2;
	}

	if (!yes) {
		if (!process.stdin.isTTY) {
			process.stderr.write(`agency-tokens: ${t('usage.resetNeedsYes')}\n`);
			return 2;
		}

		const readline = await import('node:readline/promises');
		const prompt = readline.createInterface({input: process.stdin, output: process.stdout});
		const answer = await prompt.question(t('reset.ask', {dir: target.dataDir}));
		prompt.close();
		if (!/^y(es)?$/iu.test(answer.trim())) {
			process.stdout.write(`${t('reset.kept')}\n`);
			return 1;
		}
	}

	const count = await resetSandbox(target.dataDir);
	process.stdout.write(`${t('reset.done', {count, dir: target.dataDir})}\n`);
	return 0;
}
