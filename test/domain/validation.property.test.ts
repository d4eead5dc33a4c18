import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import type {ApiCategory, ApiVersion, TokenInput, User} from '../../source/domain/token.js';
import {
	compareVersions,
	latestVersion,
	limits,
	validateDescription,
	validateEmail,
	validateEmails,
	validateName,
	validateTokenInput,
	validateUpgrade,
} from '../../source/domain/validation.js';
import {anyText, characters, controlCharacter, printable} from './arbitraries.js';

/** Inserts `piece` into `text` at a position chosen by `at` (0–1), between code points. */
function insert(text: string, piece: string, at: number): string {
	const points = [...text];
	const index = Math.floor(at * (points.length + 1));
	return [...points.slice(0, index), piece, ...points.slice(index)].join('');
}

const position = fc.double({min: 0, max: 1, noNaN: true, maxExcluded: true});

describe('names', () => {
	test('never throw, and accept exactly: not blank, at most 100 characters, no control character', () => {
		fc.assert(
			fc.property(anyText(120), (name) => {
				const error = validateName(name);
				const ok =
					name.trim() !== '' &&
					characters(name) <= limits.nameLength &&
					!/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u.test(name);
				expect(error === undefined).toBe(ok);
			}),
			{numRuns: 2000},
		);
	});

	test('printable names of 1 to 100 characters pass, however many UTF-16 units they take', () => {
		fc.assert(
			fc.property(
				printable(1, limits.nameLength).filter((name) => name.trim() !== ''),
				(name) => {
					expect(validateName(name)).toBeUndefined();
				},
			),
		);
	});

	test('one control character anywhere is refused, and the message says so (descriptions allow line breaks)', () => {
		fc.assert(
			fc.property(printable(0, 50), controlCharacter, position, (text, control, at) => {
				const hostile = insert(`x${text}`, control, at);
				expect(validateName(hostile)).toBe('Token name must not contain control characters');
				expect(validateDescription(hostile)).toBe(
					control === '\n' ? undefined : 'Description must not contain control characters',
				);
			}),
		);
	});

	test('over 100 characters is refused with the count in the message', () => {
		fc.assert(
			fc.property(
				printable(limits.nameLength + 1, 150).filter((name) => name.trim() !== ''),
				(name) => {
					expect(validateName(name)).toContain(`it has ${characters(name)}`);
				},
			),
		);
	});
});

describe('descriptions', () => {
	test('never throw; line breaks are fine, other controls are not; at most 500 characters', () => {
		fc.assert(
			fc.property(anyText(40), printable(0, 600), (hostile, long) => {
				expect(() => validateDescription(hostile)).not.toThrow();
				expect(validateDescription(long) === undefined).toBe(characters(long) <= limits.descriptionLength);
				expect(validateDescription(`first line\nsecond line`)).toBeUndefined();
			}),
		);
	});
});

const localPart = fc.string({
	unit: fc.constantFrom(...'abcxyz019._+-'.split('')),
	minLength: 1,
	maxLength: 20,
});
const label = fc.string({unit: fc.constantFrom(...'abcxyz019-'.split('')), minLength: 1, maxLength: 12});
const email = fc
	.tuple(localPart, fc.array(label, {minLength: 2, maxLength: 3}))
	.map(([local, labels]) => `${local}@${labels.join('.')}`);

describe('e-mail addresses', () => {
	test('plain addresses pass; any whitespace, a second @, or no dot in the domain is refused', () => {
		fc.assert(
			fc.property(email, fc.constantFrom(' ', '\t', '\n', '\u00A0'), position, (address, space, at) => {
				expect(validateEmail(address)).toBeUndefined();
				expect(validateEmail(insert(address, space, at))).toBeDefined();
				expect(validateEmail(`${address}@x.y`)).toBeDefined();
				expect(validateEmail(address.slice(0, address.indexOf('@') + 1) + 'nodot')).toBeDefined();
			}),
		);
	});

	test('lists: at most 20, no repeats ignoring case, each valid; never throws on anything', () => {
		fc.assert(
			fc.property(fc.uniqueArray(email, {maxLength: 25, selector: (a) => a.toLowerCase()}), (addresses) => {
				expect(validateEmails(addresses) === undefined).toBe(addresses.length <= limits.developerEmails);
				if (addresses.length > 0 && addresses.length < limits.developerEmails) {
					expect(validateEmails([...addresses, addresses[0]!.toUpperCase()])).toContain('repeat');
				}
			}),
		);
		fc.assert(
			fc.property(fc.array(anyText(30), {maxLength: 5}), (anything) => {
				expect(() => validateEmails(anything)).not.toThrow();
			}),
		);
	});
});

