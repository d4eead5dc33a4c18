import {describe, expect, test} from 'vitest';
import {pageInfo, pageSlice} from '../../source/domain/paging.js';

describe('pageSlice', () => {
	test.each([
		// total, page, pageSize → from, to, numPages
		[240, 1, 100, 0, 100, 3],
		[240, 2, 100, 100, 200, 3],
		[240, 3, 100, 200, 240, 3], // the last page is partial
		[240, 4, 100, 240, 240, 3], // past the end: empty
		[240, 99, 100, 240, 240, 3],
		[200, 2, 100, 100, 200, 2], // an exact multiple has no extra page
		[0, 1, 100, 0, 0, 1], // nothing: still one (empty) page
		[0, 2, 100, 0, 0, 1],
		[1, 1, 1, 0, 1, 1],
		[5, 3, 2, 4, 5, 3],
	])('%d items, page %d of %d each: [%d, %d) of %d pages', (total, page, pageSize, from, to, numPages) => {
		expect(pageSlice(total, page, pageSize)).toEqual({page, pageSize, numPages, from, to});
	});
});

describe('pageInfo', () => {
	const uriFor = (page: number) => `/Agencies/IRAgencyDemo1/AccessTokens?Page=${page}&PageSize=100`;

	test.each([
		// total, page → @start, @end, previous page, next page (0: none)
		[240, 1, 1, 100, 0, 2],
		[240, 2, 101, 200, 1, 3],
		[240, 3, 201, 240, 2, 0],
		[240, 5, 0, 240, 3, 0], // past the end: empty, "previous" is the last real page
		[0, 1, 0, 0, 0, 0],
	])(
		'%d items, page %d: @start %d, @end %d, previous %d, next %d',
		(total, page, start, end, previous, next) => {
			const info = pageInfo(pageSlice(total, page, 100), total, uriFor);
			expect(info['@start']).toBe(start);
			expect(info['@end']).toBe(end);
			expect(info['@total']).toBe(total);
			expect(info['@page']).toBe(page);
			expect(info['@previouspageuri']).toBe(previous === 0 ? '' : uriFor(previous));
			expect(info['@nextpageuri']).toBe(next === 0 ? '' : uriFor(next));
			expect(info['@firstpageuri']).toBe(uriFor(1));
			expect(info['@lastpageuri']).toBe(uriFor(Math.max(1, Math.ceil(total / 100))));
			expect(info['@uri']).toBe(uriFor(page));
		},
	);
});
