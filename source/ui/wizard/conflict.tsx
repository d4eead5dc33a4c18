/** A 412 on save, field by field: what the server holds now beside what the operator wants. */
import {Text} from 'ink';
import type {AccessToken} from '../../domain/token.js';
import {conflictLines, sameValue, tokenValues, type TokenForm} from '../../state/token-form.js';
import type {Catalogues} from '../../state/types.js';
import {t} from '../../i18n/index.js';
import {fit, truncate} from '../text.js';
import {theme} from '../theme.js';
import {fieldLabel, fieldLabels, fieldValue} from './describe.js';
import type {Line} from './layout.js';
import type {StepView} from './steps.js';

export function conflictView(
	form: TokenForm,
	server: AccessToken,
	catalogues: Catalogues,
	width: number,
): StepView {
	const changes = conflictLines(form, server);
	const column = Math.max(10, Math.floor((width - 21) / 2));
	const serverValues = {...tokenValues(server), State: server.State, AuthTokenHint: server.AuthTokenHint};
	const row = (key: string, label: string, left: string, right: string, bold = false): Line => ({
		key,
		node: (
			<Text wrap="truncate" bold={bold}>
				{fit(`  ${label}`, 21)}
				{fit(left, column)} {truncate(right, column - 1)}
			</Text>
		),
	});
	const lines: Line[] = [
		row('conflict:head', t('conflict.field'), t('conflict.server'), t('conflict.yours'), true),
		...changes.map((change) =>
			row(
				`conflict:${change.field}`,
				fieldLabel(change.field),
				fieldValue(catalogues, change.field, serverValues, form.operatorId),
				change.mine
					? fieldValue(catalogues, change.field, {...form.draft, State: server.State}, form.operatorId)
					: t('conflict.notMine'),
			),
		),
	];
	const mine = (['Name', 'Description', 'PrimaryContact', 'DeveloperEmails', 'Scopes'] as const).filter(
		(field) =>
			!changes.some((change) => change.field === field) && !sameValue(field, form.draft, form.initial),
	);
	if (mine.length > 0) {
		lines.push({
			key: 'conflict:mine',
			node: (
				<Text wrap="truncate" dimColor>
					{truncate(t('conflict.alsoMine', {fields: fieldLabels(mine)}), width)}
				</Text>
			),
		});
	}

	const header: Line = {
		key: 'conflict:title',
		node: (
			<Text wrap="truncate" color={theme.error} bold>
				{truncate(t('conflict.title', {version: server.Version}), width)}
			</Text>
		),
	};
	return {header: [header], lines, focus: 0, footer: []};
}
