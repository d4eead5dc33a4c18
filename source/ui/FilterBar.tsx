import {Box, Text} from 'ink';
import {createdOnLabels, stateLabels} from '../domain/filters.js';
import {sortLabels} from '../domain/sort.js';
import {useAppState} from './store.js';
import {inert, truncate} from './text.js';
import {theme} from './theme.js';

/** Two lines: the name search, then every other filter with its key and value. */
export function FilterBar({width}: {readonly width: number}) {
	const filters = useAppState((state) => state.filters);
	const searching = useAppState((state) => state.mode === 'search');
	const sort = useAppState((state) => state.sort);
	const prefix = 'Search by name (/): ';
	const query = inert(filters.name);
	const room = Math.max(4, width - prefix.length - 22);
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate">
				<Text bold={searching}>{prefix}</Text>
				{searching || query ? (
					<Text color={theme.accent} underline={!searching && query !== ''}>
						{truncate(query, room)}
					</Text>
				) : (
					<Text dimColor>all</Text>
				)}
				{searching ? <Text inverse> </Text> : null}
				{searching ? <Text dimColor> Enter keeps · Esc clears</Text> : null}
			</Text>
			<Text wrap="truncate">
				{'Created on (t): '}
				<Value active={filters.createdOn !== 'Any'}>{createdOnLabels[filters.createdOn]}</Value>
				{'  State (s): '}
				<Value active={filters.state !== 'Any'}>{stateLabels[filters.state]}</Value>
				{'  Sort (o): '}
				<Text>{sortLabels[sort].split(' (')[0]}</Text>
				<Text dimColor>{'  x clears all'}</Text>
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
