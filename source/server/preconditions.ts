/**
 * ETags and conditional requests. A token's ETag is its Version (`"7"`), the
 * value `If-Match` must carry on PUT. A list's ETag is derived from the data
 * directory, the global revision and the normalised query, so revalidating an
 * unchanged list costs neither a scan nor a body.
 */
import {createHash} from 'node:crypto';
import {ApiError} from './errors.js';
import type {StoredToken} from './model.js';

export const tokenEtag = (token: Pick<StoredToken, 'Version'>) => `"${token.Version}"`;

/**
 * `"<instance>.<revision>.<query hash>"`. Lists filtered on creation time also
 * change as time passes, with no write at all: those carry the current minute,
 * so a cached window is at most a minute stale.
 */
export function listEtag(
	instance: string,
	revision: number,
	query: string,
	timeDependent: boolean,
	now: number,
): string {
	const hash = createHash('sha256').update(query).digest('base64url').slice(0, 16);
	const minute = timeDependent ? `.${Math.floor(now / 60_000)}` : '';
	return `"${instance}.${revision}.${hash}${minute}"`;
}

/** The entity tags of an `If-Match`/`If-None-Match` header, with weakness dropped (both comparisons here are weak). */
function tags(header: string): string[] {
	return header
		.split(',')
		.map((tag) => tag.trim().replace(/^W\//, ''))
		.filter((tag) => tag !== '')
		.map((tag) => (tag === '*' || tag.startsWith('"') ? tag : `"${tag}"`));
}

/** Whether `If-None-Match` names the current representation (answer 304). */
export function noneMatch(header: string | undefined, etag: string): boolean {
	if (!header) return false;
	const given = tags(header);
	return given.includes('*') || given.includes(etag);
}

/**
 * Enforces `If-Match` on a write to a token. PUT must send it (428 when
 * missing: an edit made without having seen the current version would silently
 * overwrite someone else's); the actions honour it when sent.
 */
export function checkIfMatch(
	header: string | string[] | undefined,
	token: StoredToken,
	required: boolean,
): void {
	const value = Array.isArray(header) ? header.join(',') : header;
	if (value === undefined || value.trim() === '') {
		if (!required) return;
		throw new ApiError(
			428,
			`Send If-Match with the token's ETag (its Version, now ${token.Version}) so an edit never overwrites someone else's`,
		);
	}

	const given = tags(value);
	if (given.includes('*') || given.includes(tokenEtag(token))) return;
	throw new ApiError(
		412,
		`Token "${token.Name}" was changed by someone else (it is at version ${token.Version} now, you sent ${given.join(', ').slice(0, 60)}); reload it and try again`,
	);
}
