import type {AccessToken} from '../domain/token.js';
import {t, type MessageKey} from '../i18n/index.js';
import {relativeTime} from './format.js';
import {fit, inert} from './text.js';

/** The list's columns; the name takes whatever width the others leave. */
type Column = {
	title: MessageKey;
	width: number;
	align?: 'left' | 'right';
	cell: (token: AccessToken, now: number) => string;
};

const fixedColumns: Column[] = [
	{title: 'column.state', width: 8, cell: (token) => t(`token.${token.State}`)},
	{
		title: 'column.created',
		width: 9,
		align: 'right',
		cell: (token, now) => relativeTime(token.CreatedAt, now),
	},
	{title: 'column.version', width: 4, align: 'right', cell: (token) => `v${token.ApiVersion}`},
	{
		title: 'column.lastUsed',
		width: 9,
		align: 'right',
		cell: (token, now) => relativeTime(token.LastUsedAt, now),
	},
	{title: 'column.legacy', width: 6, cell: (token) => (token.Legacy ? t('token.legacy') : '')},
	{title: 'column.token', width: 6, cell: (token) => (token.AuthTokenHint ? `…${token.AuthTokenHint}` : '')},
];

/** Cursor, mark and pending markers before the name. */
export const gutterWidth = 3;
const minimumNameWidth = 12;
const maximumNameWidth = 40;
const minimumDescriptionWidth = 20;

export type Layout = {nameWidth: number; columns: Column[]};

/** Which columns fit in `width`, dropping from the right-most optional ones on narrow terminals. */
export function layoutColumns(width: number): Layout {
	const columns = [...fixedColumns];
	const used = () => gutterWidth + columns.reduce((sum, column) => sum + column.width + 1, 0);
	for (const optional of ['column.legacy', 'column.lastUsed', 'column.token', 'column.version']) {
		if (width - used() >= minimumNameWidth) break;
		columns.splice(
			columns.findIndex((column) => column.title === optional),
			1,
		);
	}

	const nameWidth = Math.max(minimumNameWidth, width - used());
	// A wide terminal shows the description too, rather than a name column of mostly blanks.
	if (nameWidth > maximumNameWidth + minimumDescriptionWidth) {
		const description = nameWidth - maximumNameWidth - 1;
		columns.push({
			title: 'column.description',
			width: description,
			cell: (token) => inert(token.Description),
		});
		return {nameWidth: maximumNameWidth, columns};
	}

	return {nameWidth, columns};
}

export function headerLine(layout: Layout): string {
	return (
		' '.repeat(gutterWidth) +
		fit(t('column.name'), layout.nameWidth) +
		layout.columns.map((column) => ' ' + fit(t(column.title), column.width, column.align)).join('')
	);
}

/** A token's cells after the name, each fitted to its column. */
export function rowCells(layout: Layout, token: AccessToken, now: number): string[] {
	return layout.columns.map((column) => fit(column.cell(token, now), column.width, column.align));
}

export function nameCell(layout: Layout, token: AccessToken): string {
	return fit(inert(token.Name), layout.nameWidth);
}
