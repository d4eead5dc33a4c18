import packageJson from '../../package.json' with {type: 'json'};
import {readCommandLine, UsageError, type FlagSpecs, type FlagValues} from '../command-line.js';
import {detectLanguage, languages} from '../i18n/index.js';

/** The usage, in the language `--lang` (or else the environment) asks for. */
export function helpText(lang: unknown): string {
	const chosen = detectLanguage(typeof lang === 'string' ? lang : undefined);
	return languages[typeof chosen === 'string' ? chosen : 'en']['cli.help'];
}

/** Where to connect: the same flags for the app and for `list`. */
const connectionFlags = {
	apiUrl: {type: 'string'},
	accountSid: {type: 'string'},
	authToken: {type: 'string'},
	data: {type: 'string'},
} as const;

const appFlags = {
	...connectionFlags,
	latency: {type: 'number', default: 0},
	failRate: {type: 'number', default: 0},
	readonly: {type: 'boolean', default: false},
	lang: {type: 'string'},
	sandboxReset: {type: 'boolean', default: false},
	yes: {type: 'boolean', default: false},
	tour: {type: 'boolean', default: false},
	record: {type: 'string'},
	replay: {type: 'string'},
	replaySpeed: {type: 'number', default: 1},
} as const;

const listFlags = {
	...connectionFlags,
	name: {type: 'string'},
	created: {type: 'string'},
	state: {type: 'string'},
	json: {type: 'boolean', default: false},
	csv: {type: 'boolean', default: false},
} as const;

export type AppFlags = FlagValues<typeof appFlags>;

/** Parses the app's flags; exits with the usage on --help, 2 with one line on a bad or unknown flag. */
export function parseAppFlags(argv: string[]): {flags: AppFlags; input: string[]} {
	return readOrExit(argv, appFlags);
}

/** The app's flags, or undefined for a command line that asks for help or the version, or is wrong (`parseAppFlags` then says so). */
export function readAppFlags(argv: string[]): AppFlags | undefined {
	try {
		const line = readCommandLine(argv, appFlags);
		return line.kind === 'run' ? line.flags : undefined;
	} catch (error) {
		if (error instanceof UsageError) return undefined;
		throw error;
	}
}

/** Flags of `agency-tokens list`: the connection flags plus the filters and the output format. */
export function parseListFlags(argv: string[]): {flags: FlagValues<typeof listFlags>; input: string[]} {
	return readOrExit(argv, listFlags);
}

function readOrExit<Specs extends FlagSpecs>(argv: string[], specs: Specs) {
	try {
		const line = readCommandLine(argv, specs);
		if (line.kind === 'run') return line;
		process.stdout.write(
			line.kind === 'help' ? `${helpText(line.values['lang'])}\n` : `${packageJson.version}\n`,
		);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		process.stderr.write(`agency-tokens: ${error.message}\n`);
		process.exit(2);
	}

	process.exit(0);
}
