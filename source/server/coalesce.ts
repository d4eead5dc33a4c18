/**
 * Runs an async task for many callers without running it for each: a caller
 * arriving while a run is in progress waits for the next run, which starts
 * after that one ends (so it starts after the caller arrived); every caller
 * arriving meanwhile shares that same next run.
 */
export function coalesce(task: () => Promise<void>): () => Promise<void> {
	let running: Promise<void> | undefined;
	let queued: Promise<void> | undefined;
	const run = async (): Promise<void> => {
		if (!running) {
			running = task().finally(() => {
				running = undefined;
			});
			return running;
		}

		queued ??= running
			.catch(() => undefined)
			.then(async () => {
				queued = undefined;
				return run();
			});
		return queued;
	};

	return run;
}
