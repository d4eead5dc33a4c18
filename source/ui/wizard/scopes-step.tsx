/** Step 3: the scope catalogue as a tree, with what is chosen and a least-privilege hint. */
import {Text} from 'ink';
import {isWriteScope} from '../../domain/token.js';
import {t} from '../../i18n/index.js';
import {localiseProblem} from '../../i18n/problems.js';
import {chosenWriteScopes, scopeTreeRows, type ScopeTreeRow} from '../../state/scope-tree.js';
import {fit, inert, truncate} from '../text.js';
import {theme} from '../theme.js';
import {scopeCount} from './describe.js';
import type {Line} from './layout.js';
import type {StepProps, StepView} from './steps.js';

export function scopesStep({form, catalogues, width}: StepProps): StepView {
	const rows = scopeTreeRows(catalogues.categories, form.openCategories, form.draft.Scopes);
	const focused = form.field === 'Scopes';
	const lines = rows.map((row, index) => scopeRowLine(row, index, focused && index === form.scopeRow, width));
	const chosen = form.draft.Scopes.length;
	const writes = chosenWriteScopes(catalogues.categories, form.draft.Scopes).length;
	const categories = rows.filter((row) => row.kind === 'category' && row.chosen > 0).length;
	const summary: Line = form.errors.Scopes
		? {
				key: 'scopes:error',
				node: (
					<Text wrap="truncate" color={theme.error}>
						{truncate(t('scopes.error', {error: localiseProblem(form.errors.Scopes)}), width)}
					</Text>
				),
			}
		: {
				key: 'scopes:summary',
				node: (
					<Text wrap="truncate" dimColor={chosen === 0}>
						{chosen === 0
							? t('scopes.empty')
							: t('scopes.chosen', {
									scopes: scopeCount(chosen),
									categories:
										categories === 1 ? t('scopes.oneCategory') : t('scopes.manyCategories', {n: categories}),
								}) + (writes > 0 ? t('scopes.canWrite', {n: writes}) : t('scopes.readOnly'))}
					</Text>
				),
			};
	const hint: Line[] =
		writes > 0
			? [
					{
						key: 'scopes:least-privilege',
						node: (
							<Text wrap="truncate" color={theme.disabled}>
								{truncate(
									writes === 1 ? t('scopes.leastPrivilegeOne') : t('scopes.leastPrivilegeMany', {n: writes}),
									width,
								)}
							</Text>
						),
					},
				]
			: [];
	return {header: [summary], lines, focus: form.scopeRow, footer: hint};
}

function scopeRowLine(row: ScopeTreeRow, index: number, selected: boolean, width: number): Line {
	if (row.kind === 'category') {
		const total = row.category.Scopes.length;
		const box = row.chosen === 0 ? '[ ]' : row.chosen === total ? '[x]' : '[-]';
		const writes = row.category.Scopes.filter((scope) => isWriteScope(scope)).length;
		const text = `${row.open ? '▾' : '▸'} ${box} ${fit(inert(row.category.Name), 22)} ${fit(`${row.chosen}/${total}`, 6)}${row.chosenWrites > 0 ? t('scopes.writeChosen', {n: row.chosenWrites}) : writes > 0 ? t('scopes.writable', {n: writes}) : t('scopes.readOnlyCategory')}`;
		return {
			key: `category:${row.category.Name}`,
			node: (
				<Text wrap="truncate" inverse={selected} bold={row.chosen > 0}>
					{(selected ? '› ' : '  ') + truncate(text, width - 2)}
				</Text>
			),
		};
	}

	const {scope} = row;
	const write = isWriteScope(scope);
	// Indent 6, box 4, name, a space, method 7, path, " write" 6.
	const nameWidth = Math.max(12, Math.min(30, width - 42));
	const pathWidth = Math.max(8, width - 24 - nameWidth);
	const text = `${row.chosen ? '[x]' : '[ ]'} ${fit(inert(scope.Name), nameWidth)} ${fit(scope.Method, 7)}${fit(inert(scope.Path), pathWidth)}${write ? t('scopes.write') : ''}`;
	return {
		key: `scope:${scope.Id}:${index}`,
		node: (
			<Text wrap="truncate" inverse={selected}>
				{(selected ? '›     ' : '      ') + truncate(text, width - 6)}
			</Text>
		),
	};
}
