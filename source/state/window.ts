/**
 * The list window: which slice of the visible rows is on screen. It moves only
 * when the cursor would leave it, and then by the least amount, so an arrow
 * key inside the window changes one row's highlight and nothing else.
 */

/** The window height used for scrolling: a zero or negative height still shows the cursor's row. */
export function windowHeight(listHeight: number): number {
	return Math.max(1, Math.floor(listHeight));
}

/**
 * The window's new first row, given its current first row `top`, the cursor's
 * index, the window's height and the number of rows. Scrolls by the minimum to
 * keep the cursor inside, and never leaves empty lines below the last row
 * while rows above are hidden.
 */
export function scrollWindow(top: number, cursorIndex: number, height: number, total: number): number {
	const rows = windowHeight(height);
	let next = top;
	if (cursorIndex < next) next = cursorIndex;
	else if (cursorIndex >= next + rows) next = cursorIndex - rows + 1;
	return Math.max(0, Math.min(next, total - rows));
}

/** Clamps an index to a list of `length` rows; 0 for an empty list. */
export function clampIndex(index: number, length: number): number {
	return Math.max(0, Math.min(index, length - 1));
}
