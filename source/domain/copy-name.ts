import {limits} from './validation.js';

const suffix = ' (copy)';

/**
 * The name a duplicated token gets: "<name> (copy)". The server names the copy
 * and the app shows the same name before the server answers, so both call this;
 * a long name is cut (by characters, not UTF-16 units) so the whole fits the limit.
 */
export function copyName(name: string): string {
	const characters = [...name];
	const room = limits.nameLength - suffix.length;
	return `${characters.length > room ? characters.slice(0, room).join('').trimEnd() : name}${suffix}`;
}
