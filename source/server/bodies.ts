/**
 * Request bodies: JSON only, objects only, each known field of the right type
 * (a 400 names the first field that is not). Unknown fields are ignored, as
 * impact.com ignores them; the domain's validation then checks the values.
 */
import type {FastifyInstance} from 'fastify';
import * as z from 'zod/mini';
import '../i18n/schema-words.js';
import {badRequest} from './errors.js';

declare module 'fastify' {
	interface FastifyRequest {
		/** The body as it came (JSON only), for fingerprints: re-serializing a parsed body can be costly or fail. */
		bodyText: string | undefined;
	}
}

/** Bodies are a few hundred bytes; 64 KiB leaves room for long scope lists and stops abuse early (413). */
export const bodyLimit = 64 * 1024;

const jsonType = /^application\/([\w.+-]+\+)?json$/i;

/**
 * Replaces fastify's parsers: an empty body is no body (the actions take
 * none, and clients differ on whether they send `Content-Type` then), and
 * malformed JSON gets a message that says where.
 */
export function installBodyParsers(app: FastifyInstance): void {
	app.decorateRequest('bodyText', undefined);
	app.removeAllContentTypeParsers();
	app.addContentTypeParser(jsonType, {parseAs: 'string', bodyLimit}, (request, body, done) => {
		const text = String(body);
		request.bodyText = text;
		if (text.trim() === '') {
			done(null, undefined);
			return;
		}

		try {
			done(null, JSON.parse(text) as unknown);
		} catch (error) {
			const reason = error instanceof Error ? error.message.slice(0, 120) : 'unparsable';
			done(badRequest(`The request body is not valid JSON (${reason})`), undefined);
		}
	});
	app.addContentTypeParser('*', {parseAs: 'string', bodyLimit}, (_request, body, done) => {
		if (String(body) === '') done(null, undefined);
		else
			done(badRequest('The request body must be JSON, sent with Content-Type: application/json'), undefined);
	});
}

const text = (field: string) => z.string({error: `${field} must be a string`});
const texts = (field: string) =>
	z.array(z.string({error: `${field} must be a list of strings`}), {
		error: `${field} must be a list of strings`,
	});

export const tokenFieldsSchema = z.object({
	Name: z.optional(text('Name')),
	Description: z.optional(text('Description')),
	ApiVersion: z.optional(text('ApiVersion')),
	PrimaryContact: z.optional(text('PrimaryContact')),
	DeveloperEmails: z.optional(texts('DeveloperEmails')),
	Scopes: z.optional(texts('Scopes')),
});

export const resetSchema = z.object({
	Credential: z.optional(
		z.enum(['ReadWrite', 'ReadOnly'], {error: 'Credential must be ReadWrite or ReadOnly'}),
	),
});

export const upgradeSchema = z.object({ApiVersion: z.optional(text('ApiVersion'))});

/**
 * Parses a body against a schema. `required`: whether a missing body is an
 * error; otherwise it counts as `{}`.
 */
export function parseBody<T>(schema: z.ZodMiniType<T>, body: unknown, required: boolean): T {
	if (body === undefined && !required) body = {};
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw badRequest(
			body === undefined ? 'A JSON object body is required' : 'The request body must be a JSON object',
		);
	}

	const parsed = schema.safeParse(body);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0]!;
	const field = typeof issue.path[0] === 'string' ? issue.path[0] : undefined;
	throw badRequest(issue.message, field);
}
