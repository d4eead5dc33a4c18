import type {ApiCategory, ApiVersion, TokenInput, User} from './token.js';

/** A validation failure, naming the field (as the API spells it) and saying what is wrong. */
export type FieldError = {
	field: keyof TokenInput;
	message: string;
};

export const limits = {
	nameLength: 100,
	descriptionLength: 500,
	developerEmails: 20,
	emailLength: 254,
} as const;

/** C0, DEL, C1 and the bidi embedding/override/isolate controls. */
const controlCharacters = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/** Deliberately plain: one @, no spaces, a dot in the domain, as mail forms check. */
const emailPattern = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/u;

const length = (text: string) => [...text].length;

export function validateName(name: string): string | undefined {
	if (name.trim() === '') return 'Token name is required';
	if (length(name) > limits.nameLength) {
		return `Token name must be at most ${limits.nameLength} characters (it has ${length(name)})`;
	}

	if (controlCharacters.test(name)) return 'Token name must not contain control characters';
	return undefined;
}

export function validateDescription(description: string): string | undefined {
	if (length(description) > limits.descriptionLength) {
		return `Description must be at most ${limits.descriptionLength} characters (it has ${length(description)})`;
	}

	if (/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u.test(description)) {
		return 'Description must not contain control characters';
	}

	return undefined;
}

export function validateEmail(email: string): string | undefined {
	if (email.length > limits.emailLength || !emailPattern.test(email)) {
		return `Developer e-mail "${email}" is not a valid e-mail address`;
	}

	return undefined;
}

export function validateEmails(emails: readonly string[]): string | undefined {
	if (emails.length > limits.developerEmails) {
		return `At most ${limits.developerEmails} developer e-mail addresses are allowed`;
	}

	for (const email of emails) {
		const error = validateEmail(email);
		if (error) return error;
	}

	if (new Set(emails.map((email) => email.toLowerCase())).size !== emails.length) {
		return 'Developer e-mail addresses must not repeat';
	}

	return undefined;
}

export function validateApiVersion(version: string, catalogue: readonly ApiVersion[]): string | undefined {
	if (!catalogue.some((known) => known.Version === version)) {
		return `API version "${version}" is not one of ${catalogue.map((known) => known.Version).join(', ')}`;
	}

	return undefined;
}

/** Upgrades only: the target must exist and be newer than the current version. */
export function validateUpgrade(
	current: string,
	target: string,
	catalogue: readonly ApiVersion[],
): string | undefined {
	const unknown = validateApiVersion(target, catalogue);
	if (unknown) return unknown;
	if (compareVersions(target, current) <= 0) {
		return `API version ${target} is not newer than the token's version ${current}; versions can only be upgraded`;
	}

	return undefined;
}

export function validateScopes(
	scopes: readonly string[],
	catalogue: readonly ApiCategory[],
): string | undefined {
	if (scopes.length === 0) return 'Select at least one API scope';
	const known = new Set(catalogue.flatMap((category) => category.Scopes.map((scope) => scope.Id)));
	const unknown = scopes.find((scope) => !known.has(scope));
	if (unknown !== undefined) return `API scope "${unknown}" is not in the catalogue`;
	return undefined;
}

export function validatePrimaryContact(contact: string, users: readonly User[]): string | undefined {
	if (contact === '') return 'Primary contact is required';
	if (!users.some((user) => user.Id === contact))
		return `Primary contact "${contact}" is not a user of this account`;
	return undefined;
}

export type Catalogues = {
	versions: readonly ApiVersion[];
	categories: readonly ApiCategory[];
	users: readonly User[];
};

/** Every problem with a token's fields, in the order the form shows them. */
export function validateTokenInput(input: TokenInput, catalogues: Catalogues): FieldError[] {
	const checks: Array<[keyof TokenInput, string | undefined]> = [
		['Name', validateName(input.Name)],
		['Description', validateDescription(input.Description)],
		['ApiVersion', validateApiVersion(input.ApiVersion, catalogues.versions)],
		['PrimaryContact', validatePrimaryContact(input.PrimaryContact, catalogues.users)],
		['DeveloperEmails', validateEmails(input.DeveloperEmails)],
		['Scopes', validateScopes(input.Scopes, catalogues.categories)],
	];
	return checks.flatMap(([field, message]) => (message ? [{field, message}] : []));
}

/** Numeric comparison of API versions ("9" < "10"), falling back to text for odd spellings. */
export function compareVersions(a: string, b: string): number {
	const numberA = Number(a);
	const numberB = Number(b);
	if (Number.isFinite(numberA) && Number.isFinite(numberB)) return numberA - numberB;
	return a.localeCompare(b, 'en', {numeric: true});
}

/** The latest version of a catalogue: the one marked latest, else the highest. */
export function latestVersion(catalogue: readonly ApiVersion[]): string | undefined {
	const marked = catalogue.find((version) => version.Latest);
	if (marked) return marked.Version;
	return [...catalogue].sort((a, b) => compareVersions(b.Version, a.Version))[0]?.Version;
}
