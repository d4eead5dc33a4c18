import {Box, Text} from 'ink';
import {t} from '../i18n/index.js';
import type {AuditAction} from '../domain/audit.js';
import type {AuditView as AuditPage} from '../state/index.js';
import {absoluteTime} from './format.js';
import {fit, inert} from './text.js';
import {theme} from './theme.js';

/** The audit log: who did what to which token and when, newest first; never a secret. */
export function AuditView({
	audit,
	page,
	width,
	height,
}: {
	readonly audit: AuditPage;
	readonly page: number;
	readonly width: number;
	readonly height: number;
}) {
	const when = 21;
	const actor = Math.min(18, Math.max(10, Math.floor(width / 6)));
	const action = 12;
	const rest = Math.max(10, width - when - actor - action - 3);
	// Every line left under the title and the header, so a page (listHeight - 1 entries) shows whole.
	const rows = Math.max(0, height - 2 - (audit.error ? 1 : 0));
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold wrap="truncate">
				{t('audit.title', {page, pages: audit.numPages, total: audit.total}) +
					(audit.loading ? t('audit.loading') : '')}
			</Text>
			<Text bold wrap="truncate">
				{`${fit(t('audit.when'), when)} ${fit(t('audit.who'), actor)} ${fit(t('audit.action'), action)} ${t('audit.token')}`}
			</Text>
			{audit.error ? (
				<Text color={theme.error} wrap="truncate">
					{t('audit.failed', {reason: inert(audit.error)})}
				</Text>
			) : null}
			{!audit.loading && !audit.error && audit.entries.length === 0 ? (
				<Text dimColor>{t('audit.empty')}</Text>
			) : null}
			{audit.entries.slice(0, rows).map((entry) => (
				<Text key={entry.Id} wrap="truncate">
					{`${fit(absoluteTime(entry.At), when)} ${fit(inert(entry.Actor), actor)} ${fit(actionWord(entry.Action), action)} ${fit(
						inert(entry.TokenName || t('audit.account')) + (entry.Detail ? ` (${inert(entry.Detail)})` : ''),
						rest,
					)}`}
				</Text>
			))}
		</Box>
	);
}

/** The action as the log names it in English (the API's word), or in the operator's language. */
function actionWord(action: AuditAction): string {
	return t(`audit.action.${action}`);
}
