/** How the form's values read on screen: contacts by name, versions with "latest", scopes summed up. */
import type {AccessToken, TokenInput, User} from '../../domain/token.js';
import {t} from '../../i18n/index.js';
import {chosenWriteScopes, scopeSummary} from '../../state/scope-tree.js';
import type {ConflictField} from '../../state/token-form.js';
import type {Catalogues} from '../../state/types.js';
import {inert} from '../text.js';

/** "Ada Lindqvist <ada@…>", "(you)" after the signed-in operator's name; the Id when the account has no such user. */
export function userLabel(users: readonly User[], id: string, operatorId: string | null): string {
	const user = users.find((candidate) => candidate.Id === id);
	if (!user) return id === '' ? '—' : t('form.notAUser', {id: inert(id)});
	return `${inert(user.Name)}${user.Id === operatorId ? t('form.you') : ''} <${inert(user.Email)}>`;
}

/** "v16 (latest)". */
export function versionLabel(catalogues: Catalogues, version: string): string {
	const known = catalogues.versions.find((candidate) => candidate.Version === version);
	return `v${version}${known?.Latest ? t('form.latestSuffix') : ''}`;
}

/** "5 scopes, 2 write: Account 3/7, Invoices 2/2". */
export function scopesLabel(catalogues: Catalogues, scopes: readonly string[]): string {
	if (scopes.length === 0) return t('form.scopesNone');
	const writes = chosenWriteScopes(catalogues.categories, scopes).length;
	const summary = scopeSummary(catalogues.categories, scopes).join(', ');
	const count = scopeCount(scopes.length) + (writes > 0 ? t('form.scopesWrite', {n: writes}) : '');
	return t('form.scopesSummary', {count, summary});
}

/** "1 scope", "5 scopes". */
export function scopeCount(count: number): string {
	return count === 1 ? t('form.scopesOne') : t('form.scopesMany', {n: count});
}

export function emailsLabel(emails: readonly string[]): string {
	return emails.length === 0 ? '—' : inert(emails.join(', '));
}

/** The label of a field, as the form and the review show it. */
export function fieldLabel(field: ConflictField): string {
	return t(`field.${field}`);
}

/** Several fields' labels in a row: "Token name, Scopes". */
export function fieldLabels(fields: readonly ConflictField[]): string {
	return fields.map((field) => fieldLabel(field)).join(t('list.separator'));
}

/** One field's value of a token or a draft, as words. */
export function fieldValue(
	catalogues: Catalogues,
	field: ConflictField,
	values: TokenInput & Partial<Pick<AccessToken, 'State' | 'AuthTokenHint'>>,
	operatorId: string | null,
): string {
	switch (field) {
		case 'Name': {
			return inert(values.Name) || '—';
		}

		case 'Description': {
			return inert(values.Description) || '—';
		}

		case 'ApiVersion': {
			return versionLabel(catalogues, values.ApiVersion);
		}

		case 'PrimaryContact': {
			return userLabel(catalogues.users, values.PrimaryContact, operatorId);
		}

		case 'DeveloperEmails': {
			return emailsLabel(values.DeveloperEmails);
		}

		case 'Scopes': {
			return scopesLabel(catalogues, values.Scopes);
		}

		case 'State': {
			return values.State ? t(`token.${values.State}`) : '—';
		}

		case 'AuthTokenHint': {
			return values.AuthTokenHint ? t('form.resetOnServer', {hint: values.AuthTokenHint}) : '—';
		}
	}
}
