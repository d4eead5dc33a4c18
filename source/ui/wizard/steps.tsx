/** The lines of each step of the form: setup, contact information, API scopes, review. */
import {Text} from 'ink';
import {isWriteScope} from '../../domain/token.js';
import {chosenWriteScopes, scopeTreeRows, type ScopeTreeRow} from '../../state/scope-tree.js';
import {
	changedFields,
	contactChoices,
	versionChoices,
	type FormField,
	type TokenForm,
} from '../../state/token-form.js';
import type {Catalogues} from '../../state/types.js';
import {fit, inert, truncate} from '../text.js';
import {theme} from '../theme.js';
import {fieldLabels, fieldValue, userLabel} from './describe.js';
import {
	errorLines,
	FieldLabel,
	pickerLines,
	textFieldLine,
	valueColumn,
	valueLine,
	wrapText,
} from './fields.js';
import {fieldView, type Line} from './layout.js';

/** A step drawn as lines: `header` and `footer` always show; `lines` scroll to keep `focus` in view. */
export type StepView = {
	readonly header: readonly Line[];
	readonly lines: readonly Line[];
	readonly focus: number;
	readonly footer: readonly Line[];
};

type StepProps = {readonly form: TokenForm; readonly catalogues: Catalogues; readonly width: number};

/** Collects lines, remembering where the focused field's are. */
class Lines {
	readonly lines: Line[] = [];
	focus = 0;

	add(field: FormField | null, form: TokenForm, lines: readonly Line[], offset = 0): void {
		if (field !== null && form.field === field) this.focus = this.lines.length + offset;
		this.lines.push(...lines);
	}
}

const pad = ' '.repeat(valueColumn);

export function setupStep({form, catalogues, width}: StepProps): StepView {
	const out = new Lines();
	const {draft, errors} = form;
	out.add('Name', form, [
		textFieldLine({
			key: 'name',
			label: 'Token name',
			value: draft.Name,
			cursor: form.cursor,
			focused: form.field === 'Name',
			width,
			placeholder: 'required · what it is for, e.g. "Billing sync – production"',
		}),
		...errorLines('name', errors.Name, width),
	]);
	out.add('Description', form, [
		textFieldLine({
			key: 'description',
			label: 'Description',
			value: draft.Description,
			cursor: form.cursor,
			focused: form.field === 'Description',
			width,
			placeholder: 'optional',
		}),
		...errorLines('description', errors.Description, width),
	]);
	if (form.mode === 'create') {
		const picker = pickerLines({
			key: 'version',
			label: 'API version',
			choices: versionChoices(catalogues).map((version) => {
				const known = catalogues.versions.find((candidate) => candidate.Version === version);
				return {
					value: version,
					label: `${fit(`v${version}`, 5)}${fit(known?.Latest ? 'latest' : '', 8)}${known ? `released ${known.ReleasedOn}` : ''}`,
				};
			}),
			selected: draft.ApiVersion,
			focused: form.field === 'ApiVersion',
			width,
		});
		out.add('ApiVersion', form, picker.lines, picker.focus);
	} else {
		out.add(null, form, [
			valueLine(
				'version',
				'API version',
				`v${draft.ApiVersion} · only Upgrade (u, in the details) changes it`,
				width,
				true,
			),
		]);
	}

	return {header: [], lines: out.lines, focus: out.focus, footer: []};
}

export function contactStep({form, catalogues, width}: StepProps): StepView {
	const out = new Lines();
	const picker = pickerLines({
		key: 'contact',
		label: 'Primary contact',
		choices: contactChoices(catalogues.users, form.operatorId).map((user) => ({
			value: user.Id,
			label: userLabel(catalogues.users, user.Id, form.operatorId),
		})),
		selected: form.draft.PrimaryContact,
		focused: form.field === 'PrimaryContact',
		width,
	});
	if (!catalogues.users.some((user) => user.Id === form.draft.PrimaryContact)) {
		// A contact the account no longer has: say so rather than show nothing chosen.
		picker.lines.unshift(
			valueLine(
				'contact:unknown',
				'Primary contact',
				userLabel(catalogues.users, form.draft.PrimaryContact, form.operatorId),
				width,
			),
		);
	}

	out.add(
		'PrimaryContact',
		form,
		[...picker.lines, ...errorLines('contact', form.errors.PrimaryContact, width)],
		picker.focus,
	);
	out.add('DeveloperEmails', form, [], emailsFocus(form));
	out.lines.push(...emailLines(form, width), ...errorLines('emails', form.errors.DeveloperEmails, width));
	return {header: [], lines: out.lines, focus: out.focus, footer: []};
}

