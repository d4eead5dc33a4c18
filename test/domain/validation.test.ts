import {describe, expect, test} from 'vitest';
import type {ApiCategory, ApiVersion, TokenInput, User} from '../../source/domain/token.js';
import {
	compareVersions,
	latestVersion,
	limits,
	validateApiVersion,
	validateDescription,
	validateEmail,
	validateEmails,
	validateName,
	validatePrimaryContact,
	validateScopes,
	validateTokenInput,
	validateUpgrade,
} from '../../source/domain/validation.js';

const versions: ApiVersion[] = [
	{Version: '9', ReleasedOn: '2020-01-01', Latest: false},
	{Version: '10', ReleasedOn: '2021-01-01', Latest: false},
	{Version: '16', ReleasedOn: '2025-06-02', Latest: true},
];
const categories: ApiCategory[] = [
	{
		Name: 'Account',
		Scopes: [
			{Id: 'account.users.get', Name: 'Read account users', Method: 'GET', Path: '/Users'},
			{Id: 'account.users.post', Name: 'Create account users', Method: 'POST', Path: '/Users'},
		],
	},
];
const users: User[] = [{Id: 'U1001', Name: 'Ada Lindqvist', Email: 'ada@example.com'}];

describe('validateName', () => {
	test.each([
		['Production', undefined],
		['東京オフィス', undefined],
		['x'.repeat(limits.nameLength), undefined],
		['', 'Token name is required'],
		['   ', 'Token name is required'],
		['x'.repeat(101), 'Token name must be at most 100 characters (it has 101)'],
		// Length counts characters, not UTF-16 units: 100 emoji are fine.
		['😀'.repeat(100), undefined],
		['bad\u0007bell', 'Token name must not contain control characters'],
		['tab\there', 'Token name must not contain control characters'],
		['spoof\u202Eevil', 'Token name must not contain control characters'],
	])('%j → %j', (name, message) => {
		expect(validateName(name)).toBe(message);
	});
});

describe('validateDescription', () => {
	test.each([
		['', undefined],
		['Two lines\nare fine', undefined],
		['y'.repeat(500), undefined],
		['y'.repeat(501), 'Description must be at most 500 characters (it has 501)'],
		['escape\u001B[2J', 'Description must not contain control characters'],
		['isolate\u2066', 'Description must not contain control characters'],
	])('%j → %j', (description, message) => {
		expect(validateDescription(description)).toBe(message);
	});
});

describe('validateEmail and validateEmails', () => {
	test.each([
		['dev@example.com', undefined],
		['first.last+tag@sub.example.co.uk', undefined],
		['no-at-sign.example.com', 'Developer e-mail "no-at-sign.example.com" is not a valid e-mail address'],
		['two@@example.com', 'Developer e-mail "two@@example.com" is not a valid e-mail address'],
		['nodot@example', 'Developer e-mail "nodot@example" is not a valid e-mail address'],
		['spa ce@example.com', 'Developer e-mail "spa ce@example.com" is not a valid e-mail address'],
	])('%j → %j', (email, message) => {
		expect(validateEmail(email)).toBe(message);
	});

	test('an address longer than 254 characters is refused', () => {
		const long = `${'a'.repeat(250)}@example.com`;
		expect(validateEmail(long)).toBe(`Developer e-mail "${long}" is not a valid e-mail address`);
	});

	test.each([
		[[], undefined],
		[['a@example.com', 'b@example.com'], undefined],
		[['a@example.com', 'A@Example.com'], 'Developer e-mail addresses must not repeat'],
		[['a@example.com', 'broken'], 'Developer e-mail "broken" is not a valid e-mail address'],
		[
			Array.from({length: 21}, (_, index) => `d${index}@example.com`),
			'At most 20 developer e-mail addresses are allowed',
		],
	])('%j → %j', (emails, message) => {
		expect(validateEmails(emails)).toBe(message);
	});
});

describe('API versions, scopes and the primary contact', () => {
	test.each([
		['16', undefined],
		['10', undefined],
		['17', 'API version "17" is not one of 9, 10, 16'],
	])('version %j → %j', (version, message) => {
		expect(validateApiVersion(version, versions)).toBe(message);
	});

	test.each([
		[['account.users.get'], undefined],
		[[], 'Select at least one API scope'],
		[['account.users.get', 'made.up'], 'API scope "made.up" is not in the catalogue'],
	])('scopes %j → %j', (scopes, message) => {
		expect(validateScopes(scopes, categories)).toBe(message);
	});

	test.each([
		['U1001', undefined],
		['', 'Primary contact is required'],
		['U9999', 'Primary contact "U9999" is not a user of this account'],
	])('contact %j → %j', (contact, message) => {
		expect(validatePrimaryContact(contact, users)).toBe(message);
	});
});

describe('validateTokenInput', () => {
	const valid: TokenInput = {
		Name: 'Production',
		Description: '',
		ApiVersion: '16',
		PrimaryContact: 'U1001',
		DeveloperEmails: [],
		Scopes: ['account.users.get'],
	};

	test('a valid input has no errors', () => {
		expect(validateTokenInput(valid, {versions, categories, users})).toEqual([]);
	});

	test('every problem is reported, named by field, in the order of the form', () => {
		const input: TokenInput = {
			Name: '',
			Description: 'ok',
			ApiVersion: '1',
			PrimaryContact: '',
			DeveloperEmails: ['bad'],
			Scopes: [],
		};
		expect(validateTokenInput(input, {versions, categories, users})).toEqual([
			{field: 'Name', message: 'Token name is required'},
			{field: 'ApiVersion', message: 'API version "1" is not one of 9, 10, 16'},
			{field: 'PrimaryContact', message: 'Primary contact is required'},
			{field: 'DeveloperEmails', message: 'Developer e-mail "bad" is not a valid e-mail address'},
			{field: 'Scopes', message: 'Select at least one API scope'},
		]);
	});
});

describe('compareVersions, latestVersion, validateUpgrade', () => {
	test.each([
		['9', '10', -1],
		['10', '9', 1],
		['16', '16', 0],
		['2.0', '10', -1],
		['v2', 'v10', -1], // not numbers: compared as text, digits by value
		['v10', 'v2', 1],
	])('compareVersions(%j, %j) has the sign of %d', (a, b, sign) => {
		expect(Math.sign(compareVersions(a, b))).toBe(sign);
	});

	test.each<[string, ApiVersion[], string | undefined]>([
		['the one marked latest', versions, '16'],
		[
			'the highest when none is marked, numerically ("10" > "9")',
			versions.map((version) => ({...version, Latest: false})).slice(0, 2),
			'10',
		],
		[
			'the marked one even if not the highest',
			[...versions, {Version: '20', ReleasedOn: '', Latest: false}],
			'16',
		],
		['nothing for an empty catalogue', [], undefined],
	])('latestVersion is %s', (_case, catalogue, latest) => {
		expect(latestVersion(catalogue)).toBe(latest);
	});

	test.each([
		['9', '16', undefined],
		['9', '10', undefined], // numerically newer, though "10" < "9" as text
		['16', '16', "API version 16 is not newer than the token's version 16; versions can only be upgraded"],
		['16', '10', "API version 10 is not newer than the token's version 16; versions can only be upgraded"],
		['9', '17', 'API version "17" is not one of 9, 10, 16'],
	])('upgrading from %j to %j → %j', (current, target, message) => {
		expect(validateUpgrade(current, target, versions)).toBe(message);
	});
});
