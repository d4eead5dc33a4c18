import {memo, useMemo} from 'react';
import {Box, Text} from 'ink';
import {t} from '../i18n/index.js';
import type {AccessToken} from '../domain/token.js';
import {selectCursor, selectVisibleRows, selectWindow, type PendingOp} from '../state/index.js';
import {gutterWidth, headerLine, layoutColumns, nameCell, rowCells, type Layout} from './columns.js';
import {useAppState} from './store.js';
import {theme} from './theme.js';

/**
 * The token list: a header and only the rows that fit, in a window around the
 * cursor, so a keystroke costs the same with 60 tokens or 1,000,000.
 */
export function TokenList({width, height}: {readonly width: number; readonly height: number}) {
	const rows = useAppState(selectVisibleRows);
	const start = useAppState((state) => selectWindow(state).start);
	const cursor = useAppState((state) => selectCursor(state).index);
	const marks = useAppState((state) => state.selection.marks);
	const pending = useAppState((state) => state.pending);
	const now = useAppState((state) => state.now);
	const loaded = useAppState((state) => state.tokens.loaded || state.tokens.rows.length > 0);
	const layout = useMemo(() => layoutColumns(width), [width]);
	const pendingByToken = useMemo(() => pendingTokenLabels(pending), [pending]);

	const visible = rows.slice(start, start + height);
	return (
		<Box flexDirection="column" width={width} height={height + 1}>
			<Text bold wrap="truncate">
				{headerLine(layout)}
			</Text>
			{visible.length === 0 ? (
				<Text dimColor>{'  ' + (loaded ? t('list.empty') : t('list.loading'))}</Text>
			) : (
				visible.map((row, offset) => (
					<TokenRowView
						key={row.token.Id}
						token={row.token}
						layout={layout}
						now={now}
						selected={start + offset === cursor}
						marked={marks.has(row.token.Id)}
						pendingLabel={pendingByToken.get(row.token.Id)}
					/>
				))
			)}
		</Box>
	);
}

function pendingTokenLabels(pending: ReadonlyMap<string, PendingOp>): Map<string, string> {
	const labels = new Map<string, string>();
	for (const op of pending.values()) labels.set(op.tokenId, op.label);
	return labels;
}

type RowProps = {
	readonly token: AccessToken;
	readonly layout: Layout;
	readonly now: number;
	readonly selected: boolean;
	readonly marked: boolean;
	readonly pendingLabel: string | undefined;
};

/** One row; memoised, so moving the cursor re-renders just the two rows it leaves and enters. */
const TokenRowView = memo(function TokenRowView({
	token,
	layout,
	now,
	selected,
	marked,
	pendingLabel,
}: RowProps) {
	const [state, ...rest] = rowCells(layout, token, now);
	const gutter = (selected ? '›' : ' ') + (marked ? '*' : ' ') + (pendingLabel ? '~' : ' ');
	return (
		<Text wrap="truncate" inverse={selected}>
			<Text color={theme.pending}>{gutter.padEnd(gutterWidth)}</Text>
			{nameCell(layout, token)}{' '}
			<Text color={pendingLabel ? theme.pending : token.State === 'Enabled' ? theme.enabled : theme.disabled}>
				{state}
			</Text>
			{rest.map((cell) => ' ' + cell).join('')}
		</Text>
	);
});
