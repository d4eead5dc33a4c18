/**
 * The typed client of the token API (DESIGN.md, "Token API contract"). Each
 * method is one call of the contract; transport.ts does the HTTP.
 */
import type {AuditEntry} from '../domain/audit.js';
import {maxPageSize, type PageInfo} from '../domain/paging.js';
import type {
	AccessToken,
	ApiCategory,
	ApiVersion,
	CreatedToken,
	CredentialKind,
	Credentials,
	Operator,
	TokenEdit,
	TokenInput,
	User,
} from '../domain/token.js';
import {walkPages} from './list-all.js';
import {listSearchParams, pageSearchParams, type ListQuery} from './query.js';
import {
	decodeAudit,
	decodeCreated,
	decodeEnabled,
	decodeOperator,
	decodePage,
	decodeRevealed,
	decodeToken,
	listOf,
	type RevealedCredentials,
} from './responses.js';
import {createTransport, type Call, type TransportOptions} from './transport.js';

export type {RevealedCredentials} from './responses.js';

/** Where the API is, the credentials, and how to retry and cache: declared once, in transport.ts, which uses them. */
export type ApiClientOptions = TransportOptions;

/** One page of the token list. */
export type TokenPage = {
	tokens: AccessToken[];
	info: PageInfo;
	/** True when the server answered 304 and the page came from the revalidated cache entry. */
	fromCache: boolean;
};

export type ResetResult = {AccessToken: AccessToken; Credentials: Credentials};
export type AuditPage = {entries: AuditEntry[]; info: PageInfo; fromCache: boolean};

/**
 * Every method rejects with an `ApiError` only (see errors.ts). Writes take
 * the token's `Version` as read; when given it is sent as `If-Match`, and a
 * token changed since then fails with code `conflict` (412).
 */
export type ApiClient = {
	/** The API URL as messages show it (no credentials). */
	readonly apiUrl: string;
	/** One page of the filtered list. */
	listTokens(query: ListQuery, signal?: AbortSignal): Promise<TokenPage>;
	/**
	 * Every page of the filtered list: page 1 first, then the rest a few at a
	 * time. `onPage` hears each page in page order as soon as it and those
	 * before it have arrived. Resolves with all tokens, in list order, each
	 * once (pages shift when tokens are created or deleted meanwhile).
	 * `query.pageSize` defaults to the maximum, 1000. The pages skip the HTTP cache.
	 * With `collect: false` it resolves with no tokens and holds no page past its `onPage`.
	 */
	listAllTokens(
		query: ListQuery,
		onPage: (page: TokenPage) => void,
		signal?: AbortSignal,
		options?: {collect?: boolean},
	): Promise<AccessToken[]>;
	getToken(id: string, signal?: AbortSignal): Promise<AccessToken>;
	/** Creates a token; the answer holds its credentials, shown once. */
	createToken(input: TokenInput): Promise<CreatedToken>;
	/** Edits name, description, contacts and scopes; `version` is required (`If-Match`). */
	editToken(id: string, edit: TokenEdit, version: number): Promise<AccessToken>;
	duplicateToken(id: string, version?: number): Promise<CreatedToken>;
	/** A new secret for the token (for a legacy token: for the `credential` pair, default Read/Write). */
	resetToken(id: string, credential?: CredentialKind, version?: number): Promise<ResetResult>;
	upgradeToken(id: string, apiVersion: string, version?: number): Promise<AccessToken>;
	enableToken(id: string, version?: number): Promise<AccessToken>;
	disableToken(id: string, version?: number): Promise<AccessToken>;
	deleteToken(id: string, version?: number): Promise<void>;
	/** The token's full credentials (audited by the server; never cached here). */
	revealCredentials(id: string): Promise<RevealedCredentials>;
	apiVersions(): Promise<ApiVersion[]>;
	apiScopes(): Promise<ApiCategory[]>;
	users(): Promise<User[]>;
	/** Who these credentials belong to, and whether they may write. */
	operator(): Promise<Operator>;
	legacyEnabled(): Promise<boolean>;
	/** Turns legacy tokens on for the account; resolves with the new setting. */
	enableLegacy(): Promise<boolean>;
	auditLog(page?: number, pageSize?: number, signal?: AbortSignal): Promise<AuditPage>;
};

const tokenPath = (id: string, action?: string) =>
	`/AccessTokens/${encodeURIComponent(id)}${action === undefined ? '' : `/${action}`}`;

