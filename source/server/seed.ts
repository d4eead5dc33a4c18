/**
 * First start of a data directory: the fixture tokens (ages relative to now),
 * or `generate` synthetic ones for benchmarks, written in bulk. The instance
 * record goes last, so a seed interrupted half-way is redone on the next start.
 */
import {randomBytes} from 'node:crypto';
import type {ApiCategory} from '../domain/token.js';
import {latestVersion} from '../domain/validation.js';
import {derivedSecret, newSecretValue, seal, type Keys} from './crypto.js';
import type {Fixtures, SeedToken} from './fixtures.js';
import {newTokenId, tokenPrefix, type StoredToken} from './model.js';
import {metaKeys, newInstance, type Instance} from './meta.js';
import type {Store} from './store.js';

const hour = 60 * 60 * 1000;
const day = 24 * hour;
/** impact.com's cut-over: tokens created before this are legacy tokens. */
export const legacyCutoff = Date.parse('2025-04-01T00:00:00Z');

export type SeedOptions = {generate?: number | undefined; now: number};

/**
 * Seeds the store unless it already holds a finished seed. Returns the seeded
 * tokens (so the caller need not read back what it just wrote), or undefined
 * when the store was seeded before. Processes sharing a store seed it once:
 * the others wait, then find it seeded.
 */
export async function seedIfNeeded(
	store: Store,
	fixtures: Fixtures,
	keys: Keys,
	options: SeedOptions,
): Promise<StoredToken[] | undefined> {
	if (await store.get<Instance>(metaKeys.instance)) return undefined;
	return store.exclusive('seed', async () => {
		if (await store.get<Instance>(metaKeys.instance)) return undefined;
		return seed(store, fixtures, keys, options);
	});
}

async function seed(
	store: Store,
	fixtures: Fixtures,
	keys: Keys,
	options: SeedOptions,
): Promise<StoredToken[]> {
	await store.clear();
	const tokens =
		options.generate === undefined
			? fixtures.tokens.map((seed) => fromFixture(seed, keys, options.now))
			: generateTokens(options.generate, fixtures, options.now);
	await store.setValues(tokenPrefix, tokens, (token) => token.Id);
	await store.set(metaKeys.settings, {LegacyEnabled: false});
	await store.set(metaKeys.revision, 1);
	await store.set(metaKeys.instance, newInstance(options.generate ?? null, options.now));
	return tokens;
}

function fromFixture(seed: SeedToken, keys: Keys, now: number): StoredToken {
	const id = newTokenId();
	const createdAt = seed.CreatedAt ? Date.parse(seed.CreatedAt) : now - (seed.CreatedDaysAgo ?? 0) * day;
	return {
		Id: id,
		Name: seed.Name,
		Description: seed.Description,
		ApiVersion: seed.ApiVersion,
		State: seed.State,
		Legacy: seed.Legacy,
		CreatedAt: createdAt,
		UpdatedAt: seed.UpdatedDaysAgo === undefined ? createdAt : now - seed.UpdatedDaysAgo * day,
		LastUsedAt: seed.LastUsedHoursAgo === null ? null : now - seed.LastUsedHoursAgo * hour,
		PrimaryContact: seed.PrimaryContact,
		DeveloperEmails: seed.DeveloperEmails,
		Scopes: seed.Scopes,
		Version: 1,
		Secret: seal(keys, id, 'ReadWrite', newSecretValue()),
		ReadOnlySecret: seed.Legacy ? seal(keys, id, 'ReadOnly', newSecretValue()) : null,
	};
}

const systems = [
	'Billing sync',
	'Shopify connector',
	'Looker BI export',
	'Partner onboarding API',
	'Snowflake loader',
	'Ads creative uploader',
	'CRM bridge',
	'Promo code rotation',
	'Tableau extract',
	'Influencer payouts',
	'结算同步',
	'広告レポート',
	'광고 성과 리포트',
	'Coupon fraud monitor',
	'Report scheduler',
	'Catalog feed',
];
const environments = ['production', 'staging', 'dev', 'EMEA', 'APAC', 'US', 'QA', 'sandbox'];

/** mulberry32: a fast, small, seeded generator, so generated sets are reproducible apart from ids. */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d_2b_79_f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** Scope sets to pick from: a few realistic mixes, shared by every token that uses one. */
function scopePresets(categories: readonly ApiCategory[]): string[][] {
	const of = (names: string[], methods: string[]) =>
		categories
			.filter((category) => names.includes(category.Name))
			.flatMap((category) =>
				category.Scopes.filter((scope) => methods.includes(scope.Method)).map((scope) => scope.Id),
			);
	return [
		of(['Account', 'Reports'], ['GET']),
		of(['Account', 'Actions', 'Invoices'], ['GET']),
		of(['Account', 'Catalogs'], ['GET', 'POST', 'PUT']),
		of(['Ads', 'Campaigns'], ['GET', 'POST', 'PUT', 'DELETE']),
		of(['Media Partners', 'Contracts'], ['GET', 'POST']),
		of(['Deals', 'Promo Codes'], ['GET', 'POST', 'PUT']),
		of(['Reports', 'Jobs'], ['GET']),
		of(['Account', 'Contacts'], ['GET', 'POST', 'PUT']),
	].filter((preset) => preset.length > 0);
}

/**
 * `count` synthetic tokens: 5% legacy (dated before the cut-over), the rest
 * spread over the last year with a tenth in the last week, 85% enabled.
 */
export function generateTokens(count: number, fixtures: Fixtures, now: number): StoredToken[] {
	const random = seededRandom(count);
	const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
	const presets = scopePresets(fixtures.categories);
	const versions = fixtures.versions.map((version) => version.Version);
	const latest = latestVersion(fixtures.versions) ?? versions[0]!;
	const contacts = fixtures.users.map((user) => user.Id);
	const emailSets = [[], ['dev@northwind-digital.example'], ['integrations@northwind-digital.example']];
	const idBytes = randomBytes(count * 14);
	const tokens: StoredToken[] = Array.from({length: count});
	for (let index = 0; index < count; index++) {
		const legacy = random() < 0.05;
		const age = random() < 0.1 ? random() * 7 * day : random() * 365 * day;
		const createdAt = legacy
			? legacyCutoff - 1 - Math.floor(random() * 3 * 365 * day)
			: Math.max(now - Math.floor(age), Math.min(now, legacyCutoff));
		const used = random() < 0.7 ? now - Math.floor(random() * (now - createdAt)) : null;
		tokens[index] = {
			Id: newTokenId(idBytes.subarray(index * 14, index * 14 + 14)),
			Name: `${pick(systems)} – ${pick(environments)} ${index + 1}`,
			Description: '',
			ApiVersion: random() < 0.5 ? latest : pick(versions),
			State: random() < 0.85 ? 'Enabled' : 'Disabled',
			Legacy: legacy,
			CreatedAt: createdAt,
			UpdatedAt: createdAt,
			LastUsedAt: used,
			PrimaryContact: pick(contacts),
			DeveloperEmails: pick(emailSets),
			Scopes: pick(presets),
			Version: 1,
			Secret: derivedSecret,
			ReadOnlySecret: legacy ? derivedSecret : null,
		};
	}

	return tokens;
}
