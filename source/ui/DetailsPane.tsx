import {Box, Text} from 'ink';
import {t, type MessageKey} from '../i18n/index.js';
import type {AccessToken, User} from '../domain/token.js';
import type {Overlay} from '../state/index.js';
import {absoluteTime, relativeTime} from './format.js';
import {useAppState} from './store.js';
import {fit, inert, truncate} from './text.js';
import {theme} from './theme.js';

const labelWidth = 19;

/** One token, every field, read-only for now (editing comes with the edit form). */
export function DetailsPane({
	tokenId,
	revealed,
	width,
	height,
}: {
	readonly tokenId: string;
	/** Credentials revealed with `v`, shown in full until they hide again. */
	readonly revealed?: Revealed | undefined;
	readonly width: number;
	readonly height: number;
}) {
	const token = useAppState((state) => state.tokens.byId.get(tokenId)?.token);
	const now = useAppState((state) => state.now);
	const users = useAppState((state) => state.catalogues?.users);
	if (!token) {
		return (
			<Box height={height}>
				<Text color={theme.error}>{t('details.gone')}</Text>
			</Box>
		);
	}

	const valueWidth = Math.max(10, width - labelWidth - 2);
	const fields = withRevealed(detailFields(token, now, users), token, revealed);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold wrap="truncate">
				{truncate(inert(token.Name), width)}
			</Text>
			{fields.slice(0, Math.max(0, height - 1)).map(([label, value]) => (
				<Text key={label} wrap="truncate">
					<Text dimColor>{fit(t(label), labelWidth)}</Text>
					{truncate(value, valueWidth)}
				</Text>
			))}
		</Box>
	);
}

type Revealed = Extract<Overlay, {kind: 'details'}>['revealed'];

/** The credential lines with the full values while they are revealed. */
function withRevealed(fields: Field[], token: AccessToken, revealed: Revealed): Field[] {
	if (!revealed) return fields;
	const full = new Map<MessageKey, string>([
		[
			token.Legacy ? 'details.rwToken' : 'details.authToken',
			`${revealed.readWrite.AuthToken} ${t('details.revealedHint')}`,
		],
		['details.roToken', revealed.readOnly?.AuthToken ?? ''],
	]);
	return fields.map(([label, value]) => [label, full.get(label) || value]);
}

type Field = [MessageKey, string];

function detailFields(token: AccessToken, now: number, users: readonly User[] | undefined): Field[] {
	const fields: Field[] = [
		['details.state', t(`token.${token.State}`)],
		['details.version', `v${token.ApiVersion}`],
		['details.kind', token.Legacy ? t('details.kindLegacy') : t('details.kindScoped')],
		['details.description', inert(token.Description) || '—'],
		['details.created', `${absoluteTime(token.CreatedAt)} (${relativeTime(token.CreatedAt, now)})`],
		['details.updated', absoluteTime(token.UpdatedAt)],
		[
			'details.lastUsed',
			token.LastUsedAt
				? `${absoluteTime(token.LastUsedAt)} (${relativeTime(token.LastUsedAt, now)})`
				: relativeTime(null, now),
		],
		['details.contact', inert(contactName(token.PrimaryContact, users))],
		['details.emails', inert(token.DeveloperEmails.join(', ')) || '—'],
		['details.scopes', `${token.Scopes.length}: ${token.Scopes.join(', ')}`],
		[token.Legacy ? 'details.rwSid' : 'details.accountSid', token.AccountSid],
		[token.Legacy ? 'details.rwToken' : 'details.authToken', `…${token.AuthTokenHint} ${t('details.hint')}`],
	];
	if (token.ReadOnly) {
		fields.push(
			['details.roSid', token.ReadOnly.AccountSid],
			['details.roToken', `…${token.ReadOnly.AuthTokenHint}`],
		);
	}

	fields.push(['details.id', token.Id]);
	return fields;
}

function contactName(userId: string, users: readonly User[] | undefined): string {
	const user = users?.find((candidate) => candidate.Id === userId);
	return user ? `${user.Name} <${user.Email}>` : userId;
}
