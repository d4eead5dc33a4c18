/**
 * HTTP Basic authentication and role checks. Two kinds of caller: operators
 * (the agency's people: `AccountSID:AuthToken` from fixtures/operators.json) and
 * managed tokens (their own `AccountSid:AuthToken`, only good for CompanyInformation).
 */
import {managingRoles, type CredentialKind, type Operator, type Role} from '../domain/token.js';
import {constantTimeEqual, secretMatches, type Keys} from './crypto.js';
import {forbidden, unauthorized} from './errors.js';
import type {AccountFixture, OperatorFixture} from './fixtures.js';
import {parseTokenSid, secretOf, type StoredToken} from './model.js';
import type {Repository} from './repository.js';

export type Principal =
	| {kind: 'operator'; operator: OperatorFixture; rateKey: string}
	| {kind: 'token'; token: StoredToken; pair: CredentialKind; sid: string; rateKey: string};

/**
 * What a route needs: `read` any operator who may see tokens, `write` a
 * managing role, `reveal` a managing role (secrets), `self` any operator at all
 * (`/Operator`, so the app can explain a refusal), `company` an operator or a token.
 */
export type Access = 'read' | 'write' | 'reveal' | 'self' | 'company';

const writers = new Set<Role>(managingRoles);
const readers = new Set<Role>([...managingRoles, 'Read-Only']);

export function parseBasic(header: string | undefined): {user: string; password: string} | undefined {
	const match = /^Basic\s+([A-Za-z\d+/=_-]+)\s*$/i.exec(header ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon < 0 ? undefined : {user: decoded.slice(0, colon), password: decoded.slice(colon + 1)};
}

export function operatorView(operator: OperatorFixture): Operator {
	return {
		Name: operator.Name,
		Role: operator.Role,
		UserId: operator.UserId,
		CanWrite: writers.has(operator.Role),
	};
}

export class Authenticator {
	constructor(
		private readonly account: AccountFixture,
		private readonly repository: Repository,
		private readonly keys: Keys,
	) {}

	/** The caller, or undefined for missing or wrong credentials. */
	authenticate(header: string | undefined): Principal | undefined {
		const credentials = parseBasic(header);
		if (!credentials) return undefined;
		if (credentials.user === this.account.AccountSid) return this.operator(credentials.password);
		return this.token(credentials.user, credentials.password);
	}

	private operator(password: string): Principal | undefined {
		let found: OperatorFixture | undefined;
		// Compare against every operator, never stopping early, so timing says nothing about which one was close.
		for (const operator of this.account.Operators) {
			if (constantTimeEqual(operator.AuthToken, password)) found = operator;
		}

		return found && {kind: 'operator', operator: found, rateKey: `operator:${found.UserId}:${found.Role}`};
	}

	private token(sid: string, password: string): Principal | undefined {
		const parsed = parseTokenSid(sid);
		const token = parsed && this.repository.tokens.get(parsed.id);
		const secret = token && parsed && secretOf(token, parsed.pair);
		if (!token || !parsed || !secret) return undefined;
		// A disabled token cannot authenticate at all; a reset one fails on its old secret.
		if (!secretMatches(this.keys, token.Id, parsed.pair, secret, password) || token.State !== 'Enabled') {
			return undefined;
		}

		return {kind: 'token', token, pair: parsed.pair, sid, rateKey: `token:${sid}`};
	}

	/** Throws the 401 or 403 this caller gets for a route, or returns when it may go on. */
	authorize(principal: Principal | undefined, access: Access, pathSid: string, writing: boolean): void {
		if (!principal) {
			throw unauthorized(
				'Authentication required: HTTP Basic with your Account SID and Auth Token, and they must match',
			);
		}

		if (principal.kind === 'token') {
			const own = pathSid === principal.sid;
			if (access === 'company' && own) return;
			throw forbidden(
				own
					? "An access token's own credentials only reach CompanyInformation here; operators manage tokens"
					: `These credentials belong to ${principal.sid}, not ${pathSid}`,
			);
		}

		if (pathSid !== this.account.AccountSid) {
			throw forbidden(`These credentials belong to account ${this.account.AccountSid}, not ${pathSid}`);
		}

		const {Role: role} = principal.operator;
		if (access === 'self') return;
		if (!readers.has(role)) {
			throw forbidden(
				`Your role (${role}) cannot manage API access tokens; only an Account Administrator or an Implementation Specialist can`,
			);
		}

		if (access === 'reveal' && !writers.has(role)) {
			throw forbidden(
				`Your role (${role}) cannot reveal credentials; ask an Account Administrator or an Implementation Specialist`,
			);
		}

		if ((access === 'write' || writing) && !writers.has(role)) {
			throw forbidden(
				`Your role (${role}) can view API access tokens but not change them; ask an Account Administrator or an Implementation Specialist`,
			);
		}
	}
}
