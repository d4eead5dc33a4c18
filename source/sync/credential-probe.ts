/**
 * Tries a managed token's own credentials against the server, the way an
 * integration would: GET /Agencies/{AccountSid}/CompanyInformation. The guided
 * tour uses it to show an old secret stop working after a reset.
 */
import {Buffer} from 'node:buffer';
import got from 'got';
import type {Credentials} from '../domain/token.js';
import {t} from '../i18n/index.js';

/** The HTTP status, or why there is none. Never carries the credentials. */
export type ProbeAnswer = {readonly status: number} | {readonly error: string};

export type CredentialProbe = (apiUrl: string, credentials: Credentials) => Promise<ProbeAnswer>;

/**
 * One request, no retries, no cache: a retry could blur "refused" into
 * "slow", and a cached answer would say nothing about now. The secret goes
 * only into the Authorization header; failures are reported by kind, never
 * with the request (got's errors can carry its options).
 */
export const probeCredentials: CredentialProbe = async (apiUrl, credentials) => {
	if (!/^https?:\/\//u.test(apiUrl)) return {error: t('probe.notConnected')};
	const basic = Buffer.from(`${credentials.AccountSid}:${credentials.AuthToken}`).toString('base64');
	try {
		const response = await got(
			`${apiUrl}/Agencies/${encodeURIComponent(credentials.AccountSid)}/CompanyInformation`,
			{
				headers: {authorization: `Basic ${basic}`, accept: 'application/json'},
				throwHttpErrors: false,
				followRedirect: false,
				retry: {limit: 0},
				timeout: {request: 5000},
			},
		);
		return {status: response.statusCode};
	} catch (error) {
		const code = (error as {code?: unknown}).code;
		return {
			error: typeof code === 'string' ? t('probe.unreachableCode', {code}) : t('probe.unreachable'),
		};
	}
};
