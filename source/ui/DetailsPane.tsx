import {Box, Text} from 'ink';
import type {AccessToken, User} from '../domain/token.js';
import type {Overlay} from '../state/index.js';
import {absoluteTime, relativeTime} from './format.js';
import {useAppState} from './store.js';
import {inert, truncate} from './text.js';
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
				<Text color={theme.error}>This token is no longer on the server. Press Esc to go back.</Text>
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
					<Text dimColor>{label.padEnd(labelWidth)}</Text>
					{truncate(value, valueWidth)}
				</Text>
			))}
		</Box>
	);
}

type Revealed = Extract<Overlay, {kind: 'details'}>['revealed'];

/** The credential lines with the full values while they are revealed. */
function withRevealed(
	fields: Array<[string, string]>,
	token: AccessToken,
	revealed: Revealed,
): Array<[string, string]> {
	if (!revealed) return fields;
	const full = new Map<string, string>([
		[
			token.Legacy ? 'Read/Write token' : 'Auth token',
			`${revealed.readWrite.AuthToken} (v hides it; hides itself after 30 s)`,
		],
		['Read-Only token', revealed.readOnly?.AuthToken ?? ''],
	]);
	return fields.map(([label, value]) => [label, full.get(label) || value]);
}

function detailFields(
	token: AccessToken,
	now: number,
	users: readonly User[] | undefined,
): Array<[string, string]> {
	const fields: Array<[string, string]> = [
		['State', token.State],
		['API version', `v${token.ApiVersion}`],
		['Kind', token.Legacy ? 'legacy (Read/Write and Read-Only pairs)' : 'scoped'],
		['Description', inert(token.Description) || '—'],
		['Created', `${absoluteTime(token.CreatedAt)} (${relativeTime(token.CreatedAt, now)})`],
		['Updated', absoluteTime(token.UpdatedAt)],
		[
			'Last used',
			token.LastUsedAt
				? `${absoluteTime(token.LastUsedAt)} (${relativeTime(token.LastUsedAt, now)})`
				: 'never',
		],
		['Primary contact', inert(contactName(token.PrimaryContact, users))],
		['Developer e-mails', inert(token.DeveloperEmails.join(', ')) || '—'],
		['Scopes', `${token.Scopes.length}: ${token.Scopes.join(', ')}`],
		[token.Legacy ? 'Read/Write SID' : 'Account SID', token.AccountSid],
		[
			token.Legacy ? 'Read/Write token' : 'Auth token',
			`…${token.AuthTokenHint} (only the last 4 characters are shown)`,
		],
	];
	if (token.ReadOnly) {
		fields.push(
			['Read-Only SID', token.ReadOnly.AccountSid],
			['Read-Only token', `…${token.ReadOnly.AuthTokenHint}`],
		);
	}

	fields.push(['Id', token.Id]);
	return fields;
}

function contactName(userId: string, users: readonly User[] | undefined): string {
	const user = users?.find((candidate) => candidate.Id === userId);
	return user ? `${user.Name} <${user.Email}>` : userId;
}
