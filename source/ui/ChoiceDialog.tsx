import {Box, Text} from 'ink';
import {t} from '../i18n/index.js';
import type {ChoiceRequest} from '../state/index.js';
import {truncate} from './text.js';
import {theme} from './theme.js';

/** A short list to pick from with ↑↓ and Enter: versions to upgrade to, the legacy pair to reset. */
export function ChoiceDialog({
	request,
	index,
	width,
	height,
}: {
	readonly request: ChoiceRequest;
	readonly index: number;
	readonly width: number;
	readonly height: number;
}) {
	const inner = width - 4;
	return (
		<Box flexDirection="column" width={width} borderStyle="round" borderColor={theme.accent} paddingX={1}>
			<Text bold wrap="truncate">
				{truncate(request.title, inner)}
			</Text>
			{request.body.map((line) => (
				<Text key={line} wrap="truncate">
					{line}
				</Text>
			))}
			<Box flexDirection="column" marginTop={1}>
				{request.options.slice(0, Math.max(1, height - 6)).map((option, position) => (
					<Text key={option.value} inverse={position === index} wrap="truncate">
						{(position === index ? '› ' : '  ') + option.label}
					</Text>
				))}
			</Box>
			<Text dimColor wrap="truncate">
				{t('choice.keys')}
			</Text>
		</Box>
	);
}
