/**
 * The working set on a shared store, below HTTP, once per engine: how a
 * repository catches up with another's writes, including one so far behind
 * that the change log no longer reaches back to it. Needs redis-server and
 * PostgreSQL (see test/support/redis.ts and postgres.ts). What only the
 * Postgres store guarantees on its own: postgres-store.test.ts.
 */
import {describe, expect, test} from 'vitest';
import type {Repository} from '../../source/server/repository.js';
import {sharedStoreEngines} from '../support/shared-stores.js';
import {audit, openPair, token} from './store-fixtures.js';

const snapshot = (repository: Repository) => ({
	tokens: [...repository.tokens.values()].sort((a, b) => a.CreatedAt - b.CreatedAt),
	audit: repository.auditEntries,
	revision: repository.revision,
});

for (const engine of sharedStoreEngines) {
	describe(`on ${engine.name}`, () => {
		const freshStore = engine.serverPerFile();

		test('a repository far behind reloads everything; one close behind takes just the changes', async () => {
			const {repositories, close} = await openPair(engine.open, await freshStore(), {changelogRevisions: 3});
			const [writer, reader] = repositories;
			try {
				const tokens = Array.from({length: 10}, (_, index) => token(index));
				for (const created of tokens) await writer.insert(created, audit('Create', created));
				const edited = {...tokens[3]!, Name: 'Edited', Version: 2};
				await writer.replace(tokens[3]!, edited, audit('Edit', edited));
				await writer.remove(tokens[0]!, audit('Delete', tokens[0]!));

				// 12 revisions behind, with 3 kept: the log cannot say what changed.
				await reader.sync();
				expect(snapshot(reader)).toEqual(snapshot(writer));
				expect(reader.tokens.get(tokens[3]!.Id)?.Name).toBe('Edited');
				expect(reader.auditEntries.map((entry) => entry.Id)).toEqual(
					Array.from({length: 12}, (_, index) => String(index + 1)),
				);

				// Now close behind: the change itself.
				await writer.remove(tokens[5]!, audit('Delete', tokens[5]!));
				await reader.sync();
				expect(snapshot(reader)).toEqual(snapshot(writer));
				expect(reader.size).toBe(8);
			} finally {
				await close();
			}
		});

		test('a write based on a version another repository has replaced is refused, and nothing is written', async () => {
			const {repositories, close} = await openPair(engine.open, await freshStore());
			const [one, other] = repositories;
			try {
				const original = token(0);
				await one.insert(original);
				await other.sync();
				await one.replace(original, {...original, Name: 'First', Version: 2});
				await expect(other.replace(original, {...original, Name: 'Second', Version: 2})).rejects.toThrow(
					'changed by another writer',
				);
				// The refusal brought the other repository up to date.
				expect(other.tokens.get(original.Id)?.Name).toBe('First');
				await one.sync();
				expect(one.tokens.get(original.Id)).toEqual(other.tokens.get(original.Id));
			} finally {
				await close();
			}
		});
	});
}
