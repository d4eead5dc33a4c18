/** Tokens, audit entries and pairs of stores for the tests of the shared stores below HTTP. */
import {derivedSecret} from '../../source/server/crypto.js';
import {newTokenId, type StoredToken} from '../../source/server/model.js';
import {Repository} from '../../source/server/repository.js';
import type {SharedStoreEngine} from '../support/shared-stores.js';

/** A token to store, named after its index. */
export function token(index: number): StoredToken {
	return {
		Id: newTokenId(),
		Name: `Feed ${index}`,
		Description: '',
		ApiVersion: '12',
		State: 'Enabled',
		Legacy: false,
		CreatedAt: 1_700_000_000_000 + index,
		UpdatedAt: 1_700_000_000_000 + index,
		LastUsedAt: null,
		PrimaryContact: 'U1',
		DeveloperEmails: [],
		Scopes: ['reports.reports.get'],
		Version: 1,
		Secret: derivedSecret,
		ReadOnlySecret: null,
	};
}

/** An audit entry for a change to `subject`. */
export const audit = (action: 'Create' | 'Delete' | 'Edit', subject: StoredToken) => ({
	At: new Date(0).toISOString(),
	Actor: 'test',
	Action: action,
	TokenId: subject.Id,
	TokenName: subject.Name,
	Detail: '',
});

/** Two stores on one URL, and a repository loaded from each. */
export async function openPair(
	open: SharedStoreEngine['open'],
	url: string,
	options: {changelogRevisions?: number} = {},
) {
	const stores = [await open(url, options), await open(url, options)] as const;
	const repositories = [await Repository.load(stores[0]), await Repository.load(stores[1])] as const;
	return {stores, repositories, close: async () => Promise.all(stores.map(async (store) => store.close()))};
}
