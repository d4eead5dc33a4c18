import {Box, Text} from 'ink';
import {t} from '../i18n/index.js';
import {useAppState} from './store.js';
import {displayWidth, inert, truncate} from './text.js';
import {theme} from './theme.js';

/** Two lines: the name search, then every other filter with its key and value. */
export function FilterBar({width}: {readonly width: number}) {
	const filters = useAppState((state) => state.filters);
	const searching = useAppState((state) => state.mode === 'search');
	const sort = useAppState((state) => state.sort);
	const prefix = t('filter.search');
	const hint = ` ${t('filter.searchHint')}`;
	const query = inert(filters.name);
	const room = Math.max(4, width - displayWidth(prefix) - displayWidth(hint) - 2);
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate">
				<Text bold={searching}>{prefix}</Text>
				{searching || query ? (
					<Text color={theme.accent} underline={!searching && query !== ''}>
						{truncate(query, room)}
					</Text>
				) : (
					<Text dimColor>{t('filter.all')}</Text>
				)}
				{searching ? <Text inverse> </Text> : null}
				{searching ? <Text dimColor>{hint}</Text> : null}
			</Text>
			<Text wrap="truncate">
				{t('filter.createdOn')}
				<Value active={filters.createdOn !== 'Any'}>{t(`createdOn.${filters.createdOn}`)}</Value>
				{'  ' + t('filter.state')}
				<Value active={filters.state !== 'Any'}>{t(`stateFilter.${filters.state}`)}</Value>
				{'  ' + t('filter.sort')}
				<Text>{t(`sort.${sort}`)}</Text>
				<Text dimColor>{'  ' + t('filter.clearHint')}</Text>
			</Text>
		</Box>
	);
}

/** A filter value; a set filter is bold and coloured, so it stands out without colour too. */
function Value({active, children}: {readonly active: boolean; readonly children: string}) {
	return (
		<Text bold={active} color={active ? theme.accent : undefined}>
			{children}
		</Text>
	);
}
