import path from 'node:path';
import {appPaths} from '../app-paths.js';
import {t} from '../i18n/index.js';

export const sandboxAccountSid = 'IRAgencyDemo1';
export const sandboxOperatorToken = 'demo-admin';
/** Where the operator's auth token is read from (a flag works too, but shows in `ps`). */
export const authTokenVariable = 'AGENCY_TOKENS_AUTH_TOKEN';

export type Target =
	| {kind: 'remote'; apiUrl: string; accountSid: string; authToken: string}
	| {
			kind: 'sandbox';
			dataDir: string;
			accountSid: string;
			authToken: string;
			latencyMs: number;
			failRate: number;
	  };

/**
 * Where the app connects: the server named by flags or environment, else the
 * embedded sandbox. Returns a message naming what is missing or wrong instead.
 */
/** The flags that say where to connect (the app's and `list`'s). */
export type ConnectionFlags = {
	apiUrl?: string | undefined;
	accountSid?: string | undefined;
	authToken?: string | undefined;
	data?: string | undefined;
	latency?: number;
	failRate?: number;
};

export function resolveTarget(
	{latency = 0, failRate = 0, ...flags}: ConnectionFlags,
	env: NodeJS.ProcessEnv = process.env,
): Target | {error: string} {
	const apiUrl = flags.apiUrl ?? env['AGENCY_TOKENS_API_URL'];
	const accountSid = flags.accountSid ?? env['AGENCY_TOKENS_ACCOUNT_SID'];
	const authToken = flags.authToken ?? env[authTokenVariable];
	if (apiUrl) {
		if (!/^https?:\/\/[^/]+/u.test(apiUrl)) return {error: t('usage.apiUrl', {value: apiUrl})};
		if (!accountSid) return {error: t('usage.accountSid')};
		if (!authToken) return {error: t('usage.authToken')};
		return {kind: 'remote', apiUrl: cleanApiUrl(apiUrl), accountSid, authToken};
	}

	if (!Number.isFinite(latency) || latency < 0) return {error: t('usage.latency')};
	if (!Number.isFinite(failRate) || failRate < 0 || failRate > 1) {
		return {error: t('usage.failRate')};
	}

	return {
		kind: 'sandbox',
		dataDir: flags.data ?? path.join(appPaths().data, 'sandbox'),
		accountSid: accountSid ?? sandboxAccountSid,
		authToken: authToken ?? sandboxOperatorToken,
		latencyMs: latency,
		failRate: failRate,
	};
}

/**
 * The server and account the app would ask an auth token for: a remote target
 * whose URL and account are given but whose token is not (by flag or environment).
 */
export function missingAuthToken(
	flags: ConnectionFlags,
	env: NodeJS.ProcessEnv = process.env,
): {apiUrl: string; accountSid: string} | undefined {
	const apiUrl = flags.apiUrl ?? env['AGENCY_TOKENS_API_URL'];
	const accountSid = flags.accountSid ?? env['AGENCY_TOKENS_ACCOUNT_SID'];
	if (!apiUrl || !accountSid || flags.authToken !== undefined || env[authTokenVariable]) return undefined;
	if (!/^https?:\/\/[^/]+/u.test(apiUrl)) return undefined;
	return {apiUrl: cleanApiUrl(apiUrl), accountSid};
}

/**
 * The API URL as the app uses and shows it: without user:password@ (the client
 * never sends it, and the status line and prompt would show it), a query or a
 * trailing slash.
 */
export function cleanApiUrl(apiUrl: string): string {
	try {
		const url = new URL(apiUrl);
		return `${url.origin}${url.pathname}`.replace(/\/+$/u, '');
	} catch {
		return apiUrl.replace(/\/+$/u, '');
	}
}
