/**
 * The API scope catalogue as the form shows it: a tree of categories, each
 * open or closed, with its scopes under it. Pure, shared by the form's
 * reducer (which row the cursor is on, what Space toggles) and its view.
 */
import {isWriteScope, type ApiCategory, type ApiScope} from '../domain/token.js';

export type ScopeTreeRow =
	| {
			readonly kind: 'category';
			readonly category: ApiCategory;
			readonly open: boolean;
			/** How many of its scopes are chosen. */
			readonly chosen: number;
			/** How many of its chosen scopes can change data. */
			readonly chosenWrites: number;
	  }
	| {
			readonly kind: 'scope';
			readonly category: ApiCategory;
			readonly scope: ApiScope;
			readonly chosen: boolean;
	  };

/** The rows on screen: every category, and the scopes of the open ones. */
export function scopeTreeRows(
	categories: readonly ApiCategory[],
	open: ReadonlySet<string>,
	chosen: readonly string[],
): ScopeTreeRow[] {
	const selected = new Set(chosen);
	return categories.flatMap((category): ScopeTreeRow[] => {
		const picked = category.Scopes.filter((scope) => selected.has(scope.Id));
		const head: ScopeTreeRow = {
			kind: 'category',
			category,
			open: open.has(category.Name),
			chosen: picked.length,
			chosenWrites: picked.filter((scope) => isWriteScope(scope)).length,
		};
		if (!open.has(category.Name)) return [head];
		return [
			head,
			...category.Scopes.map((scope): ScopeTreeRow => ({
				kind: 'scope',
				category,
				scope,
				chosen: selected.has(scope.Id),
			})),
		];
	});
}

/**
 * Space on a row: a scope flips; a category with every scope chosen loses
 * them all, otherwise gains them all. Scopes keep the catalogue's order;
 * Ids the catalogue does not know stay at the end (the server names them).
 */
export function toggleScopes(
	categories: readonly ApiCategory[],
	chosen: readonly string[],
	row: ScopeTreeRow,
): string[] {
	const selected = new Set(chosen);
	if (row.kind === 'scope') {
		if (!selected.delete(row.scope.Id)) selected.add(row.scope.Id);
	} else {
		const all = row.category.Scopes.every((scope) => selected.has(scope.Id));
		for (const scope of row.category.Scopes) {
			if (all) selected.delete(scope.Id);
			else selected.add(scope.Id);
		}
	}

	return orderScopes(categories, selected);
}

/** The chosen Ids in catalogue order, unknown ones last in their own order. */
export function orderScopes(categories: readonly ApiCategory[], selected: Iterable<string>): string[] {
	const wanted = new Set(selected);
	const known = categories.flatMap((category) => category.Scopes.map((scope) => scope.Id));
	const knownSet = new Set(known);
	return [...known.filter((id) => wanted.has(id)), ...[...wanted].filter((id) => !knownSet.has(id))];
}

/** The chosen scopes that can change data (POST, PUT, DELETE). */
export function chosenWriteScopes(categories: readonly ApiCategory[], chosen: readonly string[]): ApiScope[] {
	const selected = new Set(chosen);
	return categories.flatMap((category) =>
		category.Scopes.filter((scope) => selected.has(scope.Id) && isWriteScope(scope)),
	);
}

/** "Account 3/7, Invoices 2/2": the categories with chosen scopes, for summaries. */
export function scopeSummary(categories: readonly ApiCategory[], chosen: readonly string[]): string[] {
	const selected = new Set(chosen);
	return categories.flatMap((category) => {
		const picked = category.Scopes.filter((scope) => selected.has(scope.Id)).length;
		return picked === 0 ? [] : [`${category.Name} ${picked}/${category.Scopes.length}`];
	});
}
