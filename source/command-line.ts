/**
 * The command line, read with Node's own `util.parseArgs`: meow and its
 * dependencies were a quarter of a megabyte evaluated before the first frame.
 * Flags are declared camelCase and written kebab-case (`failRate` is
 * `--fail-rate`); a bad value or an unknown flag is a `UsageError` naming it.
 */
import {parseArgs} from 'node:util';

type FlagSpec =
	| {readonly type: 'string'; readonly default?: string}
	| {readonly type: 'boolean'; readonly default?: boolean}
	| {readonly type: 'number'; readonly default?: number};

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

type ValueOf<S extends FlagSpec> = S extends {type: 'string'}
	? string
	: S extends {type: 'boolean'}
		? boolean
		: number;

/** Flags with a default are always there; the others are undefined when not given. */
export type FlagValues<Specs extends FlagSpecs> = {
	-readonly [Name in keyof Specs]: Specs[Name] extends {default: unknown}
		? ValueOf<Specs[Name]>
		: ValueOf<Specs[Name]> | undefined;
};

export type CommandLine<Specs extends FlagSpecs> =
	| {readonly kind: 'run'; readonly flags: FlagValues<Specs>; readonly input: string[]}
	/** `values`: what else was given, as read (e.g. `--lang`, for the help's language). */
	| {readonly kind: 'help'; readonly values: Readonly<Record<string, unknown>>}
	| {readonly kind: 'version'};

/** A bad flag or value: one line naming it, exit 2. */
export class UsageError extends Error {}

const kebab = (name: string) => name.replaceAll(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** Reads `argv` against `specs`; `--help` and `--version` win over everything else. */
export function readCommandLine<Specs extends FlagSpecs>(argv: string[], specs: Specs): CommandLine<Specs> {
	const options: Record<string, {type: 'string' | 'boolean'}> = {
		help: {type: 'boolean'},
		version: {type: 'boolean'},
	};
	for (const [name, spec] of Object.entries(specs))
		options[kebab(name)] = {type: spec.type === 'boolean' ? 'boolean' : 'string'};

	let parsed: ReturnType<typeof parseArgs>;
	try {
		parsed = parseArgs({args: argv, options, strict: true, allowPositionals: true, allowNegative: true});
	} catch (error) {
		throw new UsageError(describeParseError(error));
	}

	const {values, positionals} = parsed;
	if (values['help'] === true) return {kind: 'help', values};
	if (values['version'] === true) return {kind: 'version'};
	const flags: Record<string, unknown> = {};
	for (const [name, spec] of Object.entries(specs)) {
		const given = values[kebab(name)];
		flags[name] =
			given === undefined ? spec.default : spec.type === 'number' ? toNumber(kebab(name), given) : given;
	}

	return {kind: 'run', flags: flags as FlagValues<Specs>, input: positionals};
}

function toNumber(flag: string, given: unknown): number {
	const text = String(given);
	const value = text.trim() === '' ? Number.NaN : Number(text);
	if (!Number.isFinite(value)) throw new UsageError(`--${flag} must be a number (got "${text}")`);
	return value;
}

/** parseArgs's messages are long and mention its own API; ours name the flag and point at --help. */
function describeParseError(error: unknown): string {
	const {code, message} = error as {code?: string; message: string};
	const flag = /'(-[^' ]+)/.exec(message)?.[1];
	if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) return `unknown flag ${flag} (see --help)`;
	if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag)
		return message.includes('argument missing')
			? `${flag} needs a value (see --help)`
			: `${flag} takes no value (see --help)`;
	return `${message.split('\n')[0]} (see --help)`;
}
