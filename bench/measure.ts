/**
 * The measurements, the same for the app and the baseline: both draw the
 * filter bar's "Search by name (/)", mark the selected row with "›", show a
 * token's state as Enabled/Disabled and say "showing X of Y".
 */
import {compactEveryMs, compactTries, minorEveryMs, minorTries, settleMs} from '../source/app/memory.js';
import {count} from '../source/ui/format.js';
import {keys} from '../test/support/ink.js';
import {Terminal, type KeyTiming} from './driver.js';

export type Subject = {
	readonly name: 'ours' | 'baseline';
	/** The bundle to run with node. */
	readonly script: string;
};

export type Stats = {median: number; p95: number; min: number; max: number; samples: number};

export type ListFigures = {
	firstFrameMs: number;
	firstRowsMs: number;
	syncMs: number;
	rssMb: number;
	peakRssMb: number;
	arrow: Stats;
	arrowBytes: Stats;
	/** Arrows that moved the highlight inside the window, and those that scrolled it. */
	arrowBytesMove: Stats;
	arrowBytesScroll: Stats;
	search: Stats;
	/** Screen changes per search keystroke (1: the query and its result in one frame). */
	searchFrames: Stats;
	action: Stats;
	/** Frames until the row showed its new state after the confirming key (1: the same frame). */
	actionFrames: Stats;
	errors: string[];
};

export type StartFigures = {firstFrameMs: Stats; firstRowsMs: Stats; errors: string[]};

const firstFrame = (screen: string) => screen.includes('Search by name (/)');
const rowPattern = /\b(Enabled|Disabled)\b/u;
const hasRows = (screen: string) =>
	screen.split('\n').some((line) => !line.includes('(s):') && rowPattern.test(line));
const selectedLine = (screen: string) => screen.split('\n').find((line) => line.includes('›'));
const selectedState = (screen: string) => rowPattern.exec(selectedLine(screen) ?? '')?.[1];

