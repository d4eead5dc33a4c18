/** The list query of `GET /AccessTokens` and how it is spelled on the wire. */
import type {Filters} from '../domain/filters.js';

/** Filters (each optional; `'Any'` and `''` mean unfiltered) plus paging. */
export type ListQuery = Partial<Filters> & {
	/** From 1. Omitted: the server's first page. */
	page?: number;
	/** Omitted: the server's default (100); at most 1000. */
	pageSize?: number;
};

/**
 * The query parameters of a list: `Name`, `CreatedOn`, `State`, `Page`,
 * `PageSize`, each left out when it does not filter, so an unfiltered list
 * has one URL (and one cache entry).
 */
export function listSearchParams(query: ListQuery): URLSearchParams {
	const params = new URLSearchParams();
	if (query.name !== undefined && query.name !== '') params.set('Name', query.name);
	if (query.createdOn !== undefined && query.createdOn !== 'Any') params.set('CreatedOn', query.createdOn);
	if (query.state !== undefined && query.state !== 'Any') params.set('State', query.state);
	if (query.page !== undefined) params.set('Page', String(query.page));
	if (query.pageSize !== undefined) params.set('PageSize', String(query.pageSize));
	return params;
}

/** `Page` and `PageSize` alone, for the audit log. */
export function pageSearchParams(page: number | undefined, pageSize: number | undefined): URLSearchParams {
	const params = new URLSearchParams();
	if (page !== undefined) params.set('Page', String(page));
	if (pageSize !== undefined) params.set('PageSize', String(pageSize));
	return params;
}
