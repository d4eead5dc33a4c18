/**
 * What the tokens of a long list have in common, held once. JSON.parse gives
 * every token its own `Scopes` list (eight strings of ~30 characters, each its
 * own string), though a whole account uses a handful of scope sets: at
 * 100,000 tokens those copies were a third of the app's heap.
 */
import {sharedList} from '../domain/shared-lists.js';
import type {AccessToken} from '../domain/token.js';

/** The token with its lists shared, and `UpdatedAt` sharing `CreatedAt`'s string when they are equal. */
export function compactToken(token: AccessToken): AccessToken {
	token.Scopes = sharedList(token.Scopes);
	token.DeveloperEmails = sharedList(token.DeveloperEmails);
	if (token.UpdatedAt === token.CreatedAt) token.UpdatedAt = token.CreatedAt;
	return token;
}
