/**
 * Checks that an answer has the shape the contract promises before the app
 * relies on it. Deliberately lenient about details (another server may add
 * fields or leave optional ones out) and strict about what would crash the
 * app: a list that is not an array, a token without an `Id`, paging without
 * numbers. A failure throws `BadShape`, which the transport turns into an
 * `ApiError` with code `badResponse`.
 */
import type {PageInfo} from '../domain/paging.js';
import type {AccessToken, Credentials} from '../domain/token.js';

/** The answer lacks something the contract promises; `what` names it for the message. */
export class BadShape extends Error {
	override name = 'BadShape';
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function object(value: unknown, what = 'an object'): JsonObject {
	if (!isObject(value)) throw new BadShape(`is not ${what}`);
	return value;
}

export function arrayAt(record: JsonObject, key: string): unknown[] {
	const value = record[key];
	if (!Array.isArray(value)) throw new BadShape(`lacks the list "${key}"`);
	return value;
}

export function objectAt(record: JsonObject, key: string): JsonObject {
	const value = record[key];
	if (!isObject(value)) throw new BadShape(`lacks "${key}"`);
	return value;
}

export function stringAt(record: JsonObject, key: string): string {
	const value = record[key];
	if (typeof value !== 'string') throw new BadShape(`lacks the text "${key}"`);
	return value;
}

export function booleanAt(record: JsonObject, key: string): boolean {
	const value = record[key];
	if (typeof value !== 'boolean') throw new BadShape(`lacks the switch "${key}"`);
	return value;
}

/**
 * A token, checked where the app would otherwise crash: `Id` and `Name` are
 * text, `Version` a number, `Scopes` and `DeveloperEmails` lists.
 */
export function token(value: unknown): AccessToken {
	const record = object(value, 'a token');
	stringAt(record, 'Id');
	stringAt(record, 'Name');
	if (typeof record['Version'] !== 'number') throw new BadShape('has a token without a numeric "Version"');
	if (!Array.isArray(record['Scopes'])) throw new BadShape('has a token without a "Scopes" list');
	if (!Array.isArray(record['DeveloperEmails']))
		throw new BadShape('has a token without a "DeveloperEmails" list');
	return record as unknown as AccessToken;
}

export function credentials(value: unknown): Credentials {
	const record = object(value, 'a credential pair');
	stringAt(record, 'AccountSid');
	stringAt(record, 'AuthToken');
	return record as unknown as Credentials;
}

const pageNumbers = ['@page', '@numpages', '@pagesize', '@total'] as const;

/** The paging fields of a list answer; the URIs default to empty when a server leaves them out. */
export function pageInfo(record: JsonObject): PageInfo {
	for (const key of pageNumbers) {
		const value = record[key];
		if (typeof value !== 'number' || !Number.isFinite(value)) throw new BadShape(`lacks the number "${key}"`);
	}

	const number = (key: keyof PageInfo) => (typeof record[key] === 'number' ? (record[key] as number) : 0);
	const text = (key: keyof PageInfo) => (typeof record[key] === 'string' ? (record[key] as string) : '');
	return {
		'@page': number('@page'),
		'@numpages': number('@numpages'),
		'@pagesize': number('@pagesize'),
		'@total': number('@total'),
		'@start': number('@start'),
		'@end': number('@end'),
		'@uri': text('@uri'),
		'@firstpageuri': text('@firstpageuri'),
		'@previouspageuri': text('@previouspageuri'),
		'@nextpageuri': text('@nextpageuri'),
		'@lastpageuri': text('@lastpageuri'),
	};
}