const nothing = () => undefined;

/** Creates a client for one account and one set of credentials. Throws a `TypeError` for an unusable `apiUrl`. */
export function createApiClient(options: ApiClientOptions): ApiClient {
	const transport = createTransport(options);
	const request = async <T>(call: Call, decoder: (body: unknown) => T): Promise<T> =>
		(await transport.send(call, decoder)).value;
	const write = (call: Omit<Call, 'ifMatch'>, version: number | undefined): Call =>
		version === undefined ? call : {...call, ifMatch: version};

	const listTokens = async (query: ListQuery, signal?: AbortSignal, uncached = false): Promise<TokenPage> => {
		const answer = await transport.send(
			{
				method: 'GET',
				path: '/AccessTokens',
				searchParams: listSearchParams(query),
				uncached,
				...(signal ? {signal} : {}),
			},
			decodePage,
		);
		return {...answer.value, fromCache: answer.fromCache};
	};

	return {
		apiUrl: transport.displayUrl,
		listTokens,

		async listAllTokens(query, onPage, signal, options) {
			const pageSize = query.pageSize ?? maxPageSize;
			// The pages of a walk skip the HTTP cache. The caller holds every token already;
			// caching the bodies as well cost a quarter of a 100,000-token load's CPU and the
			// cache's whole 64 MB, for no 304 ever: a list larger than the cap, walked in page
			// order, evicts each page before the next walk reaches it. (A small list's 304 saves
			// only the transfer: its cached body is parsed again all the same.)
			return walkPages(
				async (page, pageSignal) => listTokens({...query, page, pageSize}, pageSignal, true),
				onPage,
				signal,
				options?.collect ?? true,
			);
		},

		getToken: async (id, signal) =>
			request({method: 'GET', path: tokenPath(id), ...(signal ? {signal} : {})}, decodeToken),

		createToken: async (input) =>
			request({method: 'POST', path: '/AccessTokens', json: input}, decodeCreated),

		editToken: async (id, edit, version) =>
			request(write({method: 'PUT', path: tokenPath(id), json: edit}, version), decodeToken),

		duplicateToken: async (id, version) =>
			request(write({method: 'POST', path: tokenPath(id, 'Duplicate')}, version), decodeCreated),

		resetToken: async (id, credential, version) =>
			request(
				write(
					{
						method: 'POST',
						path: tokenPath(id, 'Reset'),
						...(credential === undefined ? {} : {json: {Credential: credential}}),
					},
					version,
				),
				decodeCreated,
			),

		upgradeToken: async (id, apiVersion, version) =>
			request(
				write({method: 'POST', path: tokenPath(id, 'Upgrade'), json: {ApiVersion: apiVersion}}, version),
				decodeToken,
			),

		enableToken: async (id, version) =>
			request(write({method: 'POST', path: tokenPath(id, 'Enable')}, version), decodeToken),

		disableToken: async (id, version) =>
			request(write({method: 'POST', path: tokenPath(id, 'Disable')}, version), decodeToken),

		deleteToken: async (id, version) =>
			request(write({method: 'DELETE', path: tokenPath(id)}, version), nothing),

		revealCredentials: async (id) =>
			request({method: 'GET', path: tokenPath(id, 'Credentials'), secret: true}, decodeRevealed),

		apiVersions: async () =>
			request({method: 'GET', path: '/ApiVersions'}, (body) => listOf(body, ['ApiVersions']) as ApiVersion[]),

		apiScopes: async () =>
			request(
				{method: 'GET', path: '/ApiScopes'},
				(body) => listOf(body, ['ApiCategories']) as ApiCategory[],
			),

		users: async () => request({method: 'GET', path: '/Users'}, (body) => listOf(body, ['Users']) as User[]),

		operator: async () => request({method: 'GET', path: '/Operator'}, decodeOperator),

		legacyEnabled: async () => request({method: 'GET', path: '/LegacyTokens/Enable'}, decodeEnabled),

		enableLegacy: async () => request({method: 'POST', path: '/LegacyTokens/Enable'}, decodeEnabled),

		async auditLog(page, pageSize, signal) {
			const answer = await transport.send(
				{
					method: 'GET',
					path: '/AuditLog',
					searchParams: pageSearchParams(page, pageSize),
					...(signal ? {signal} : {}),
				},
				decodeAudit,
			);
			return {...answer.value, fromCache: answer.fromCache};
		},
	};
}
