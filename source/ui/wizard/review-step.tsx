/** Step 4: every field once more (an edit marks its changes, with what they were), then Create or Save. */
import {Text} from 'ink';
import {t} from '../../i18n/index.js';
import {changedFields, type ConflictField} from '../../state/token-form.js';
import {displayWidth, fit, truncate} from '../text.js';
import {fieldLabel, fieldLabels, fieldValue} from './describe.js';
import {pad, valueColumn, wrapText} from './fields.js';
import type {Line} from './layout.js';
import type {StepProps, StepView} from './steps.js';

export function reviewStep({form, catalogues, width}: StepProps): StepView {
	const changed = new Set<ConflictField>(changedFields(form));
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
						? t('review.nothing')
						: t('review.changes', {fields: fieldLabels([...changed])})}
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
						{index === 0 ? fit(`${mark ? '* ' : '  '}${fieldLabel(field)}`, valueColumn) : pad}
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
							t('review.was', {value: fieldValue(catalogues, field, form.initial, form.operatorId)}),
							width - valueColumn,
						)}
					</Text>
				),
			});
		}
	}

	const focused = form.field === 'Submit';
	const label = form.mode === 'create' ? t('review.create') : t('review.save');
	const after =
		form.mode === 'create' ? t('review.createAfter') : t('review.saveAfter', {version: form.version});
	lines.push(
		{key: 'review:gap', node: <Text> </Text>},
		{
			key: 'review:submit',
			node: (
				<Text wrap="truncate">
					{focused ? '› ' : '  '}
					<Text inverse={focused} bold>{`[ ${label} ]`}</Text>
					<Text dimColor>{truncate(after, Math.max(0, width - displayWidth(label) - 6))}</Text>
				</Text>
			),
		},
	);
	return {header: [], lines, focus: lines.length - 1, footer: []};
}
