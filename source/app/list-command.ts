import {createApiClient} from '../api/index.js';
import type {CreatedOn, StateFilter} from '../domain/filters.js';
import type {AccessToken} from '../domain/token.js';
import {resolveTarget} from './connection.js';
import {parseListFlags} from './flags.js';
import {startSandbox, type Sandbox} from './sandbox.js';

const createdOnFlag: Record<string, CreatedOn> = {
	last7days: 'Last7Days',
	last30days: 'Last30Days',
	morethan30days: 'MoreThan30Days',
};
const stateFlag: Record<string, StateFilter> = {enabled: 'Enabled', disabled: 'Disabled'};

const columns = [
	'Id',
	'Name',
	'State',
	'ApiVersion',
	'Legacy',
	'CreatedAt',
	'LastUsedAt',
	'AuthTokenHint',
] as const;

/**
 * `agency-tokens list`: the filtered tokens on stdout, for scripts. No UI, no
 * TTY needed; exit 0, or 1 with the API's message on stderr.
 */
export async function runListCommand(argv: string[]): Promise<number> {
	const {flags} = parseListFlags(argv);
	const createdOn = flags.created === undefined ? 'Any' : createdOnFlag[flags.created.toLowerCase()];
	const state = flags.state === undefined ? 'Any' : stateFlag[flags.state.toLowerCase()];
	if (createdOn === undefined)
		return usage(`--created must be last7days, last30days or morethan30days, not "${flags.created}"`);
	if (state === undefined) return usage(`--state must be enabled or disabled, not "${flags.state}"`);
	if (flags.json && flags.csv) return usage('choose one of --json and --csv');
	const target = resolveTarget(flags);
	if ('error' in target) return usage(target.error);

	let sandbox: Sandbox | undefined;
	try {
		if (target.kind === 'sandbox') sandbox = await startSandbox({dataDir: target.dataDir});
		const client = createApiClient({
			apiUrl: sandbox?.url ?? (target.kind === 'remote' ? target.apiUrl : ''),
			accountSid: target.accountSid,
			authToken: target.authToken,
			cache: false,
		});
		const tokens = await client.listAllTokens({name: flags.name ?? '', createdOn, state}, () => undefined);
		process.stdout.write(
			flags.json ? JSON.stringify(tokens, null, 2) + '\n' : flags.csv ? csv(tokens) : table(tokens),
		);
		return 0;
	} catch (error) {
		process.stderr.write(`agency-tokens list: ${error instanceof Error ? error.message : String(error)}\n`);
		return 1;
	} finally {
		await sandbox?.close();
	}
}

function usage(message: string): number {
	process.stderr.write(`agency-tokens list: ${message}; see agency-tokens --help\n`);
	return 2;
}

function cell(token: AccessToken, column: (typeof columns)[number]): string {
	const value = token[column];
	return value === null ? '' : String(value);
}

/** RFC 4180: quote every field that needs it, double the quotes inside. */
export function csv(tokens: readonly AccessToken[]): string {
	const quote = (text: string) => (/[",\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
	const lines = [
		columns.join(','),
		...tokens.map((token) => columns.map((column) => quote(cell(token, column))).join(',')),
	];
	return lines.join('\r\n') + '\r\n';
}

/** Tab-separated, one token a line, for reading and for `cut`. */
function table(tokens: readonly AccessToken[]): string {
	const inert = (text: string) => text.replace(/[\u0000-\u001F\u007F-\u009F]/gu, '\uFFFD');
	return (
		[
			columns.join('\t'),
			...tokens.map((token) => columns.map((column) => inert(cell(token, column))).join('\t')),
		].join('\n') + '\n'
	);
}
