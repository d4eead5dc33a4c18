/** The audit log of token changes and credential reveals (`GET /AuditLog`). Never holds a secret. */

export const auditActions = [
	'Create',
	'Edit',
	'Duplicate',
	'Reset',
	'Upgrade',
	'Enable',
	'Disable',
	'Delete',
	'Reveal',
	'EnableLegacy',
] as const;

export type AuditAction = (typeof auditActions)[number];

export type AuditEntry = {
	Id: string;
	/** ISO 8601 timestamp. */
	At: string;
	/** The operator's name. */
	Actor: string;
	Action: AuditAction;
	/** Empty for account-wide actions (EnableLegacy). */
	TokenId: string;
	TokenName: string;
	/** What else is worth knowing: the pair reset ("ReadOnly"), "15 → 16", the edited fields. */
	Detail: string;
};

/** The answer of `GET /Agencies/{TokenAccountSid}/CompanyInformation`, called with a managed token's own credentials. */
export type CompanyInformation = {
	CompanyName: string;
	AccountSid: string;
	/** Which pair of the token authenticated: always ReadWrite for scoped tokens. */
	Credential: 'ReadWrite' | 'ReadOnly';
};
