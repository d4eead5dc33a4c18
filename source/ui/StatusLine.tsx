import {Text} from 'ink';
import {selectCounts, selectFlash, selectReadOnly} from '../state/index.js';
import {count, relativeTime} from './format.js';
import {useAppState} from './store.js';
import {inert} from './text.js';
import {theme} from './theme.js';

/** Who is connected where, how much of the list shows, and how fresh it is. */
export function StatusLine({notice}: {readonly notice?: string | undefined}) {
	const connection = useAppState((state) => state.connection);
	const visible = useAppState((state) => selectCounts(state).visible);
	const total = useAppState((state) => selectCounts(state).total);
	const now = useAppState((state) => state.now);
	const readOnly = useAppState((state) => selectReadOnly(state) !== null);
	const who = connection.operator
		? `${connection.operator.Name} (${connection.operator.Role})`
		: 'connecting…';
	const host = connection.serverUrl.replace(/^https?:\/\//, '');
	const loading =
		connection.loading && connection.expectedTotal !== null && total < connection.expectedTotal
			? `loading ${count(total)} of ${count(connection.expectedTotal)}…`
			: undefined;
	const freshness =
		connection.status === 'offline'
			? 'offline — retrying'
			: connection.lastRefreshAt === null
				? 'not loaded yet'
				: `refreshed ${relativeTime(connection.lastRefreshAt, now)}`;
	return (
		<Text wrap="truncate">
			{notice ? <Text bold color={theme.pending}>{`${notice} · `}</Text> : null}
			{readOnly ? <Text bold>READ-ONLY · </Text> : null}
			{`showing ${count(visible)} of ${count(total)}`}
			{loading ? ` · ${loading}` : ''}
			{' · '}
			<Text
				color={connection.status === 'offline' ? theme.error : undefined}
				bold={connection.status === 'offline'}
			>
				{freshness}
			</Text>
			{connection.lastError ? <Text color={theme.error}>{` · ${inert(connection.lastError)}`}</Text> : null}
			<Text dimColor>{` · ${who} @ ${host}`}</Text>
		</Text>
	);
}

const levelWords = {info: '', success: '✓ ', error: 'Error: '} as const;

/** The newest message: results of actions, and why something failed. */
export function MessageLine() {
	const flash = useAppState(selectFlash);
	if (!flash) return <Text> </Text>;
	const color = flash.level === 'error' ? theme.error : flash.level === 'success' ? theme.success : undefined;
	return (
		<Text wrap="truncate" color={color} bold={flash.level === 'error'}>
			{levelWords[flash.level] + inert(flash.message)}
		</Text>
	);
}
