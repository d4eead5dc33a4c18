/**
 * The guided tour at run time: which step is on, evaluated after every change
 * of the app's state, and the one thing the state cannot tell, whether the
 * server still takes the credentials revealed earlier. Those credentials stay
 * in this closure only: never in the app's state, the view, a message or a
 * recording, and they are dropped when the tour ends.
 */
import type {AccessToken, Credentials} from '../../domain/token.js';
import {t} from '../../i18n/index.js';
import type {AppState} from '../../state/index.js';
import type {CredentialProbe, ProbeAnswer} from '../../sync/credential-probe.js';
import {evaluateCheck, revealedCredentials, type CheckResult, type SecretVerdict} from './checks.js';
import type {Tour, TourStep} from './schema.js';
import type {Store} from '../store.js';
import {stepWords} from './step-words.js';

/** What the tour box shows. */
export type TourView = {
	/** Every step has passed: the box says so until it is closed (Esc in the list, or T for another round). */
	readonly finished: boolean;
	/** The step on now (the last one once finished), from 0. */
	readonly index: number;
	readonly total: number;
	readonly step: TourStep;
	/** Asking the server about the revealed credentials. */
	readonly checking: boolean;
	/** What the previous step achieved. */
	readonly note: string | null;
	/** Why the step has not passed although the app's state says it should: the server disagrees, or could not be asked. */
	readonly problem: string | null;
};

export type TourController = {
	/** Starts the tour at its first step; says so when it is on already or its data file is broken. */
	start(): void;
	/** Leaves the tour; false when none is on. The app carries on as it is. */
	leave(): boolean;
	/** The box's content; null when no tour is on. */
	getView(): TourView | null;
	subscribe(listener: () => void): () => void;
};

export type TourOptions = {
	store: Store;
	/** Reads and validates the tour's data file; throws with a message naming the problem. */
	load(): Tour;
	probe: CredentialProbe;
	now?: () => number;
};

/** How soon the server is asked again after it could not answer. */
const retryMs = 2000;

type Verdict = {value: SecretVerdict; status: number | null; version: number | null; at: number};

type Run = {
	tour: Tour;
	index: number;
	finished: boolean;
	/** Bumps on every step change, so a late answer of the server is dropped. */
	generation: number;
	baseline: ReadonlySet<string> | null;
	tourTokenId: string | null;
	tourTokenAtStart: AccessToken | null;
	/** Revealed credentials, to try against the server later. Memory only. */
	secret: Credentials | undefined;
	verdict: Verdict | undefined;
	asking: boolean;
	note: string | null;
	problem: string | null;
	unsubscribe: () => void;
};

