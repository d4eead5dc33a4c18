import {Box, Text} from 'ink';
import {t} from '../i18n/index.js';
import type {RevealedSecret} from '../state/index.js';
import {displayWidth, fit, inert, truncate} from './text.js';
import {theme} from './theme.js';

/** New credentials, in full, this once; `y` copies, any other way out forgets them. */
export function SecretsDialog({
	title,
	secrets,
	copied,
	width,
	height,
}: {
	readonly title: string;
	readonly secrets: readonly RevealedSecret[];
	readonly copied: string | null;
	readonly width: number;
	readonly height: number;
}) {
	const inner = width - 4;
	const room = Math.max(1, Math.floor((height - 6) / 3));
	// The secrets start in one column, however wide the labels are in this language.
	const labels = Math.max(displayWidth(t('secrets.accountSid')), displayWidth(t('secrets.authToken')));
	return (
		<Box flexDirection="column" width={width} borderStyle="round" borderColor={theme.success} paddingX={1}>
			<Text bold wrap="truncate">
				{truncate(title, inner)}
			</Text>
			<Text color={theme.disabled} wrap="truncate">
				{t('secrets.once')}
			</Text>
			{secrets.slice(0, room).map((secret) => (
				<Box key={`${secret.credentials.AccountSid}`} flexDirection="column">
					<Text bold wrap="truncate">
						{truncate(
							`${inert(secret.tokenName)}${secret.credential === 'ReadOnly' ? t('secrets.readOnlyPair') : ''}`,
							inner,
						)}
					</Text>
					<Text wrap="truncate">{`  ${fit(t('secrets.accountSid'), labels)}  ${secret.credentials.AccountSid}`}</Text>
					<Text wrap="truncate">{`  ${fit(t('secrets.authToken'), labels)}  ${secret.credentials.AuthToken}`}</Text>
				</Box>
			))}
			{secrets.length > room ? <Text dimColor>{t('secrets.more', {n: secrets.length - room})}</Text> : null}
			<Text dimColor wrap="truncate">
				{(copied ? t('secrets.copied', {how: copied}) : '') + t('secrets.keys')}
			</Text>
		</Box>
	);
}
