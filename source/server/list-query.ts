/** Query parameters of the paged lists: `Page`, `PageSize` and the token filters, checked strictly. */
import {
	createdOnValues,
	stateValues,
	type CreatedOn,
	type Filters,
	type StateFilter,
} from '../domain/filters.js';
import {defaultPageSize, maxPageSize, pageInfo, pageSlice, type PageInfo} from '../domain/paging.js';
import {badRequest} from './errors.js';

export type Paging = {page: number; pageSize: number};

type Query = Record<string, unknown>;

/** One value of a parameter; a repeated parameter is ambiguous, so it is refused. */
function single(query: Query, name: string): string | undefined {
	const value = query[name];
	if (value === undefined) return undefined;
	if (typeof value !== 'string') throw badRequest(`${name} must be given once`, name);
	return value;
}

function wholeNumber(
	query: Query,
	name: string,
	fallback: number,
	min: number,
	max: number,
	rule: string,
): number {
	const text = single(query, name);
	if (text === undefined || text === '') return fallback;
	const value = /^\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
	if (!(value >= min && value <= max))
		throw badRequest(`${name} must be ${rule} (got "${text.slice(0, 40)}")`, name);
	return value;
}

export function parsePaging(query: Query): Paging {
	return {
		page: wholeNumber(query, 'Page', 1, 1, Number.MAX_SAFE_INTEGER, 'a whole number from 1'),
		pageSize: wholeNumber(
			query,
			'PageSize',
			defaultPageSize,
			1,
			maxPageSize,
			`a whole number from 1 to ${maxPageSize}`,
		),
	};
}

/** Matches a value case-insensitively against the allowed ones; empty means the default. */
function oneOf<T extends string>(query: Query, name: string, values: readonly T[], fallback: T): T {
	const text = single(query, name);
	if (text === undefined || text === '') return fallback;
	const match = values.find((value) => value.toLowerCase() === text.toLowerCase());
	if (match === undefined) {
		throw badRequest(`${name} must be one of ${values.join(', ')} (got "${text.slice(0, 40)}")`, name);
	}

	return match;
}

export function parseFilters(query: Query): Filters {
	const name = single(query, 'Name') ?? '';
	if ([...name].length > 200) throw badRequest('Name must be at most 200 characters', 'Name');
	return {
		name,
		createdOn: oneOf<CreatedOn>(query, 'CreatedOn', createdOnValues, 'Any'),
		state: oneOf<StateFilter>(query, 'State', stateValues, 'Any'),
	};
}

/** The filters as query parameters, in a fixed order: for page URIs, ETags and the list cache. */
export function filterParameters(filters: Filters): Array<[string, string]> {
	const parameters: Array<[string, string]> = [];
	if (filters.name !== '') parameters.push(['Name', filters.name]);
	if (filters.createdOn !== 'Any') parameters.push(['CreatedOn', filters.createdOn]);
	if (filters.state !== 'Any') parameters.push(['State', filters.state]);
	return parameters;
}

export function encodeParameters(parameters: Array<[string, string]>): string {
	return parameters.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
}

/**
 * A page of `items` with impact.com's paging fields; the URIs are paths with
 * the query, as impact.com gives them: `/Agencies/IRAgencyDemo1/AccessTokens?PageSize=5&Page=2`.
 */
export function pageOf<T>(
	items: {readonly length: number; slice(from: number, to: number): T[]},
	paging: Paging,
	path: string,
	parameters: Array<[string, string]>,
): {info: PageInfo; items: T[]} {
	const slice = pageSlice(items.length, paging.page, paging.pageSize);
	const uriFor = (page: number) =>
		`${path}?${encodeParameters([...parameters, ['PageSize', String(paging.pageSize)], ['Page', String(page)]])}`;
	return {info: pageInfo(slice, items.length, uriFor), items: items.slice(slice.from, slice.to)};
}
