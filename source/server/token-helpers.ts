/** Pieces the token routes share: finding a token, building the next version, answering with credentials. */
import type {FastifyReply, FastifyRequest} from 'fastify';
import type {AuditAction, AuditEntry} from '../domain/audit.js';
import type {CreatedToken, CredentialKind} from '../domain/token.js';
import {operatorOf, type ServerContext} from './context.js';
import {newSecretValue, seal} from './crypto.js';
import {notFound} from './errors.js';
import {accountSidOf, toAccessToken, type StoredToken} from './model.js';
import {tokenEtag} from './preconditions.js';

type IdParams = {Params: {Id: string}};
export type TokenRequest = FastifyRequest<IdParams>;

/** The token the route names; 404 also for a legacy token while the account hides them. */
export function findToken(context: ServerContext, request: TokenRequest): StoredToken {
	const token = context.repository.visible(request.params.Id);
	if (!token) throw notFound(`No access token with Id "${request.params.Id.slice(0, 40)}"`);
	return token;
}

/** The next version of a token: Version and UpdatedAt move with every change an operator makes. */
export function nextVersion(
	context: ServerContext,
	token: StoredToken,
	changes: Partial<StoredToken>,
): StoredToken {
	return {...token, ...changes, Version: token.Version + 1, UpdatedAt: context.now()};
}

export function auditEntry(
	context: ServerContext,
	request: FastifyRequest,
	action: AuditAction,
	token: Pick<StoredToken, 'Id' | 'Name'> | undefined,
	detail = '',
): Omit<AuditEntry, 'Id'> {
	return {
		At: new Date(context.now()).toISOString(),
		Actor: operatorOf(request).Name,
		Action: action,
		TokenId: token?.Id ?? '',
		TokenName: token?.Name ?? '',
		Detail: detail,
	};
}

/** A fresh secret for one pair, sealed for storage, and the value to show once. */
export function freshSecret(context: ServerContext, tokenId: string, pair: CredentialKind) {
	const value = newSecretValue();
	return {value, sealed: seal(context.keys, tokenId, pair, value)};
}

/** Answers with the token and its ETag. */
export function sendToken(context: ServerContext, reply: FastifyReply, token: StoredToken, status = 200) {
	return reply.code(status).header('ETag', tokenEtag(token)).send(toAccessToken(token, context.keys));
}

/** Answers with the token and a secret shown this once: never stored by caches on the way. */
export function sendWithSecret(
	context: ServerContext,
	reply: FastifyReply,
	token: StoredToken,
	pair: CredentialKind,
	secret: string,
	status: number,
) {
	const body: CreatedToken = {
		AccessToken: toAccessToken(token, context.keys),
		Credentials: {AccountSid: accountSidOf(token.Id, pair), AuthToken: secret},
	};
	return reply.code(status).header('ETag', tokenEtag(token)).header('Cache-Control', 'no-store').send(body);
}
