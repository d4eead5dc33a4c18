/** Account-wide routes: who is calling, the catalogues, the legacy switch, the audit log, and CompanyInformation. */
import {createHash} from 'node:crypto';
import type {FastifyInstance, FastifyReply, FastifyRequest} from 'fastify';
import type {CompanyInformation} from '../domain/audit.js';
import {operatorView} from './auth.js';
import {operatorOf, type ServerContext} from './context.js';
import {forbidden} from './errors.js';
import {pageOf, parsePaging} from './list-query.js';
import {noneMatch} from './preconditions.js';
import {send} from './idempotency.js';
import {auditEntry, writeHandler} from './token-helpers.js';

/** The API category a token needs a scope of to read CompanyInformation. */
export const accountCategory = 'Account';

/** Sends a body that never changes while the server runs, with an ETag so caches revalidate for free. */
function staticResource(body: unknown): (request: FastifyRequest, reply: FastifyReply) => FastifyReply {
	const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 16)}"`;
	return (request, reply) => {
		reply.header('ETag', etag).header('Cache-Control', 'private, no-cache');
		return noneMatch(request.headers['if-none-match'], etag) ? reply.code(304).send() : reply.send(body);
	};
}

export function accountRoutes(app: FastifyInstance, context: ServerContext): void {
	const {repository, catalogues, account} = context;
	const read = {config: {access: 'read' as const}};

	app.get('/Operator', {config: {access: 'self'}}, async (request) => operatorView(operatorOf(request)));

	app.get('/ApiVersions', read, staticResource({ApiVersions: catalogues.versions}));
	app.get('/ApiScopes', read, staticResource({ApiCategories: catalogues.categories}));
	app.get('/Users', read, staticResource({Users: catalogues.users}));

	app.get('/LegacyTokens/Enable', read, async () => ({Enabled: repository.legacyEnabled}));
	app.post(
		'/LegacyTokens/Enable',
		{config: {access: 'write'}},
		writeHandler(async (request, reply) => {
			const answer = {status: 200, headers: {}, body: {Enabled: true}};
			const remembered = context.idempotency.remember(request, answer);
			// Turning on what is on already changes nothing and records nothing (but a key is remembered).
			if (repository.legacyEnabled) await repository.remember(remembered);
			else
				await repository.setLegacyEnabled(
					auditEntry(context, request, 'EnableLegacy', undefined),
					remembered,
				);
			return send(reply, answer);
		}),
	);

	app.get<{Querystring: Record<string, unknown>}>('/AuditLog', read, async (request) => {
		const entries = repository.auditEntries;
		const newestFirst = {
			length: entries.length,
			slice: (from: number, to: number) =>
				entries.slice(entries.length - to, entries.length - from).reverse(),
		};
		const page = pageOf(
			newestFirst,
			parsePaging(request.query),
			`/Agencies/${account.AccountSid}/AuditLog`,
			[],
		);
		return {...page.info, AuditEntries: page.items};
	});

	const accountScopes = new Set(
		catalogues.categories
			.filter((category) => category.Name === accountCategory)
			.flatMap((category) => category.Scopes.map((scope) => scope.Id)),
	);

	/**
	 * The one route a managed token's own credentials reach: it shows a token
	 * working, and stops working after reset, disable or delete.
	 */
	app.get(
		'/CompanyInformation',
		{config: {access: 'company'}},
		async (request): Promise<CompanyInformation> => {
			const principal = request.principal!;
			if (principal.kind === 'operator') {
				return {
					CompanyName: account.CompanyName,
					AccountSid: account.AccountSid,
					Credential: operatorView(principal.operator).CanWrite ? 'ReadWrite' : 'ReadOnly',
				};
			}

			if (!principal.token.Scopes.some((scope) => accountScopes.has(scope))) {
				throw forbidden(
					`This token has no scope of the ${accountCategory} API category, so it cannot read CompanyInformation`,
				);
			}

			await repository.touch(principal.token.Id, context.now());
			return {CompanyName: account.CompanyName, AccountSid: principal.sid, Credential: principal.pair};
		},
	);
}
