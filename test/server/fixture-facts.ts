/** What the seed fixtures say, so list tests compute their expectations instead of hard-coding counts. */
import {readFileSync} from 'node:fs';

type SeedToken = {
	Name: string;
	State: 'Enabled' | 'Disabled';
	Legacy?: boolean;
	CreatedDaysAgo?: number;
	Scopes: string[];
};

export const seedTokens = JSON.parse(
	readFileSync(new URL('../../fixtures/tokens.json', import.meta.url), 'utf8'),
) as SeedToken[];

/** Scoped (non-legacy) tokens: the ones a fresh account lists. */
export const scoped = seedTokens.filter((token) => !token.Legacy);
export const legacy = seedTokens.filter((token) => token.Legacy);

export const createdWithin = (days: number) => scoped.filter((token) => (token.CreatedDaysAgo ?? 0) < days);

/** Names of the listed tokens that contain `part`, case-insensitively. */
export const namesContaining = (part: string, tokens = scoped) =>
	tokens.filter((token) => token.Name.toLowerCase().includes(part.toLowerCase())).map((token) => token.Name);
