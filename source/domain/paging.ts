/** impact.com-style paging arithmetic, shared by the server and the client. */

export const defaultPageSize = 100;
export const maxPageSize = 1000;

/** The paging fields of a list response; the items sit beside them under a named key. */
export type PageInfo = {
	'@page': number;
	'@numpages': number;
	'@pagesize': number;
	'@total': number;
	'@start': number;
	'@end': number;
	'@uri': string;
	'@firstpageuri': string;
	'@previouspageuri': string;
	'@nextpageuri': string;
	'@lastpageuri': string;
};

export type PageSlice = {
	page: number;
	pageSize: number;
	numPages: number;
	/** Zero-based index of the first item of the page, and one past the last. */
	from: number;
	to: number;
};

/**
 * Where page `page` of `total` items falls. A page past the end is empty, as
 * impact.com answers it; there is always at least one page, even of nothing.
 */
export function pageSlice(total: number, page: number, pageSize: number): PageSlice {
	const numPages = Math.max(1, Math.ceil(total / pageSize));
	const from = Math.min(total, (page - 1) * pageSize);
	const to = Math.min(total, from + pageSize);
	return {page, pageSize, numPages, from, to};
}

/**
 * The paging fields for a slice. `uriFor(page)` builds the URI of another page
 * with the same filters; previous and next are empty strings where there is none.
 */
export function pageInfo(slice: PageSlice, total: number, uriFor: (page: number) => string): PageInfo {
	const empty = slice.from === slice.to;
	return {
		'@page': slice.page,
		'@numpages': slice.numPages,
		'@pagesize': slice.pageSize,
		'@total': total,
		'@start': empty ? 0 : slice.from + 1,
		'@end': slice.to,
		'@uri': uriFor(slice.page),
		'@firstpageuri': uriFor(1),
		'@previouspageuri': slice.page > 1 ? uriFor(Math.min(slice.page - 1, slice.numPages)) : '',
		'@nextpageuri': slice.page < slice.numPages ? uriFor(slice.page + 1) : '',
		'@lastpageuri': uriFor(slice.numPages),
	};
}
