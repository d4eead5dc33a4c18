/** The per-token actions: duplicate, reset, upgrade, enable, disable, and the audited reveal of credentials. */
import type {FastifyInstance} from 'fastify';
import {copyName} from '../domain/copy-name.js';
import {latestVersion, validateUpgrade} from '../domain/validation.js';
import type {CredentialKind, TokenState} from '../domain/token.js';
import {parseBody, resetSchema, upgradeSchema} from './bodies.js';
import type {ServerContext} from './context.js';
import {revealSecret} from './crypto.js';
import {badRequest} from './errors.js';
import {accountSidOf, secretOf} from './model.js';
import {send} from './idempotency.js';
import {
	auditEntry,
	findToken,
	freshSecret,
	newToken,
	nextVersion,
	replaceAndSend,
	secretAnswer,
	tokenAnswer,
	tokenToWrite,
	writeHandler,
} from './token-helpers.js';

type IdRoute = {Params: {Id: string}};

export function actionRoutes(app: FastifyInstance, context: ServerContext): void {
	const {repository} = context;
	const write = {config: {access: 'write' as const}};

	app.post<IdRoute>(
		'/AccessTokens/:Id/Duplicate',
		write,
		writeHandler(async (request, reply) => {
			const source = tokenToWrite(context, request);
			// Same rights and settings, its own credentials; never legacy, so a legacy original becomes a scoped token.
			const {token: copy, answer} = newToken(context, {
				Name: copyName(source.Name),
				Description: source.Description,
				ApiVersion: source.ApiVersion,
				PrimaryContact: source.PrimaryContact,
				DeveloperEmails: source.DeveloperEmails,
				Scopes: source.Scopes,
			});
			await repository.insert(
				copy,
				auditEntry(context, request, 'Duplicate', copy, `from "${source.Name}" (${source.Id})`),
				context.idempotency.remember(request, answer),
			);
			return send(reply, answer);
		}),
	);

	app.post<IdRoute>(
		'/AccessTokens/:Id/Reset',
		write,
		writeHandler(async (request, reply) => {
			const token = tokenToWrite(context, request);
			const {Credential: credential} = parseBody(resetSchema, request.body, false);
			if (token.Legacy && credential === undefined) {
				throw badRequest('Credential is required for a legacy token: ReadWrite or ReadOnly', 'Credential');
			}

			if (!token.Legacy && credential === 'ReadOnly') {
				throw badRequest(
					'Only legacy tokens have a ReadOnly credential; this token has ReadWrite only',
					'Credential',
				);
			}

			const pair: CredentialKind = credential ?? 'ReadWrite';
			const secret = freshSecret(context, token.Id, pair);
			const next = nextVersion(
				context,
				token,
				pair === 'ReadWrite' ? {Secret: secret.sealed} : {ReadOnlySecret: secret.sealed},
			);
			const answer = secretAnswer(context, next, pair, secret.value, 200);
			return replaceAndSend(context, request, reply, {
				token,
				next,
				action: 'Reset',
				detail: token.Legacy ? pair : '',
				answer,
			});
		}),
	);

	app.post<IdRoute>(
		'/AccessTokens/:Id/Upgrade',
		write,
		writeHandler(async (request, reply) => {
			const token = tokenToWrite(context, request);
			const body = parseBody(upgradeSchema, request.body, false);
			const target = body.ApiVersion ?? latestVersion(context.catalogues.versions) ?? '';
			const problem = validateUpgrade(token.ApiVersion, target, context.catalogues.versions);
			if (problem) throw badRequest(problem, 'ApiVersion');
			const next = nextVersion(context, token, {ApiVersion: target});
			return replaceAndSend(context, request, reply, {
				token,
				next,
				action: 'Upgrade',
				detail: `${token.ApiVersion} → ${target}`,
				answer: tokenAnswer(context, next),
			});
		}),
	);

	for (const [action, state] of [
		['Enable', 'Enabled'],
		['Disable', 'Disabled'],
	] as const satisfies ReadonlyArray<readonly [string, TokenState]>) {
		app.post<IdRoute>(
			`/AccessTokens/:Id/${action}`,
			write,
			writeHandler(async (request, reply) => {
				const token = tokenToWrite(context, request);
				// Already so: nothing changes, so neither the Version nor the audit log moves (a key is still remembered).
				if (token.State === state) {
					const unchanged = tokenAnswer(context, token);
					await repository.remember(context.idempotency.remember(request, unchanged));
					return send(reply, unchanged);
				}

				const next = nextVersion(context, token, {State: state});
				return replaceAndSend(context, request, reply, {
					token,
					next,
					action,
					answer: tokenAnswer(context, next),
				});
			}),
		);
	}

	// No HEAD twin: it would record a reveal that showed nothing.
	app.get<IdRoute>(
		'/AccessTokens/:Id/Credentials',
		{config: {access: 'reveal'}, exposeHeadRoute: false},
		async (request, reply) => {
			const token = findToken(context, request);
			const reveal = (pair: CredentialKind) => {
				const secret = secretOf(token, pair);
				return secret
					? {
							AccountSid: accountSidOf(token.Id, pair),
							AuthToken: revealSecret(context.keys, token.Id, pair, secret),
						}
					: null;
			};

			const body = {ReadWrite: reveal('ReadWrite')!, ReadOnly: reveal('ReadOnly')};
			// The reveal is on record before anyone sees the secret.
			await repository.appendAudit(auditEntry(context, request, 'Reveal', token));
			return reply.header('Cache-Control', 'no-store').send(body);
		},
	);
}
