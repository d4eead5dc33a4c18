/** The sandbox account as `fixtures/*.json` describes it: operators, catalogues and the seed tokens. */
import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import * as z from 'zod/mini';
import '../i18n/schema-words.js';
import {roles} from '../domain/token.js';

const operatorSchema = z.object({
	AuthToken: z.string().check(z.minLength(1)),
	Name: z.string(),
	Role: z.enum(roles),
	UserId: z.string(),
});

const accountSchema = z.object({
	AccountSid: z.string().check(z.minLength(1)),
	CompanyName: z.string(),
	Operators: z.array(operatorSchema).check(z.minLength(1)),
});

const userSchema = z.object({Id: z.string(), Name: z.string(), Email: z.string()});
const versionSchema = z.object({Version: z.string(), ReleasedOn: z.string(), Latest: z.boolean()});
const categorySchema = z.object({
	Name: z.string(),
	Scopes: z.array(
		z.object({
			Id: z.string(),
			Name: z.string(),
			Method: z.enum(['GET', 'POST', 'PUT', 'DELETE']),
			Path: z.string(),
		}),
	),
});

/** Seed tokens carry ages relative to now (so the created-on filters always have members), or absolute dates for legacy ones. */
const seedTokenSchema = z.object({
	Name: z.string(),
	Description: z._default(z.string(), ''),
	ApiVersion: z.string(),
	State: z.enum(['Enabled', 'Disabled']),
	Legacy: z._default(z.boolean(), false),
	CreatedAt: z.optional(z.iso.datetime()),
	CreatedDaysAgo: z.optional(z.number().check(z.nonnegative())),
	UpdatedDaysAgo: z.optional(z.number().check(z.nonnegative())),
	LastUsedHoursAgo: z.nullable(z.number().check(z.nonnegative())),
	PrimaryContact: z.string(),
	DeveloperEmails: z.array(z.string()),
	Scopes: z.array(z.string()),
});

export type OperatorFixture = z.infer<typeof operatorSchema>;
export type AccountFixture = z.infer<typeof accountSchema>;
export type SeedToken = z.infer<typeof seedTokenSchema>;

export type Fixtures = {
	account: AccountFixture;
	users: Array<z.infer<typeof userSchema>>;
	versions: Array<z.infer<typeof versionSchema>>;
	categories: Array<z.infer<typeof categorySchema>>;
	tokens: SeedToken[];
};

/**
 * The `fixtures` directory, found by walking up from this module: it sits two
 * levels up from source/server under vitest and one level up from dist/ in the bundle.
 */
export function fixturesDir(from: string = import.meta.url): string {
	let directory = path.dirname(fileURLToPath(from));
	for (;;) {
		const candidate = path.join(directory, 'fixtures');
		if (existsSync(path.join(candidate, 'operators.json'))) return candidate;
		const parent = path.dirname(directory);
		if (parent === directory) throw new Error(`No fixtures directory above ${fileURLToPath(from)}`);
		directory = parent;
	}
}

async function readJson<T>(directory: string, name: string, schema: z.ZodMiniType<T>): Promise<T> {
	const file = path.join(directory, name);
	const parsed = schema.safeParse(JSON.parse(await readFile(file, 'utf8')));
	if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
	return parsed.data;
}

export async function loadFixtures(directory: string = fixturesDir()): Promise<Fixtures> {
	const [account, users, versions, categories, tokens] = await Promise.all([
		readJson(directory, 'operators.json', accountSchema),
		readJson(directory, 'users.json', z.array(userSchema)),
		readJson(directory, 'api-versions.json', z.array(versionSchema)),
		readJson(directory, 'api-scopes.json', z.array(categorySchema)),
		readJson(directory, 'tokens.json', z.array(seedTokenSchema)),
	]);
	return {account, users, versions, categories, tokens};
}
