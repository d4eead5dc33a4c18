/** The rows a form field is drawn with: a label column, then the value, a picker or a message. */
import {Text} from 'ink';
import stringWidth from 'string-width';
import {localiseProblem} from '../../i18n/problems.js';
import {fit, inert, truncate} from '../text.js';
import {theme} from '../theme.js';
import {fieldView, type Line} from './layout.js';
import {segmentGraphemes} from '../../domain/graphemes.js';

/** Columns of the label, after the two of the focus marker. */
export const labelWidth = 19;

/** Where values start. */
export const valueColumn = 2 + labelWidth;

/** Blank label column, for the rows under a field's first. */
export const pad = ' '.repeat(valueColumn);

/** The marker and label of a field: "› " and bold when it has the focus, so colour is never needed to see it. */
export function FieldLabel({label, focused}: {readonly label: string; readonly focused: boolean}) {
	return (
		<Text bold={focused} color={focused ? theme.accent : undefined}>
			{(focused ? '› ' : '  ') + fit(label, labelWidth)}
		</Text>
	);
}

/** A one-line text field: the value with the cursor (inverse) in view, or a dim placeholder. */
export function textFieldLine(options: {
	readonly key: string;
	readonly label: string;
	readonly value: string;
	readonly cursor: number;
	readonly focused: boolean;
	readonly width: number;
	readonly placeholder: string;
}): Line {
	const {key, label, value, cursor, focused, width, placeholder} = options;
	const room = Math.max(4, width - valueColumn);
	let body: React.ReactNode;
	if (focused) {
		const view = fieldView(value, cursor, room);
		body = (
			<>
				{view.before}
				<Text inverse>{view.at}</Text>
				{view.after}
				{value === '' ? <Text dimColor>{truncate(` ${placeholder}`, room - 1)}</Text> : null}
			</>
		);
	} else if (value === '') body = <Text dimColor>{truncate(placeholder, room)}</Text>;
	else body = truncate(inert(value), room);
	return {
		key,
		node: (
			<Text wrap="truncate">
				<FieldLabel label={label} focused={focused} />
				{body}
			</Text>
		),
	};
}

/** A read-only value in the label column layout. */
export function valueLine(key: string, label: string, value: string, width: number, dim = false): Line {
	return {
		key,
		node: (
			<Text wrap="truncate" dimColor={dim}>
				<FieldLabel label={label} focused={false} />
				{truncate(value, Math.max(4, width - valueColumn))}
			</Text>
		),
	};
}

/**
 * A list to pick one from. Focused, every option shows (● the chosen one, in
 * inverse); otherwise only the chosen one, to save rows.
 */
export function pickerLines(options: {
	readonly key: string;
	readonly label: string;
	readonly choices: ReadonlyArray<{readonly value: string; readonly label: string}>;
	readonly selected: string;
	readonly focused: boolean;
	readonly width: number;
}): {lines: Line[]; focus: number} {
	const {key, label, choices, selected, focused, width} = options;
	const room = Math.max(4, width - valueColumn - 2);
	if (!focused) {
		const chosen = choices.find((choice) => choice.value === selected);
		return {
			lines: [
				{
					key,
					node: (
						<Text wrap="truncate">
							<FieldLabel label={label} focused={false} />
							{truncate(chosen?.label ?? '—', room + 2)}
						</Text>
					),
				},
			],
			focus: 0,
		};
	}

	const lines = choices.map((choice, index): Line => {
		const isChosen = choice.value === selected;
		return {
			key: `${key}:${choice.value}`,
			node: (
				<Text wrap="truncate">
					{index === 0 ? <FieldLabel label={label} focused /> : pad}
					<Text inverse={isChosen}>{(isChosen ? '● ' : '○ ') + truncate(choice.label, room)}</Text>
				</Text>
			),
		};
	});
	return {
		lines,
		focus: Math.max(
			0,
			choices.findIndex((choice) => choice.value === selected),
		),
	};
}

/**
 * Why the field is wrong, under it and in the error colour, after a ✗ so it
 * reads without colour; wrapped to two rows at most. The message is the
 * domain's (or the server's) English, said in the operator's language here.
 */
export function errorLines(key: string, english: string | undefined, width: number): Line[] {
	if (english === undefined) return [];
	const message = localiseProblem(english);
	const indent = stringWidth(`✗ ${message}`) <= width - valueColumn - 2 ? pad : '  ';
	return wrapText(`✗ ${message}`, Math.max(10, width - indent.length - 2))
		.slice(0, 2)
		.map((text, index) => ({
			key: `${key}:error:${index}`,
			node: (
				<Text wrap="truncate" color={theme.error}>
					{(index === 0 ? indent : indent + '  ') + text}
				</Text>
			),
		}));
}

/**
 * Words into rows of at most `width` columns (display width). A word longer
 * than a row (a Chinese sentence has no spaces) breaks between characters.
 */
export function wrapText(text: string, width: number): string[] {
	const rows: string[] = [];
	let row = '';
	for (const word of text.split(' ')) {
		const candidate = row === '' ? word : `${row} ${word}`;
		if (stringWidth(candidate) <= width) {
			row = candidate;
			continue;
		}

		if (stringWidth(word) <= width) {
			if (row !== '') rows.push(row);
			row = word;
			continue;
		}

		// Fill the row, then go on character by character.
		if (row !== '') row += ' ';
		for (const {segment} of segmentGraphemes(word)) {
			if (stringWidth(row + segment) > width) {
				if (row.trim() !== '') rows.push(row.trimEnd());
				row = '';
			}

			row += segment;
		}
	}

	if (row !== '') rows.push(row);
	return rows;
}
