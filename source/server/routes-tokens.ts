/** The token collection: list, get, create, edit (PUT) and delete. */
import type {FastifyInstance} from 'fastify';
import type {TokenInput} from '../domain/token.js';
import {latestVersion, validateTokenInput, type FieldError} from '../domain/validation.js';
import {parseBody, tokenFieldsSchema} from './bodies.js';
import {operatorOf, tokensPath, type ServerContext} from './context.js';
import {ApiError, badRequest} from './errors.js';
import {encodeParameters, filterParameters, pageOf, parseFilters, parsePaging} from './list-query.js';
import {toAccessToken} from './model.js';
import {send} from './idempotency.js';
import {listEtag, noneMatch, tokenEtag} from './preconditions.js';
import {
	auditEntry,
	findToken,
	newToken,
	nextVersion,
	sendToken,
	tokenToWrite,
	writeHandler,
	type TokenRequest,
} from './token-helpers.js';

type Query = {Querystring: Record<string, unknown>};

/** A 400 for the first problem, naming its field, with every problem listed when there are several. */
export function validationError(errors: FieldError[]): ApiError {
	const [first] = errors;
	return new ApiError(
		400,
		first!.message,
		first!.field,
		{},
		errors.map((error) => ({Field: error.field, Message: error.message})),
	);
}

const editable = ['Name', 'Description', 'PrimaryContact', 'DeveloperEmails', 'Scopes'] as const;

export function tokenRoutes(app: FastifyInstance, context: ServerContext): void {
	const {repository, catalogues} = context;

	app.get<Query>('/AccessTokens', {config: {access: 'read'}}, async (request, reply) => {
		const paging = parsePaging(request.query);
		const filters = parseFilters(request.query);
		const parameters = filterParameters(filters);
		const now = context.now();
		const normalised = encodeParameters(parameters);
		const etag = listEtag(
			context.instanceId,
			repository.revision,
			`${normalised}&PageSize=${paging.pageSize}&Page=${paging.page}`,
			filters.createdOn !== 'Any',
			now,
		);
		reply.header('ETag', etag).header('Cache-Control', 'private, no-cache');
		if (noneMatch(request.headers['if-none-match'], etag)) return reply.code(304).send();
		const matching = repository.list(filters, now, `${normalised}|${Math.floor(now / 60_000)}`);
		const page = pageOf(matching, paging, tokensPath(context.account.AccountSid), parameters);
		return {...page.info, AccessTokens: page.items.map((token) => toAccessToken(token, context.keys))};
	});

	app.get<{Params: {Id: string}}>('/AccessTokens/:Id', {config: {access: 'read'}}, async (request, reply) => {
		const token = findToken(context, request);
		reply.header('Cache-Control', 'private, no-cache');
		if (noneMatch(request.headers['if-none-match'], tokenEtag(token))) {
			return reply.code(304).header('ETag', tokenEtag(token)).send();
		}

		return sendToken(context, reply, token);
	});

	app.post(
		'/AccessTokens',
		{config: {access: 'write'}},
		writeHandler(async (request, reply) => {
			const fields = parseBody(tokenFieldsSchema, request.body, true);
			const input: TokenInput = {
				Name: (fields.Name ?? '').trim(),
				Description: fields.Description ?? '',
				ApiVersion: fields.ApiVersion ?? latestVersion(catalogues.versions) ?? '',
				// Whoever creates the token is its contact unless they name someone else.
				PrimaryContact: fields.PrimaryContact ?? operatorOf(request).UserId,
				DeveloperEmails: fields.DeveloperEmails ?? [],
				Scopes: [...new Set(fields.Scopes ?? [])],
			};
			const errors = validateTokenInput(input, catalogues);
			if (errors.length > 0) throw validationError(errors);
			const {token, answer} = newToken(context, input);
			await repository.insert(
				token,
				auditEntry(context, request, 'Create', token),
				context.idempotency.remember(request, answer),
			);
			return send(reply, answer);
		}),
	);

	app.put<{Params: {Id: string}}>(
		'/AccessTokens/:Id',
		{config: {access: 'write'}},
		writeHandler(async (request, reply) => {
			const token = tokenToWrite(context, request, 'required');
			const fields = parseBody(tokenFieldsSchema, request.body, true);
			if (fields.ApiVersion !== undefined && fields.ApiVersion !== token.ApiVersion) {
				throw badRequest(
					`ApiVersion cannot be changed by an edit; upgrade the token instead (POST .../AccessTokens/${token.Id}/Upgrade)`,
					'ApiVersion',
				);
			}

			// Fields left out keep their values, so a client may send only what it changed.
			const input: TokenInput = {
				Name: fields.Name === undefined ? token.Name : fields.Name.trim(),
				Description: fields.Description ?? token.Description,
				ApiVersion: token.ApiVersion,
				PrimaryContact: fields.PrimaryContact ?? token.PrimaryContact,
				DeveloperEmails: fields.DeveloperEmails ?? token.DeveloperEmails,
				Scopes: fields.Scopes ? [...new Set(fields.Scopes)] : token.Scopes,
			};
			const errors = validateTokenInput(input, catalogues);
			if (errors.length > 0) throw validationError(errors);
			const changed = editable.filter(
				(field) => JSON.stringify(input[field]) !== JSON.stringify(token[field]),
			);
			if (changed.length === 0) return sendToken(context, reply, token);
			const next = nextVersion(
				context,
				token,
				Object.fromEntries(changed.map((field) => [field, input[field]])),
			);
			await repository.replace(token, next, auditEntry(context, request, 'Edit', next, changed.join(', ')));
			return sendToken(context, reply, next);
		}),
	);

	app.delete<{Params: {Id: string}}>(
		'/AccessTokens/:Id',
		{config: {access: 'write'}},
		writeHandler(async (request, reply) => {
			const token = tokenToWrite(context, request as TokenRequest);
			await repository.remove(token, auditEntry(context, request, 'Delete', token));
			return reply.code(204).send();
		}),
	);
}
