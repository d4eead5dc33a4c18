/** The guided tour's data file, fixtures/tour.json, read when the tour starts so a trainer's edit needs no build. */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fixturesDir} from '../server/fixtures.js';
import {parseTour, type Tour} from '../ui/tour/schema.js';

/** Where the tour's steps live. */
export function tourFile(): string {
	return path.join(fixturesDir(), 'tour.json');
}

/** Reads and validates the tour; throws an Error naming the file and what is wrong with it. */
export function loadTour(file: string = tourFile()): Tour {
	let data: unknown;
	try {
		data = JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
	}

	const parsed = parseTour(data);
	if ('error' in parsed) throw new Error(`${file}: ${parsed.error}`);
	return parsed.tour;
}
