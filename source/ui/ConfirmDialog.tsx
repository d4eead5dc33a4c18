import {Box, Text} from 'ink';
import {t} from '../i18n/index.js';
import type {ConfirmRequest} from '../state/index.js';
import {inert, truncate} from './text.js';
import {theme} from './theme.js';

type Props = {
	readonly request: ConfirmRequest;
	readonly focus: 'cancel' | 'confirm';
	readonly typed: string;
	readonly width: number;
	readonly height: number;
};

/** A confirmation: names the token(s) and the consequence; focus starts on Cancel. */
export function ConfirmDialog({request, focus, typed, width, height}: Props) {
	const inner = width - 4;
	const body = request.body.slice(0, Math.max(1, height - 7));
	const matches = request.typeToConfirm === undefined || typed === request.typeToConfirm;
	const color = request.risk === 'danger' ? theme.error : theme.accent;
	return (
		<Box flexDirection="column" width={width} borderStyle="round" borderColor={color} paddingX={1}>
			<Text bold wrap="truncate">
				{truncate(request.title, inner)}
			</Text>
			{body.map((line, index) => (
				<Text key={index} wrap="wrap">
					{line}
				</Text>
			))}
			{request.typeToConfirm === undefined ? null : (
				<Text wrap="truncate">
					{t('confirm.type', {text: truncate(inert(request.typeToConfirm), Math.max(8, inner - 30))})}
					<Text underline>{inert(typed)}</Text>
					<Text inverse> </Text>
					{matches ? <Text color={theme.success}>{t('confirm.matches')}</Text> : null}
				</Text>
			)}
			<Box marginTop={1}>
				<Button label={t('confirm.cancel')} focused={focus === 'cancel'} />
				<Text> </Text>
				<Button label={request.confirmLabel} focused={focus === 'confirm'} disabled={!matches} />
			</Box>
			<Text dimColor wrap="truncate">
				{request.typeToConfirm === undefined
					? t('confirm.keys', {
							label: request.confirmLabel.toLowerCase(),
							alternate: request.alternate ? ` · ${request.alternate.key} ${request.alternate.label}` : '',
						})
					: t('confirm.typeKeys')}
			</Text>
		</Box>
	);
}

/** A button; the focused one is in brackets and inverse, so focus shows without colour. */
function Button({
	label,
	focused,
	disabled = false,
}: {
	readonly label: string;
	readonly focused: boolean;
	readonly disabled?: boolean;
}) {
	return (
		<Text inverse={focused} dimColor={disabled}>
			{focused ? `[ ${label} ]` : `  ${label}  `}
		</Text>
	);
}
