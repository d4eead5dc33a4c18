/** Step 3: the scope catalogue as a tree, with what is chosen and a least-privilege hint. */
import {Text} from 'ink';
import {isWriteScope} from '../../domain/token.js';
import {chosenWriteScopes, scopeTreeRows, type ScopeTreeRow} from '../../state/scope-tree.js';
import {fit, inert, truncate} from '../text.js';
import {theme} from '../theme.js';
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
						{truncate(`✗ ${form.errors.Scopes}: Space on a category takes all its scopes`, width)}
					</Text>
				),
			}
		: {
				key: 'scopes:summary',
				node: (
					<Text wrap="truncate" dimColor={chosen === 0}>
						{chosen === 0
							? 'Choose what this token may call: Space takes a category, → opens it'
							: `Chosen: ${chosen} scope${chosen === 1 ? '' : 's'} in ${categories} categor${categories === 1 ? 'y' : 'ies'}${writes > 0 ? `, ${writes} can write` : ', read-only'}`}
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
									`⚠ Least privilege: ${writes} write scope${writes === 1 ? '' : 's'} — keep only those the integration needs`,
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
		const text = `${row.open ? '▾' : '▸'} ${box} ${fit(inert(row.category.Name), 22)} ${fit(`${row.chosen}/${total}`, 6)}${row.chosenWrites > 0 ? `${row.chosenWrites} write chosen` : writes > 0 ? `(${writes} can write)` : '(read only)'}`;
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
	const text = `${row.chosen ? '[x]' : '[ ]'} ${fit(inert(scope.Name), nameWidth)} ${fit(scope.Method, 7)}${fit(inert(scope.Path), pathWidth)}${write ? ' write' : ''}`;
	return {
		key: `scope:${scope.Id}:${index}`,
		node: (
			<Text wrap="truncate" inverse={selected}>
				{(selected ? '›     ' : '      ') + truncate(text, width - 6)}
			</Text>
		),
	};
}
