/** The lines of the form's first two steps (setup, contact information), and what every step draws with. */
import {Text} from 'ink';
import {t} from '../../i18n/index.js';
import {contactChoices, versionChoices, type FormField, type TokenForm} from '../../state/token-form.js';
import type {Catalogues} from '../../state/types.js';
import {displayWidth, fit, inert, truncate} from '../text.js';
import {fieldLabel, userLabel} from './describe.js';
import {errorLines, FieldLabel, pad, pickerLines, textFieldLine, valueColumn, valueLine} from './fields.js';
import {fieldView, type Line} from './layout.js';

/** A step drawn as lines: `header` and `footer` always show; `lines` scroll to keep `focus` in view. */
export type StepView = {
	readonly header: readonly Line[];
	readonly lines: readonly Line[];
	readonly focus: number;
	readonly footer: readonly Line[];
};

export type StepProps = {readonly form: TokenForm; readonly catalogues: Catalogues; readonly width: number};

/** Collects lines, remembering where the focused field's are. */
class Lines {
	readonly lines: Line[] = [];
	focus = 0;

	add(field: FormField | null, form: TokenForm, lines: readonly Line[], offset = 0): void {
		if (field !== null && form.field === field) this.focus = this.lines.length + offset;
		this.lines.push(...lines);
	}
}

export function setupStep({form, catalogues, width}: StepProps): StepView {
	const out = new Lines();
	const {draft, errors} = form;
	out.add('Name', form, [
		textFieldLine({
			key: 'name',
			label: fieldLabel('Name'),
			value: draft.Name,
			cursor: form.cursor,
			focused: form.field === 'Name',
			width,
			placeholder: t('form.namePlaceholder'),
		}),
		...errorLines('name', errors.Name, width),
	]);
	out.add('Description', form, [
		textFieldLine({
			key: 'description',
			label: fieldLabel('Description'),
			value: draft.Description,
			cursor: form.cursor,
			focused: form.field === 'Description',
			width,
			placeholder: t('form.optional'),
		}),
		...errorLines('description', errors.Description, width),
	]);
	if (form.mode === 'create') {
		const picker = pickerLines({
			key: 'version',
			label: fieldLabel('ApiVersion'),
			choices: versionChoices(catalogues).map((version) => {
				const known = catalogues.versions.find((candidate) => candidate.Version === version);
				return {
					value: version,
					label: `${fit(`v${version}`, 5)}${fit(known?.Latest ? t('form.latest') : '', 8)}${known ? t('form.released', {date: known.ReleasedOn}) : ''}`,
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
				fieldLabel('ApiVersion'),
				t('form.versionFixed', {version: draft.ApiVersion}),
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
		label: fieldLabel('PrimaryContact'),
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
				fieldLabel('PrimaryContact'),
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
		index === 0 ? <FieldLabel label={fieldLabel('DeveloperEmails')} focused={focused} /> : pad;
	const listed = emails.map((email, index): Line => {
		const selected = focused && form.emailIndex === index;
		const removes = t('form.emailRemove');
		return {
			key: `email:${index}:${email}`,
			node: (
				<Text wrap="truncate">
					{lead(index)}
					<Text inverse={selected}>
						{truncate(`${index + 1}. ${inert(email)}`, room - (selected ? displayWidth(removes) : 0))}
					</Text>
					{selected ? <Text dimColor>{removes}</Text> : null}
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
						{truncate(emails.length === 0 ? t('form.emailFirst') : t('form.emailAnother'), room - 3)}
					</Text>
				) : null}
			</>
		);
	} else {
		entry = (
			<Text dimColor>
				{form.emailEntry === ''
					? emails.length === 0
						? t('form.emailNone')
						: focused
							? t('form.emailAddHere')
							: ''
					: `+ ${truncate(inert(form.emailEntry), room - 2)}${t('form.emailNotAdded')}`}
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
