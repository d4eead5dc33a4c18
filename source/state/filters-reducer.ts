/** The filter bar and the sort: what narrows and orders the list. */
import {
	createdOnValues,
	cycle,
	isUnfiltered,
	noFilters,
	stateValues,
	type Filters,
} from '../domain/filters.js';
import {sortKeys, type SortKey} from '../domain/sort.js';
import type {Action} from './actions.js';

/** Returns the same object when the action changes nothing, so the list stays memoised. */
export function reduceFilters(filters: Filters, action: Action): Filters {
	switch (action.type) {
		case 'filter/setName': {
			return action.name === filters.name ? filters : {...filters, name: action.name};
		}

		case 'search/cancel': {
			return filters.name === '' ? filters : {...filters, name: ''};
		}

		case 'filter/cycleCreatedOn': {
			return {...filters, createdOn: cycle(createdOnValues, filters.createdOn)};
		}

		case 'filter/cycleState': {
			return {...filters, state: cycle(stateValues, filters.state)};
		}

		case 'filter/clear': {
			return isUnfiltered(filters) ? filters : noFilters;
		}

		default: {
			return filters;
		}
	}
}

/** `o` cycles the sort: created → name → last used → state. */
export function reduceSort(sort: SortKey, action: Action): SortKey {
	return action.type === 'sort/cycle' ? cycle(sortKeys, sort) : sort;
}