export function stats(values: number[]): Stats {
	const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
	const at = (q: number) =>
		sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
	return {
		median:
			sorted.length === 0
				? Number.NaN
				: (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2,
		p95: at(0.95),
		min: sorted[0] ?? Number.NaN,
		max: sorted.at(-1) ?? Number.NaN,
		samples: sorted.length,
	};
}

const emptyStats = (): Stats => stats([]);

/** The lines two screens differ in. */
function changedLines(before: string, after: string): number {
	const a = before.split('\n');
	const b = after.split('\n');
	let changed = 0;
	for (let index = 0; index < Math.max(a.length, b.length); index++) if (a[index] !== b[index]) changed++;
	return changed;
}

function spawnSubject(subject: Subject, args: string[]): Terminal {
	return new Terminal(process.execPath, [subject.script, ...args]);
}

export type ListOptions = {presses: number; queries: string[]; actions: number; syncTimeoutMs: number};

/** Everything measured against a server of N tokens: start, sync, memory, keys. */
export async function measureList(
	subject: Subject,
	apiUrl: string,
	listed: number,
	options: ListOptions,
	log: (line: string) => void,
): Promise<ListFigures> {
	const figures: ListFigures = {
		firstFrameMs: Number.NaN,
		firstRowsMs: Number.NaN,
		syncMs: Number.NaN,
		rssMb: Number.NaN,
		peakRssMb: Number.NaN,
		arrow: emptyStats(),
		arrowBytes: emptyStats(),
		arrowBytesMove: emptyStats(),
		arrowBytesScroll: emptyStats(),
		search: emptyStats(),
		searchFrames: emptyStats(),
		action: emptyStats(),
		actionFrames: emptyStats(),
		errors: [],
	};
	const app = spawnSubject(subject, [
		'--api-url',
		apiUrl,
		'--account-sid',
		'IRAgencyDemo1',
		'--auth-token',
		'demo-admin',
	]);
	const step = async (what: string, run: () => Promise<void>) => {
		try {
			await run();
		} catch (error) {
			const message = `${subject.name}: ${what}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
			figures.errors.push(message);
			log(`  ! ${message}`);
		}
	};

	try {
		const total = count(listed);
		const loaded = new RegExp(`showing ${total} of ${total}(?![\\d,])`, 'u');
		await step('start', async () => {
			figures.firstFrameMs = (await app.waitFor(firstFrame, 'the filter bar')).at - app.startedAt;
			figures.firstRowsMs =
				(await app.waitFor(hasRows, 'token rows', options.syncTimeoutMs)).at - app.startedAt;
			const done = await app.waitFor(
				(screen) => loaded.test(screen) && !/loading/u.test(screen),
				`"showing ${total} of ${total}"`,
				options.syncTimeoutMs,
			);
			figures.syncMs = done.at - app.startedAt;
		});
		if (figures.errors.length > 0) return figures;
		log(
			`  ${subject.name}: first frame ${figures.firstFrameMs.toFixed(0)} ms, rows ${figures.firstRowsMs.toFixed(0)} ms, synced ${(figures.syncMs / 1000).toFixed(2)} s`,
		);
		await app.waitForRawMode();
		// Let the last frames and both collections after a large load (source/app/memory.ts) pass
		// before reading the memory: the second waits for the app to be left alone.
		await app.waitForQuiet(
			settleMs + compactTries * compactEveryMs + minorTries * minorEveryMs + 1500,
			60_000,
		);
		const memory = app.memory();
		figures.rssMb = memory.rssMb;
		figures.peakRssMb = memory.peakMb;

		await step('arrows', async () => {
			const timings: KeyTiming[] = [];
			const moves: number[] = [];
			const scrolls: number[] = [];
			const half = Math.floor(options.presses / 2);
			for (let index = 0; index < options.presses; index++) {
				const before = app.screen();
				const timing = await app.timeKey(index < half ? keys.down : keys.up);
				timings.push(timing);
				(changedLines(before, timing.screen) <= 3 ? moves : scrolls).push(timing.bytes);
			}

			figures.arrow = stats(timings.map((timing) => timing.ms));
			figures.arrowBytes = stats(timings.map((timing) => timing.bytes));
			figures.arrowBytesMove = stats(moves);
			figures.arrowBytesScroll = stats(scrolls);
		});

		await step('optimistic action', async () => {
			const times: number[] = [];
			const frames: number[] = [];
			for (let index = 0; index < options.actions; index++) {
				const state = selectedState(app.screen());
				if (!state) throw new Error(`no selected row:\n${app.screen()}`);
				const expected = state === 'Enabled' ? 'Disabled' : 'Enabled';
				await app.timeKey('e', {quietMs: 100});
				const timing = await app.timeKey('y', {
					quietMs: 300,
					done: (screen) => selectedState(screen) === expected,
				});
				const shown = timing.changes.findIndex((change) => selectedState(change.screen) === expected);
				if (shown === -1) throw new Error(`the row never showed ${expected}:\n${timing.screen}`);
				times.push(timing.changes[shown]!.at - timing.writtenAt);
				frames.push(shown + 1);
				// The next action on this row would wait for this one's answer: let it arrive (the
				// app's pending marker, "~" after the cursor, goes away).
				await app.waitFor((screen) => !/^›.~/u.test(selectedLine(screen) ?? ''), 'the action to settle');
			}

			figures.action = stats(times);
			figures.actionFrames = stats(frames);
		});

		await step('search', async () => {
			const times: number[] = [];
			const frames: number[] = [];
			for (const query of options.queries) {
				await app.timeKey('/', {quietMs: 100});
				let typed = '';
				for (const character of query) {
					typed += character;
					const shown = `(/): ${typed}`;
					const timing = await app.timeKey(character, {
						quietMs: 100,
						done: (screen) => screen.includes(shown),
					});
					times.push(timing.ms);
					frames.push(timing.frames);
				}

				await app.timeKey(keys.escape, {quietMs: 150});
			}

			figures.search = stats(times);
			figures.searchFrames = stats(frames);
		});
	} finally {
		await app.close();
	}

	return figures;
}

/**
 * Spawn → first frame and first rows on the sandbox, for each subject: run
 * by run, the subjects taking turns, so that a stretch of load on this
 * shared machine falls on both rather than on whichever ran then.
 */
export async function measureStart(
	subjects: readonly Subject[],
	dataDir: string,
	runs: number,
	log: (line: string) => void,
): Promise<StartFigures[]> {
	const frames = subjects.map((): number[] => []);
	const rows = subjects.map((): number[] => []);
	const errors = subjects.map((): string[] => []);
	// One round first that is not counted: it seeds the directory and warms the disk cache.
	for (let run = -1; run < runs; run++) {
		for (const [index, subject] of subjects.entries()) {
			const app = spawnSubject(subject, ['--data', dataDir]);
			try {
				const frame = await app.waitFor(firstFrame, 'the filter bar');
				const shown = await app.waitFor(hasRows, 'token rows');
				if (run >= 0) {
					frames[index]!.push(frame.at - app.startedAt);
					rows[index]!.push(shown.at - app.startedAt);
				}

				await app.waitForQuiet(200);
			} catch (error) {
				errors[index]!.push(
					`${subject.name}: sandbox start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
				);
			} finally {
				await app.close();
			}
		}
	}

	return subjects.map((subject, index) => {
		const figures = {
			firstFrameMs: stats(frames[index]!),
			firstRowsMs: stats(rows[index]!),
			errors: errors[index]!,
		};
		log(
			`  ${subject.name}: sandbox first frame ${figures.firstFrameMs.median.toFixed(0)} ms, first rows ${figures.firstRowsMs.median.toFixed(0)} ms (median of ${runs})`,
		);
		return figures;
	});
}
