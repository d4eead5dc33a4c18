import {Box, Text} from 'ink';
import {describeAction} from '../i18n/actions.js';
import {t} from '../i18n/index.js';
import {categories, keyLabel, keymap, type KeyBinding} from './keymap.js';
import {fit} from './text.js';

type Line = {kind: 'category'; text: string} | {kind: 'binding'; binding: KeyBinding};

const keyColumn = 9;

/**
 * Every binding of the keymap table, grouped by category and flowed into as
 * many columns as the height needs, so it fits 80x24 without scrolling.
 */
export function HelpOverlay({width, height}: {readonly width: number; readonly height: number}) {
	const columns = flowIntoColumns(helpLines(), Math.max(3, height - 2));
	const columnWidth = Math.floor(width / columns.length);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold wrap="truncate">
				{t('help.title')}
			</Text>
			<Box flexDirection="row">
				{columns.map((lines, index) => (
					<Box key={index} flexDirection="column" width={columnWidth} paddingRight={1}>
						{lines.map((line) =>
							line.kind === 'category' ? (
								<Text key={line.text} bold underline wrap="truncate">
									{line.text}
								</Text>
							) : (
								<Text key={line.binding.action} wrap="truncate" dimColor={!line.binding.available}>
									{fit(keyLabel(line.binding), keyColumn)}
									{describeAction(line.binding)}
									{line.binding.available ? '' : t('help.soon')}
								</Text>
							),
						)}
					</Box>
				))}
			</Box>
		</Box>
	);
}

function helpLines(): Line[] {
	return categories.flatMap((category): Line[] => [
		{kind: 'category', text: t(`category.${category}`)},
		...keymap
			.filter((binding) => binding.category === category)
			.map((binding): Line => ({kind: 'binding', binding})),
	]);
}

/** Splits lines into columns of at most `height`, never leaving a category title last in a column. */
export function flowIntoColumns<T extends {kind: string}>(lines: readonly T[], height: number): T[][] {
	const columns: T[][] = [[]];
	for (const [index, line] of lines.entries()) {
		let column = columns.at(-1)!;
		const orphan = line.kind === 'category' && column.length === height - 1;
		if (column.length >= height || (orphan && index < lines.length - 1)) {
			column = [];
			columns.push(column);
		}

		column.push(line);
	}

	return columns;
}
