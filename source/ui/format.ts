import {t} from '../i18n/index.js';

/** Presentation of times and counts: plain functions, no Ink. */

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** "just now", "5 m ago", "3 h ago", "12 d ago", "4 mo ago", "2 y ago". */
export function relativeTime(time: string | number | null, now: number): string {
	if (time === null) return t('time.never');
	const elapsed = now - (typeof time === 'number' ? time : Date.parse(time));
	if (!Number.isFinite(elapsed)) return '?';
	if (elapsed < minute) return t('time.justNow');
	if (elapsed < hour) return t('time.minutes', {n: Math.floor(elapsed / minute)});
	if (elapsed < day) return t('time.hours', {n: Math.floor(elapsed / hour)});
	if (elapsed < 60 * day) return t('time.days', {n: Math.floor(elapsed / day)});
	if (elapsed < 365 * day) return t('time.months', {n: Math.floor(elapsed / (30 * day))});
	return t('time.years', {n: Math.floor(elapsed / (365 * day))});
}

/** A calendar date and time for the details pane, in UTC so every operator reads the same. */
export function absoluteTime(iso: string | null): string {
	if (iso === null) return t('time.never');
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return '?';
	return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * A count with thousands separators, as `toLocaleString('en-US')` writes it.
 * Grouped by hand for whole numbers: the status line shows a count in the
 * first frame, and the first toLocaleString of a process loads ICU's number
 * data (~6 ms of a cold start).
 */
export function count(n: number): string {
	if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
	const digits = String(Math.abs(n));
	const head = ((digits.length - 1) % 3) + 1;
	let grouped = digits.slice(0, head);
	for (let at = head; at < digits.length; at += 3) grouped += `,${digits.slice(at, at + 3)}`;
	return n < 0 ? `-${grouped}` : grouped;
}