function emailsFocus(form: TokenForm): number {
	return form.emailIndex < 0 ? form.draft.DeveloperEmails.length : form.emailIndex;
}

/** The listed addresses, then the line that adds one. */
function emailLines(form: TokenForm, width: number): Line[] {
	const focused = form.field === 'DeveloperEmails';
	const emails = form.draft.DeveloperEmails;
	const room = Math.max(4, width - valueColumn - 2);
	const lead = (index: number) =>
		index === 0 ? <FieldLabel label="Developer e-mails" focused={focused} /> : pad;
	const listed = emails.map((email, index): Line => {
		const selected = focused && form.emailIndex === index;
		return {
			key: `email:${index}:${email}`,
			node: (
				<Text wrap="truncate">
					{lead(index)}
					<Text inverse={selected}>
						{truncate(`${index + 1}. ${inert(email)}`, room - (selected ? 16 : 0))}
					</Text>
					{selected ? <Text dimColor>{'  Del removes it'}</Text> : null}
				</Text>
			),
		};
	});
	let entry: React.ReactNode;
	if (focused && form.emailIndex < 0) {
		const view = fieldView(form.emailEntry, form.cursor, room - 2);
		entry = (
			<>
				{'+ '}
				{view.before}
				<Text inverse>{view.at}</Text>
				{view.after}
				{form.emailEntry === '' ? (
					<Text dimColor>
						{truncate(
							emails.length === 0 ? ' optional: type an address, Enter adds it' : ' add another (optional)',
							room - 3,
						)}
					</Text>
				) : null}
			</>
		);
	} else {
		entry = (
			<Text dimColor>
				{form.emailEntry === ''
					? emails.length === 0
						? 'none (optional)'
						: focused
							? '+ add another: ↓ here, then type'
							: ''
					: `+ ${truncate(inert(form.emailEntry), room - 2)} (not added yet)`}
			</Text>
		);
	}

	return [
		...listed,
		{
			key: 'email:entry',
			node: (
				<Text wrap="truncate">
					{lead(emails.length)}
					{entry}
				</Text>
			),
		},
	];
}

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

export function reviewStep({form, catalogues, width}: StepProps): StepView {
	const changed = new Set<string>(changedFields(form));
	const fields =
		form.mode === 'create'
			? (['Name', 'Description', 'ApiVersion', 'PrimaryContact', 'DeveloperEmails', 'Scopes'] as const)
			: (['Name', 'Description', 'PrimaryContact', 'DeveloperEmails', 'Scopes'] as const);
	const lines: Line[] = [];
	if (form.mode === 'edit') {
		lines.push({
			key: 'review:changes',
			node: (
				<Text wrap="truncate" bold>
					{changed.size === 0
						? 'Nothing changed yet: Esc to go back and change something'
						: `Your changes (*): ${[...changed].map((field) => fieldLabels[field as keyof typeof fieldLabels]).join(', ')}`}
				</Text>
			),
		});
	}

	for (const field of fields) {
		const mark = form.mode === 'edit' && changed.has(field);
		const value = fieldValue(catalogues, field, form.draft, form.operatorId);
		const rows = wrapText(value, Math.max(10, width - valueColumn)).slice(0, field === 'Scopes' ? 3 : 1);
		rows.forEach((text, index) => {
			lines.push({
				key: `review:${field}:${index}`,
				node: (
					<Text wrap="truncate" dimColor={form.mode === 'edit' && !mark}>
						{index === 0 ? fit(`${mark ? '* ' : '  '}${fieldLabels[field]}`, valueColumn) : pad}
						{index === 0 && rows.length === 1 ? truncate(value, width - valueColumn) : text}
					</Text>
				),
			});
		});
		if (mark && form.base) {
			lines.push({
				key: `review:${field}:was`,
				node: (
					<Text wrap="truncate" dimColor>
						{pad}
						{truncate(
							`was: ${fieldValue(catalogues, field, form.initial, form.operatorId)}`,
							width - valueColumn,
						)}
					</Text>
				),
			});
		}
	}

	const focused = form.field === 'Submit';
	const label = form.mode === 'create' ? 'Create token' : 'Save changes';
	const after =
		form.mode === 'create'
			? '  then its Account SID and Auth Token show, once'
			: `  sent with If-Match: version ${form.version}`;
	lines.push(
		{key: 'review:gap', node: <Text> </Text>},
		{
			key: 'review:submit',
			node: (
				<Text wrap="truncate">
					{focused ? '› ' : '  '}
					<Text inverse={focused} bold>{`[ ${label} ]`}</Text>
					<Text dimColor>{truncate(after, Math.max(0, width - label.length - 6))}</Text>
				</Text>
			),
		},
	);
	return {header: [], lines, focus: lines.length - 1, footer: []};
}