const versions: ApiVersion[] = ['11', '12', '13', '14', '15', '16'].map((version) => ({
	Version: version,
	ReleasedOn: '2025-01-01',
	Latest: version === '16',
}));
const categories: ApiCategory[] = [
	{
		Name: 'Reports',
		Scopes: [
			{Id: 'reports.get', Name: 'Read reports', Method: 'GET', Path: '/Reports'},
			{Id: 'reports.post', Name: 'Run reports', Method: 'POST', Path: '/Reports'},
		],
	},
];
const users: User[] = [{Id: 'U1', Name: 'Ada', Email: 'ada@example.com'}];

describe('versions', () => {
	test('compareVersions is an order on version numbers: antisymmetric, numeric, transitive', () => {
		const version = fc.oneof(fc.nat({max: 40}).map(String), fc.constantFrom('2.1', '10.0', 'beta', '9a'));
		fc.assert(
			fc.property(version, version, version, (a, b, c) => {
				expect(Math.sign(compareVersions(a, b)) + Math.sign(compareVersions(b, a))).toBe(0);
				if (/^\d+$/.test(a) && /^\d+$/.test(b))
					expect(Math.sign(compareVersions(a, b))).toBe(Math.sign(+a - +b));
				if (compareVersions(a, b) < 0 && compareVersions(b, c) < 0)
					expect(compareVersions(a, c)).toBeLessThan(0);
			}),
		);
	});

	test('an upgrade is accepted exactly when the target is in the catalogue and newer', () => {
		const name = fc.oneof(fc.constantFrom(...versions.map((v) => v.Version)), anyText(4));
		fc.assert(
			fc.property(fc.constantFrom(...versions.map((v) => v.Version)), name, (current, target) => {
				const known = versions.some((v) => v.Version === target);
				const ok = known && Number(target) > Number(current);
				expect(validateUpgrade(current, target, versions) === undefined).toBe(ok);
			}),
		);
	});

	test('latestVersion is the marked one, else the highest', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.nat({max: 30}), {minLength: 1, maxLength: 8}),
				fc.option(fc.nat()),
				(numbers, marked) => {
					const catalogue = numbers.map((n, index) => ({
						Version: String(n),
						ReleasedOn: '2025-01-01',
						Latest: marked !== null && index === marked % numbers.length,
					}));
					const expected =
						marked === null ? String(Math.max(...numbers)) : String(numbers[marked % numbers.length]);
					expect(latestVersion(catalogue)).toBe(expected);
				},
			),
		);
	});
});

describe('a whole token input', () => {
	const validInput: TokenInput = {
		Name: 'Valid',
		Description: '',
		ApiVersion: '16',
		PrimaryContact: 'U1',
		DeveloperEmails: [],
		Scopes: ['reports.get'],
	};
	const catalogues = {versions, categories, users};
	const fields = Object.keys(validInput) as Array<keyof TokenInput>;
	const broken: Record<keyof TokenInput, fc.Arbitrary<unknown>> = {
		Name: fc.constantFrom('', '   ', 'x'.repeat(101), 'bell\u0007'),
		Description: fc.constantFrom('x'.repeat(501), 'esc\u001B[2J'),
		ApiVersion: fc.constantFrom('', '17', '../16', '16 '),
		PrimaryContact: fc.constantFrom('', 'U2', 'u1'),
		DeveloperEmails: fc.constantFrom(
			['no-at'],
			['a@b.c', 'A@B.C'],
			Array.from({length: 21}, (_, i) => `d${i}@x.io`),
		),
		Scopes: fc.constantFrom([], ['reports.delete'], ['']),
	};

	test('each broken field is reported, by name, in the order of the form, and nothing else is', () => {
		const breakage = fc
			.record(
				Object.fromEntries(
					fields.map((field) => [field, fc.option(broken[field], {nil: undefined})]),
				) as Record<keyof TokenInput, fc.Arbitrary<unknown>>,
			)
			.filter((changes) => Object.values(changes).some((value) => value !== undefined));
		fc.assert(
			fc.property(breakage, (changes) => {
				const chosen = fields.filter((field) => changes[field] !== undefined);
				const input = {...validInput, ...Object.fromEntries(chosen.map((field) => [field, changes[field]]))};
				const errors = validateTokenInput(input as TokenInput, catalogues);
				expect(errors.map((error) => error.field)).toEqual(chosen);
				for (const error of errors) expect(error.message.length).toBeGreaterThan(0);
			}),
		);
	});

	test('never throws on hostile strings in any field', () => {
		fc.assert(
			fc.property(
				fc.record({
					Name: anyText(),
					Description: anyText(),
					ApiVersion: anyText(8),
					PrimaryContact: anyText(8),
					DeveloperEmails: fc.array(anyText(20), {maxLength: 4}),
					Scopes: fc.array(anyText(20), {maxLength: 4}),
				}),
				(input) => {
					expect(Array.isArray(validateTokenInput(input, catalogues))).toBe(true);
				},
			),
		);
	});
});
