import {describe, expect, it} from 'vitest';
import {readCommandLine, UsageError} from '../source/command-line.js';

const specs = {
	apiUrl: {type: 'string'},
	tour: {type: 'boolean', default: false},
	latency: {type: 'number', default: 0},
	replaySpeed: {type: 'number'},
} as const;

const read = (...argv: string[]) => readCommandLine(argv, specs);
const refusal = (...argv: string[]) => {
	try {
		read(...argv);
	} catch (error) {
		expect(error).toBeInstanceOf(UsageError);
		return (error as Error).message;
	}

	throw new Error(`${argv.join(' ')} was accepted`);
};

describe('readCommandLine', () => {
	it('reads kebab-case flags into camelCase values, with defaults for what is not given', () => {
		expect(read('--api-url', 'http://127.0.0.1:9', '--latency=1500', 'extra')).toEqual({
			kind: 'run',
			flags: {apiUrl: 'http://127.0.0.1:9', tour: false, latency: 1500, replaySpeed: undefined},
			input: ['extra'],
		});
	});

	it('takes --no-FLAG for a boolean and decimals for a number', () => {
		const line = read('--tour', '--no-tour', '--replay-speed', '2.5');
		expect(line.kind === 'run' && line.flags).toMatchObject({tour: false, replaySpeed: 2.5});
	});

	it('answers --help and --version before looking at the other flags', () => {
		expect(read('--latency', 'soon', '--help')).toEqual({
			kind: 'help',
			values: {latency: 'soon', help: true},
		});
		expect(read('--version')).toEqual({kind: 'version'});
	});

	it('names an unknown flag, a missing value, a value given to a switch and a number that is not one', () => {
		expect(refusal('--colour')).toBe('unknown flag --colour (see --help)');
		expect(refusal('-x')).toBe('unknown flag -x (see --help)');
		expect(refusal('--api-url')).toBe('--api-url needs a value (see --help)');
		expect(refusal('--tour=yes')).toBe('--tour takes no value (see --help)');
		expect(refusal('--latency', 'soon')).toBe('--latency must be a number (got "soon")');
		expect(refusal('--latency=')).toBe('--latency must be a number (got "")');
	});
});
