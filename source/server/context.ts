/** What the route handlers share, and fastify's typing for the request decoration they rely on. */
import type {FastifyRequest} from 'fastify';
import type {Catalogues} from '../domain/validation.js';
import type {Access, Authenticator, Principal} from './auth.js';
import type {Keys} from './crypto.js';
import {forbidden} from './errors.js';
import type {AccountFixture, OperatorFixture} from './fixtures.js';
import type {Idempotency} from './idempotency.js';
import type {Repository} from './repository.js';

declare module 'fastify' {
	interface FastifyRequest {
		/** Set by the authentication hook before any handler runs. */
		principal: Principal | undefined;
	}

	interface FastifyContextConfig {
		/** Who may call the route: see auth.ts's `Access`. */
		access?: Access;
	}
}

export type ServerContext = {
	repository: Repository;
	keys: Keys;
	account: AccountFixture;
	catalogues: Catalogues;
	authenticator: Authenticator;
	idempotency: Idempotency;
	/** The instance id of the data directory, part of every list ETag. */
	instanceId: string;
	now: () => number;
};

/** The operator behind a request; routes that reach here were authorised for operators only. */
export function operatorOf(request: FastifyRequest): OperatorFixture {
	const principal = request.principal;
	if (principal?.kind !== 'operator') throw forbidden('This route is for operators');
	return principal.operator;
}

export const tokensPath = (accountSid: string) => `/Agencies/${accountSid}/AccessTokens`;
