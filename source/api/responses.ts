/**
 * Decoders of the contract's answers, one per kind, on top of decode.ts. Where
 * the contract is loose (a bare object or one wrapped under its name) both
 * spellings are accepted.
 */
import type {AuditEntry} from '../domain/audit.js';
import type {PageInfo} from '../domain/paging.js';
import type {AccessToken, CreatedToken, Credentials, Operator} from '../domain/token.js';
import * as decode from './decode.js';
import {compactToken} from './intern.js';

export type RevealedCredentials = {ReadWrite: Credentials; ReadOnly: Credentials | null};

/** A list answer that is either the bare array or an object holding it under one of `keys`. */
export function listOf(body: unknown, keys: readonly string[]): unknown[] {
	if (Array.isArray(body)) return body;
	const record = decode.object(body);
	const key = keys.find((candidate) => Array.isArray(record[candidate]));
	if (key === undefined) throw new decode.BadShape(`lacks the list "${keys[0]}"`);
	return record[key] as unknown[];
}

/** An object answer that is either bare or wrapped under `key` (`{"AccessToken": {...}}`). */
export function unwrap(body: unknown, key: string): decode.JsonObject {
	const record = decode.object(body);
	const inner = record[key];
	return decode.isObject(inner) ? inner : record;
}

/** `GET /AccessTokens/{Id}` and the actions that answer with the token. */
export const decodeToken = (body: unknown) => decode.token(unwrap(body, 'AccessToken'));

/** Create, duplicate and reset: the token and its new credentials. */
export function decodeCreated(body: unknown): CreatedToken {
	const record = decode.object(body);
	return {
		AccessToken: decode.token(decode.objectAt(record, 'AccessToken')),
		Credentials: decode.credentials(decode.objectAt(record, 'Credentials')),
	};
}

/** `GET /AccessTokens`: the tokens under `AccessTokens` beside the paging fields. */
export function decodePage(body: unknown): {tokens: AccessToken[]; info: PageInfo} {
	const record = decode.object(body);
	return {
		tokens: decode.arrayAt(record, 'AccessTokens').map((value) => compactToken(decode.token(value))),
		info: decode.pageInfo(record),
	};
}

/** `GET /AccessTokens/{Id}/Credentials`: both pairs, Read-Only null for scoped tokens. */
export function decodeRevealed(body: unknown): RevealedCredentials {
	const record = decode.object(body);
	const readOnly = record['ReadOnly'];
	return {
		ReadWrite: decode.credentials(decode.objectAt(record, 'ReadWrite')),
		ReadOnly: readOnly === null || readOnly === undefined ? null : decode.credentials(readOnly),
	};
}

/** `GET /Operator`. */
export function decodeOperator(body: unknown): Operator {
	const record = unwrap(body, 'Operator');
	decode.stringAt(record, 'Name');
	decode.stringAt(record, 'Role');
	decode.booleanAt(record, 'CanWrite');
	return record as unknown as Operator;
}

/** `GET`/`POST /LegacyTokens/Enable`: `{Enabled}`. */
export const decodeEnabled = (body: unknown) => decode.booleanAt(decode.object(body), 'Enabled');

/** `GET /AuditLog`: the entries under `AuditEntries` beside the paging fields. */
export function decodeAudit(body: unknown): {entries: AuditEntry[]; info: PageInfo} {
	const record = decode.object(body);
	const entries = decode.arrayAt(record, 'AuditEntries').map((entry) => {
		decode.stringAt(decode.object(entry, 'an audit entry'), 'Action');
		return entry as AuditEntry;
	});
	return {entries, info: decode.pageInfo(record)};
}
