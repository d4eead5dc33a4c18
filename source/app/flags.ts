import packageJson from '../../package.json' with {type: 'json'};
import {readCommandLine, UsageError, type FlagSpecs, type FlagValues} from '../command-line.js';

export const helpText = `
  Usage
    $ agency-tokens [options]            open the app (the embedded sandbox unless --api-url)
    $ agency-tokens server [options]     run the reference token API alone (see: server --help)
    $ agency-tokens list [filters] [--json|--csv]   print the tokens, for scripts
        --name Q  --created last7days|last30days|morethan30days  --state enabled|disabled

  Connection (flags win over the environment)
    --api-url URL        token API to use          AGENCY_TOKENS_API_URL
    --account-sid SID    agency Account SID        AGENCY_TOKENS_ACCOUNT_SID
    --auth-token TOKEN   operator auth token       AGENCY_TOKENS_AUTH_TOKEN
                         (prefer the environment: flags show in \`ps\`;
                         with neither, the app asks at the terminal)

  Embedded sandbox (without --api-url)
    --data DIR           where the sandbox keeps its data
    --latency MS         delay every server answer (demos of optimistic updates)
    --fail-rate P        fail that fraction of writes with 503 (demos of rollback)

  Sandbox
    --sandbox-reset      restore the sandbox data from the fixtures (asks first unless --yes)

  Demos and training
    --tour               start with the guided tour on (T in the app; Esc in the list leaves it)
    --record FILE        write the session's keystrokes, timed, to FILE (0600; no secrets)
    --replay FILE        play a recording back once the list has loaded; q still quits
    --replay-speed N     replay N times faster (default 1)

  Other
    --lang en|zh-CN      the interface's language (default: from LC_ALL / LANG)
    --readonly           change nothing, whatever your role (safe browsing, demos)
    --help, --version

  Sandbox credentials: account IRAgencyDemo1 with demo-admin, demo-specialist,
  demo-readonly or demo-analyst. Press ? in the app for every key.
`;

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

/** Flags of `agency-tokens list`: the connection flags plus the filters and the output format. */
export function parseListFlags(argv: string[]): {flags: FlagValues<typeof listFlags>; input: string[]} {
	return readOrExit(argv, listFlags);
}

function readOrExit<Specs extends FlagSpecs>(argv: string[], specs: Specs) {
	try {
		const line = readCommandLine(argv, specs);
		if (line.kind === 'run') return line;
		process.stdout.write(line.kind === 'help' ? `${helpText}\n` : `${packageJson.version}\n`);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		process.stderr.write(`agency-tokens: ${error.message}\n`);
		process.exit(2);
	}

	process.exit(0);
}
