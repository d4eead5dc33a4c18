/**
 * Colours, all optional: with NO_COLOR set (https://no-color.org) every colour
 * is dropped and the screen still says everything in words and symbols.
 */
const noColor = process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '';

const pick = (color: string) => (noColor ? undefined : color);

export const theme = {
	accent: pick('cyan'),
	enabled: pick('green'),
	disabled: pick('yellow'),
	error: pick('red'),
	success: pick('green'),
	pending: pick('magenta'),
	muted: pick('gray'),
	legacy: pick('blue'),
} as const;
