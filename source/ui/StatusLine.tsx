import {Text} from 'ink';
import {t} from '../i18n/index.js';
import {selectCounts, selectFlash, selectReadOnly} from '../state/index.js';
import {count, relativeTime} from './format.js';
import {useAppState} from './store.js';
import {inert} from './text.js';
import {theme} from './theme.js';

/** How much of the list shows, who is connected with which role, how fresh the data is, and where from. */
export function StatusLine({notice}: {readonly notice?: string | undefined}) {
	const connection = useAppState((state) => state.connection);
	const visible = useAppState((state) => selectCounts(state).visible);
	const total = useAppState((state) => selectCounts(state).total);
	const now = useAppState((state) => state.now);
	const readOnly = useAppState((state) => selectReadOnly(state) !== null);
	const who = connection.operator
		? inert(`${connection.operator.Name} (${connection.operator.Role})`)
		: t('status.connecting');
	const host = connection.serverUrl.replace(/^https?:\/\//, '');
	const loading =
		connection.loading && connection.expectedTotal !== null && total < connection.expectedTotal
			? t('status.loading', {loaded: count(total), total: count(connection.expectedTotal)})
			: undefined;
	const freshness =
		connection.status === 'offline'
			? t('status.offline')
			: connection.lastRefreshAt === null
				? t('status.notLoaded')
				: t('status.refreshed', {when: relativeTime(connection.lastRefreshAt, now)});
	return (
		<Text wrap="truncate">
			{notice ? <Text bold color={theme.pending}>{`${notice} · `}</Text> : null}
			{readOnly ? <Text bold>{`${t('status.readOnly')} · `}</Text> : null}
			{t('status.showing', {visible: count(visible), total: count(total)})}
			{loading ? ` · ${loading}` : ''}
			{` · ${who} · `}
			<Text
				color={connection.status === 'offline' ? theme.error : undefined}
				bold={connection.status === 'offline'}
			>
				{freshness}
			</Text>
			{connection.lastError ? <Text color={theme.error}>{` · ${inert(connection.lastError)}`}</Text> : null}
			<Text dimColor>{` · ${host}`}</Text>
		</Text>
	);
}

/** The newest message: results of actions, and why something failed. */
export function MessageLine() {
	const flash = useAppState(selectFlash);
	if (!flash) return <Text> </Text>;
	const color = flash.level === 'error' ? theme.error : flash.level === 'success' ? theme.success : undefined;
	return (
		<Text wrap="truncate" color={color} bold={flash.level === 'error'}>
			{(flash.level === 'success' ? '✓ ' : flash.level === 'error' ? t('message.error') : '') +
				inert(flash.message)}
		</Text>
	);
}
