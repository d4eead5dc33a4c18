/**
 * Pacing for the streaming first load. Each 'tokens/appended' costs time in
 * proportion to the rows already held (the rows and the sorted list are
 * arrays, copied once per change) plus the batch itself. Dispatching every
 * page of 1,000 makes a load of 1,000,000 quadratic (54 s of reducer time
 * measured on a 2-core machine); batches that grow with what is held keep it
 * near-linear (~6 s), and a cap bounds the pause any one batch causes.
 */

/** The first page is always dispatched alone, so rows are on screen as soon as they arrive. */
export const firstBatch = 1;
export const minBatch = 1000;
export const maxBatch = 50_000;

/**
 * How many tokens the sync layer should gather from arriving pages before it
 * dispatches them as one 'tokens/appended', given how many the state holds.
 * The last page is dispatched whatever it holds (with `done: true`).
 */
export function appendBatchSize(held: number): number {
	if (held === 0) return firstBatch;
	return Math.min(maxBatch, Math.max(minBatch, Math.ceil(held / 4)));
}
