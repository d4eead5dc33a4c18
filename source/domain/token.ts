/**
 * The access-token model shared by the server, the API client and the app.
 * Field names are PascalCase, as impact.com's API spells them.
 */

export type TokenState = 'Enabled' | 'Disabled';

/** Which credential pair of a legacy token an action applies to. */
export type CredentialKind = 'ReadWrite' | 'ReadOnly';

/** A credential pair as lists and details show it: never the secret, only its last 4 characters. */
export type CredentialHint = {
	AccountSid: string;
	AuthTokenHint: string;
};

/** An access token as the API returns it in lists and on GET. */
export type AccessToken = {
	Id: string;
	Name: string;
	Description: string;
	ApiVersion: string;
	State: TokenState;
	/** Created before April 2025: has a Read/Write and a Read-Only credential pair. */
	Legacy: boolean;
	/** ISO 8601 timestamps. */
	CreatedAt: string;
	UpdatedAt: string;
	LastUsedAt: string | null;
	/** Id of one of the account's users (`/Users`). */
	PrimaryContact: string;
	DeveloperEmails: string[];
	/** Ids from the `/ApiScopes` catalogue. */
	Scopes: string[];
	/** The Account SID of the token's own (Read/Write) credential. */
	AccountSid: string;
	AuthTokenHint: string;
	/** The Read-Only pair of a legacy token; null for scoped tokens. */
	ReadOnly: CredentialHint | null;
	/** Increases on every change; sent as the `ETag` and expected back in `If-Match`. */
	Version: number;
};

/** The fields an operator sets when creating or editing a token. */
export type TokenInput = {
	Name: string;
	Description: string;
	ApiVersion: string;
	PrimaryContact: string;
	DeveloperEmails: string[];
	Scopes: string[];
};

/** The fields an edit (PUT) may change; the API version changes only through Upgrade. */
export type TokenEdit = Omit<TokenInput, 'ApiVersion'>;

/** A credential pair revealed in full, as create, duplicate, reset and reveal return it once. */
export type Credentials = {
	AccountSid: string;
	AuthToken: string;
};

/** The answer to create and duplicate: the token plus its new credentials, shown once. */
export type CreatedToken = {
	AccessToken: AccessToken;
	Credentials: Credentials;
};

export type ApiVersion = {
	Version: string;
	ReleasedOn: string;
	Latest: boolean;
};

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type ApiScope = {
	Id: string;
	Name: string;
	Method: HttpMethod;
	Path: string;
};

export type ApiCategory = {
	Name: string;
	Scopes: ApiScope[];
};

export type User = {
	Id: string;
	Name: string;
	Email: string;
};

export const roles = ['Account Administrator', 'Implementation Specialist', 'Read-Only', 'Analyst'] as const;

export type Role = (typeof roles)[number];

/** The roles that may manage (change) tokens. */
export const managingRoles: readonly Role[] = ['Account Administrator', 'Implementation Specialist'];

/** Who the app is connected as (`GET /Operator`). */
export type Operator = {
	Name: string;
	Role: Role;
	UserId: string;
	/** False for a role that may only read tokens. */
	CanWrite: boolean;
};

/** Whether two Read-Only pairs (or their absence) are the same. */
export function sameCredentialHint(a: CredentialHint | null, b: CredentialHint | null): boolean {
	// A lenient server may leave the field out (undefined) where another copy has it.
	if (a === null || a === undefined || b === null || b === undefined) return a === b;
	return a.AccountSid === b.AccountSid && a.AuthTokenHint === b.AuthTokenHint;
}

/** Whether a scope lets its holder change data. */
export function isWriteScope(scope: Pick<ApiScope, 'Method'>): boolean {
	return scope.Method !== 'GET';
}
