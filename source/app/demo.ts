/**
 * The demo and training features around a session: the guided tour
 * (`--tour`, `T`), `--record FILE` and `--replay FILE`. run.tsx creates this
 * before the first frame and hands it the key router once the app is on screen.
 */
import path from 'node:path';
import {t} from '../i18n/index.js';
import type {Action, AppState} from '../state/index.js';
import type {CredentialProbe} from '../sync/credential-probe.js';
import {createTour, type TourController} from '../ui/tour/controller.js';
import {openRecorder, readRecording, typingSecret, type Recorder, type Recording} from './recording.js';
import {startReplay, type Replay} from './replay.js';
import type {Target} from './connection.js';
import type * as TourFile from './tour-file.js';

type Store = {
	getState(): AppState;
	dispatch(action: Action): void;
	subscribe(listener: () => void): () => void;
};

export type DemoFlags = {
	tour: boolean;
	record?: string | undefined;
	replay?: string | undefined;
	replaySpeed: number;
};

export type Demo = {
	readonly tour: TourController;
	/** Every raw input event from the terminal, before it is routed (for `--record`). */
	readonly onInput: ((data: string) => void) | undefined;
	/** Once the app is on screen: starts the tour (`--tour`) and the replay (`--replay`), which waits for the list. */
	begin(route: (data: string) => void): void;
	/** After the app has exited: closes the recording, stops the replay. */
	end(): void;
};

/** Sets up what the flags ask for; a message instead when a file cannot be read or written. */
export function prepareDemo(flags: DemoFlags, store: Store): Demo | {error: string} {
	if (!Number.isFinite(flags.replaySpeed) || flags.replaySpeed <= 0) return {error: t('usage.replaySpeed')};
	if (flags.record && flags.replay && path.resolve(flags.record) === path.resolve(flags.replay))
		return {error: t('usage.recordIsReplay')};

	let recording: Recording | undefined;
	let recorder: Recorder | undefined;
	try {
		if (flags.replay) recording = readRecording(flags.replay);
		if (flags.record)
			recorder = openRecorder(flags.record, {columns: process.stdout.columns, rows: process.stdout.rows});
	} catch (error) {
		return {error: error instanceof Error ? error.message : String(error)};
	}

	const tour = lazyTour(store);
	let replay: Replay | undefined;
	let stopWatching: (() => void) | undefined;
	if (recorder) {
		const active = recorder;
		const watch = () => {
			if (!store.getState().tokens.loaded) return;
			active.loaded();
			stopWatching?.();
		};

		stopWatching = store.subscribe(watch);
	}

	const say = (message: string, level: 'info' | 'success' | 'error' = 'info') => {
		store.dispatch({type: 'flash/show', message, level, at: Date.now()});
	};

	return {
		tour,
		onInput: recorder && ((data) => recorder.input(data, typingSecret(store.getState()))),
		begin(route) {
			if (flags.tour) tour.start();
			if (!recording) return;
			const played = recording;
			const name = path.basename(flags.replay ?? '');
			const pace = flags.replaySpeed === 1 ? '' : t('replay.pace', {speed: flags.replaySpeed});
			replay = startReplay({
				recording: played,
				speed: flags.replaySpeed,
				store,
				route,
				onStart() {
					const size = sizeWarning(played);
					say(t('replay.start', {count: played.events.length, name, pace, size}));
				},
				onDone() {
					const skipped = played.withheld > 0 ? t('replay.withheld', {count: played.withheld}) : '';
					say(t('replay.done', {name, skipped}), played.withheld > 0 ? 'error' : 'success');
				},
			});
		},
		end() {
			stopWatching?.();
			replay?.stop();
			recorder?.close();
		},
	};
}

/**
 * The tour, with its schema and the credential probe (got), imported when a
 * tour first starts: nothing of it is needed before, and imported right after
 * the first frame it was compiled while the first rows were on their way.
 * `T` waits for the import that one time.
 */
function lazyTour(store: Store): TourController {
	let tourFile: typeof TourFile | undefined;
	let loading: Promise<void> | undefined;
	const loaded = () =>
		(loading ??= import('./tour-file.js').then((module) => {
			tourFile = module;
		}));
	const probe: CredentialProbe = async (apiUrl, credentials) =>
		(await import('../sync/credential-probe.js')).probeCredentials(apiUrl, credentials);
	const tour = createTour({
		store,
		load: () => (tourFile ?? assertLoaded()).loadTour(),
		probe,
	});
	return {
		...tour,
		start() {
			if (tourFile) tour.start();
			else void loaded().then(tour.start);
		},
	};
}

function assertLoaded(): never {
	throw new Error('the tour file has not been read yet');
}

/** Page keys land elsewhere in a terminal of another height: say so. */
function sizeWarning(recording: Recording): string {
	const {header} = recording;
	const {columns, rows} = process.stdout;
	if (!header?.rows || !header.columns || (header.rows === rows && header.columns === columns)) return '';
	return t('replay.size', {recorded: `${header.columns}x${header.rows}`, current: `${columns}x${rows}`});
}

/** Says when the sandbox fails or slows down on purpose, so nobody mistakes a demo for an outage. */
export function injectionNotice(target: Target): string | undefined {
	if (target.kind !== 'sandbox') return undefined;
	const parts = [
		target.latencyMs > 0 ? t('demo.latency', {ms: target.latencyMs}) : '',
		target.failRate > 0 ? t('demo.failRate', {percent: Math.round(target.failRate * 100)}) : '',
	].filter(Boolean);
	return parts.length > 0 ? t('demo.notice', {parts: parts.join(t('demo.separator'))}) : undefined;
}
