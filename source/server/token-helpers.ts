/** Pieces the token routes share: finding a token, building the next version, answering with credentials. */
import type {FastifyReply, FastifyRequest, RouteGenericInterface} from 'fastify';
import type {AuditAction, AuditEntry} from '../domain/audit.js';
import type {CreatedToken, CredentialKind, TokenInput} from '../domain/token.js';
import {operatorOf, tokensPath, type ServerContext} from './context.js';
import {newSecretValue, seal} from './crypto.js';
import {ApiError, notFound} from './errors.js';
import {send, type Answer} from './idempotency.js';
import {accountSidOf, newTokenId, toAccessToken, type StoredToken} from './model.js';
import {checkIfMatch, tokenEtag} from './preconditions.js';
import {WriteConflict} from './repository.js';

type IdParams = {Params: {Id: string}};
export type TokenRequest = FastifyRequest<IdParams>;

/** The token the route names; 404 also for a legacy token while the account hides them. */
export function findToken(context: ServerContext, request: TokenRequest): StoredToken {
	const token = context.repository.visible(request.params.Id);
	if (!token) throw notFound(`No access token with Id "${request.params.Id.slice(0, 40)}"`);
	return token;
}

/**
 * The token a write names, once its `If-Match` shows the client saw the
 * current version: sent or not when `ifMatch` is optional, always for an edit.
 */
export function tokenToWrite(
	context: ServerContext,
	request: TokenRequest,
	ifMatch: 'required' | 'optional' = 'optional',
): StoredToken {
	const token = findToken(context, request);
	checkIfMatch(request.headers['if-match'], token, ifMatch === 'required');
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

/** The token and its ETag, as an answer. */
export function tokenAnswer(context: ServerContext, token: StoredToken, status = 200): Answer {
	return {status, headers: {ETag: tokenEtag(token)}, body: toAccessToken(token, context.keys)};
}

/** Answers with the token and its ETag. */
export function sendToken(context: ServerContext, reply: FastifyReply, token: StoredToken, status = 200) {
	return send(reply, tokenAnswer(context, token, status));
}

/** The token and a secret shown this once, as an answer: never stored by caches on the way. */
export function secretAnswer(
	context: ServerContext,
	token: StoredToken,
	pair: CredentialKind,
	secret: string,
	status: number,
	headers: Record<string, string> = {},
): Answer {
	const body: CreatedToken = {
		AccessToken: toAccessToken(token, context.keys),
		Credentials: {AccountSid: accountSidOf(token.Id, pair), AuthToken: secret},
	};
	return {status, headers: {...headers, ETag: tokenEtag(token), 'Cache-Control': 'no-store'}, body};
}

/**
 * A new token with the given fields: enabled, at version 1, with a fresh
 * Read/Write secret and no Read-Only pair; and the 201 answer that shows that
 * secret this once. Create and Duplicate both make one.
 */
export function newToken(context: ServerContext, input: TokenInput): {token: StoredToken; answer: Answer} {
	const id = newTokenId();
	const secret = freshSecret(context, id, 'ReadWrite');
	const now = context.now();
	const token: StoredToken = {
		Id: id,
		...input,
		State: 'Enabled',
		Legacy: false,
		CreatedAt: now,
		UpdatedAt: now,
		LastUsedAt: null,
		Version: 1,
		Secret: secret.sealed,
		ReadOnlySecret: null,
	};
	const answer = secretAnswer(context, token, 'ReadWrite', secret.value, 201, {
		Location: `${tokensPath(context.account.AccountSid)}/${id}`,
	});
	return {token, answer};
}

/**
 * Commits `next` in place of `token` with its audit entry and `answer`
 * remembered for a repeat of the request (one transaction), then sends it:
 * how every action that makes a new version of a token ends.
 */
export async function replaceAndSend(
	context: ServerContext,
	request: FastifyRequest,
	reply: FastifyReply,
	change: {token: StoredToken; next: StoredToken; action: AuditAction; detail?: string; answer: Answer},
) {
	const {token, next, action, detail, answer} = change;
	await context.repository.replace(
		token,
		next,
		auditEntry(context, request, action, next, detail),
		context.idempotency.remember(request, answer),
	);
	return send(reply, answer);
}

/** Tries before a write that keeps meeting changes made elsewhere at the same moment gives up. */
const conflictAttempts = 5;

/**
 * A write route's handler, run again when a shared store refuses its write
 * because another process changed the token meanwhile (memory has caught up
 * by then): with If-Match, the rerun answers the usual 412; without, it
 * applies the action to the token as it is now. A local store never refuses.
 */
export function writeHandler<R extends RouteGenericInterface>(
	handler: (request: FastifyRequest<R>, reply: FastifyReply) => Promise<unknown>,
): (request: FastifyRequest<R>, reply: FastifyReply) => Promise<unknown> {
	return async (request, reply) => {
		for (let attempt = 1; ; attempt++) {
			try {
				return await handler(request, reply);
			} catch (error) {
				if (!(error instanceof WriteConflict)) throw error;
				if (attempt >= conflictAttempts) {
					throw new ApiError(
						409,
						'The token kept changing while this request was applied; reload it and try again',
					);
				}
			}
		}
	};
}