export function createTour({store, load, probe, now = Date.now}: TourOptions): TourController {
	const listeners = new Set<() => void>();
	let run: Run | undefined;
	let view: TourView | null = null;
	let evaluating = false;
	let again = false;
	/** What the steps passed in this evaluation said: one key can finish several (their conditions held already). */
	let passed: string[] = [];

	const say = (message: string, level: 'info' | 'success' | 'error') => {
		store.dispatch({type: 'flash/show', message, level, at: now()});
	};

	function publish(): void {
		view = run
			? {
					finished: run.finished,
					index: run.index,
					total: run.tour.steps.length,
					step: run.tour.steps[run.index]!,
					checking: run.asking,
					note: run.note,
					problem: run.problem,
				}
			: null;
		for (const listener of listeners) listener();
	}

	/** The tour's token's `Version` now: an answer about the secret holds until the token changes. */
	function tokenVersion(state: AppState, current: Run): number | null {
		if (current.tourTokenId === null) return null;
		return state.tokens.byId.get(current.tourTokenId)?.token.Version ?? null;
	}

	function evaluate(): void {
		// A flash dispatched while evaluating notifies again: evaluate once more afterwards, not inside.
		if (evaluating) {
			again = true;
			return;
		}

		evaluating = true;
		passed = [];
		try {
			do {
				again = false;
				if (run) evaluateStep(run);
			} while (again);
		} finally {
			evaluating = false;
		}
	}

	function evaluateStep(current: Run): void {
		const state = store.getState();
		const step = current.tour.steps[current.index]!;
		if (current.baseline === null && state.tokens.loaded) {
			current.baseline = new Set(state.tokens.byId.keys());
			current.tourTokenAtStart =
				current.tourTokenId === null ? null : (state.tokens.byId.get(current.tourTokenId)?.token ?? null);
		}

		const onScreen = step.check.revealed ? revealedCredentials(state) : undefined;
		const version = tokenVersion(state, current);
		const verdict = current.verdict?.version === version ? current.verdict.value : 'unknown';
		const result = evaluateCheck(step.check, {
			state,
			baseline: current.baseline,
			tourTokenId: current.tourTokenId,
			tourTokenAtStart: current.tourTokenAtStart,
			haveSecret: current.secret !== undefined || onScreen !== undefined,
			secret: verdict,
		});
		if (result.status !== 'wait' && onScreen)
			current.secret = {AccountSid: onScreen.AccountSid, AuthToken: onScreen.AuthToken};
		if (result.status === 'pass') advance(current, step, result);
		else if (result.status === 'ask') ask(current, state, version);
	}

	function advance(current: Run, step: TourStep, result: Extract<CheckResult, {status: 'pass'}>): void {
		if (result.tourTokenId !== undefined) current.tourTokenId = result.tourTokenId;
		const status = step.check.revealedSecret === undefined ? null : (current.verdict?.status ?? null);
		const done = stepWords(step).done ?? t('tour.done');
		passed.push(status === null ? done : t('tour.serverStatus', {done, status}));
		current.note = passed.join(' · ');
		current.generation++;
		current.baseline = null;
		current.tourTokenAtStart = null;
		current.verdict = undefined;
		current.asking = false;
		current.problem = null;
		if (current.index === current.tour.steps.length - 1) {
			// The box stays, saying so: a message would be lost under the one the last action flashes.
			current.finished = true;
			forget(current);
			publish();
			return;
		}

		current.index++;
		publish();
		again = true;
	}

	function ask(current: Run, state: AppState, version: number | null): void {
		const secret = current.secret;
		if (current.asking || !secret) return;
		const last = current.verdict;
		// The same token version was asked about already: only a failed question is asked again, after a pause.
		if (last?.version === version && (last.value !== 'unknown' || now() - last.at < retryMs)) return;
		const {generation} = current;
		const expected = current.tour.steps[current.index]!.check.revealedSecret;
		current.asking = true;
		publish();
		const answered = (answer: ProbeAnswer) => {
			if (run !== current || current.generation !== generation) return;
			current.asking = false;
			current.verdict = verdictOf(answer, version, now());
			current.problem = problemOf(answer, current.verdict.value, expected);
			if (current.verdict.value === 'unknown') setTimeout(evaluate, retryMs).unref();
			publish();
			evaluate();
		};

		probe(state.connection.serverUrl, secret).then(answered, () => {
			answered({error: t('tour.questionFailed')});
		});
	}

	/** Stops watching the app and drops the revealed credentials. */
	function forget(current: Run): void {
		current.unsubscribe();
		current.unsubscribe = () => undefined;
		current.secret = undefined;
		current.generation++;
	}

	function stop(): void {
		if (!run) return;
		forget(run);
		run = undefined;
		publish();
	}

	return {
		start() {
			if (run?.finished) stop();
			if (run) {
				say(t('tour.on', {step: run.index + 1, total: run.tour.steps.length}), 'info');
				return;
			}

			let tour: Tour;
			try {
				tour = load();
			} catch (error) {
				// What is wrong with the data file stays in English: it is for the trainer who edits it.
				say(t('tour.cannotStart', {reason: error instanceof Error ? error.message : String(error)}), 'error');
				return;
			}

			const current: Run = {
				tour,
				index: 0,
				finished: false,
				generation: 0,
				baseline: null,
				tourTokenId: null,
				tourTokenAtStart: null,
				secret: undefined,
				verdict: undefined,
				asking: false,
				note: null,
				problem: null,
				unsubscribe: () => undefined,
			};
			run = current;
			current.unsubscribe = store.subscribe(evaluate);
			publish();
			evaluate();
		},
		leave() {
			if (!run) return false;
			const finished = run.finished;
			stop();
			if (!finished) say(t('tour.left'), 'info');
			return true;
		},
		getView: () => view,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}

function verdictOf(answer: ProbeAnswer, version: number | null, at: number): Verdict {
	if ('error' in answer) return {value: 'unknown', status: null, version, at};
	const {status} = answer;
	// 403 is an answer to credentials that authenticated: the token lacks the scope, not the secret.
	const value =
		status === 401 ? 'rejected' : (status >= 200 && status < 300) || status === 403 ? 'accepted' : 'unknown';
	return {value, status, version, at};
}

function problemOf(
	answer: ProbeAnswer,
	value: SecretVerdict,
	expected: SecretVerdict | undefined,
): string | null {
	if ('error' in answer) return t('tour.askFailed', {reason: answer.error});
	if (value === 'unknown') return t('tour.askUnknown', {status: answer.status});
	if (value === expected) return null;
	return value === 'accepted'
		? t('tour.stillAccepted', {status: answer.status})
		: t('tour.refused', {status: answer.status});
}
