/**
 * Reading a timestamp in the one form `Date.prototype.toISOString` writes
 * (`2026-11-28T15:25:12.701Z`), without a `Date`: the packed token columns
 * hold such a time as its ms, and must know that writing the ms back gives
 * the very same text. `Date.parse` then `toISOString` would tell, at ~1 µs
 * a time; this reads the digits (~50 ns).
 */

const msPerDay = 86_400_000;

/** The ms of `text` when `new Date(ms).toISOString() === text`, else NaN. */
export function canonicalIsoMs(text: string): number {
	if (
		text.length !== 24 ||
		text.charCodeAt(4) !== 0x2d || // -
		text.charCodeAt(7) !== 0x2d ||
		text.charCodeAt(10) !== 0x54 || // T
		text.charCodeAt(13) !== 0x3a || // :
		text.charCodeAt(16) !== 0x3a ||
		text.charCodeAt(19) !== 0x2e || // .
		text.charCodeAt(23) !== 0x5a // Z
	)
		return Number.NaN;
	const year = digits(text, 0, 4);
	const month = digits(text, 5, 2);
	const day = digits(text, 8, 2);
	const hours = digits(text, 11, 2);
	const minutes = digits(text, 14, 2);
	const seconds = digits(text, 17, 2);
	const ms = digits(text, 20, 3);
	// A negative part had a non-digit in it.
	if (year < 0 || ms < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
		return Number.NaN;
	if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59)
		return Number.NaN;
	return daysFromCivil(year, month, day) * msPerDay + ((hours * 60 + minutes) * 60 + seconds) * 1000 + ms;
}

function digits(text: string, from: number, count: number): number {
	let value = 0;
	for (let index = from; index < from + count; index++) {
		const digit = text.charCodeAt(index) - 0x30;
		if (digit < 0 || digit > 9) return -1;
		value = value * 10 + digit;
	}

	return value;
}

function daysInMonth(year: number, month: number): number {
	if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to the date, in the proleptic Gregorian calendar JavaScript uses. */
function daysFromCivil(year: number, month: number, day: number): number {
	const shifted = month <= 2 ? year - 1 : year;
	const era = Math.floor(shifted / 400);
	const yearOfEra = shifted - era * 400;
	const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
	const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146_097 + dayOfEra - 719_468;
}
