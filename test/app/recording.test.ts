import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {openRecorder, parseRecording, readRecording, type Recording} from '../../source/app/recording.js';
import {replayDelays, startReplay, type Timers} from '../../source/app/replay.js';
import {initialState} from '../../source/state/index.js';
import {createStore, type Store} from '../../source/ui/store.js';
import {makeToken, now, stateWith} from '../state/fixtures.js';

let directory: string;

beforeEach(() => {
	directory = mkdtempSync(path.join(tmpdir(), 'agency-tokens-recording-'));
});

afterEach(() => {
	rmSync(directory, {recursive: true, force: true});
});

describe('--record', () => {
	test('writes a header, then each input event as a JSON line with ms since the start', () => {
		const file = path.join(directory, 'session.jsonl');
		let clock = 1000;
		const recorder = openRecorder(file, {now: () => clock, columns: 80, rows: 24});
		clock = 1250;
		recorder.loaded();
		clock = 1300;
		recorder.input('/', false);
		clock = 1420;
		recorder.input('\u001B[B', false);
		recorder.close();
		const lines = readFileSync(file, 'utf8')
			.trimEnd()
			.split('\n')
			.map((line) => JSON.parse(line) as unknown);
		expect(lines).toEqual([
			{agencyTokensRecording: 1, startedAt: new Date(1000).toISOString(), columns: 80, rows: 24},
			{t: 250, mark: 'loaded'},
			{t: 300, data: '/'},
			{t: 420, data: '\u001B[B'},
		]);
	});

	test('the file is private to its owner, even when it existed with wider permissions', () => {
		const file = path.join(directory, 'session.jsonl');
		writeFileSync(file, 'old', {mode: 0o644});
		openRecorder(file).close();
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(readFileSync(file, 'utf8')).not.toContain('old');
	});

	test('keys typed into a secret field are withheld: only that something was typed', () => {
		const file = path.join(directory, 'session.jsonl');
		const recorder = openRecorder(file);
		recorder.input('s3cr3t-pasted-token', true);
		recorder.close();
		const text = readFileSync(file, 'utf8');
		expect(text).not.toContain('s3cr3t');
		expect(readRecording(file).withheld).toBe(1);
	});

	test('a file that cannot be written is an error naming it', () => {
		expect(() => openRecorder(path.join(directory, 'missing', 'session.jsonl'))).toThrow(
			/cannot record to .*missing.*ENOENT/u,
		);
	});
});

describe('reading a recording', () => {
	test('reads events in time order, the load mark and the header', () => {
		const recording = parseRecording(
			[
				'{"agencyTokensRecording":1,"startedAt":"2025-07-01T00:00:00.000Z","columns":80,"rows":24}',
				'{"t":900,"mark":"loaded"}',
				'{"t":1500,"data":"s"}',
				'{"t":1200,"data":"t"}',
				'',
			].join('\n'),
		);
		expect(recording.events).toEqual([
			{t: 1200, data: 't'},
			{t: 1500, data: 's'},
		]);
		expect(recording.loadedAt).toBe(900);
		expect(recording.header?.rows).toBe(24);
	});

	test.each([
		['{"t":1,"data":"s"', /line 1: not JSON/u],
		['{"t":-5,"data":"s"}', /line 1: "t" must be/u],
		['{"t":1,"key":"s"}', /line 1: expected "data"/u],
		['{"agencyTokensRecording":99,"startedAt":"x"}', /newer agency-tokens/u],
	])('%s is refused with the line', (text, message) => {
		expect(() => parseRecording(text)).toThrow(message);
	});

	test('a missing file is an error naming it', () => {
		expect(() => readRecording(path.join(directory, 'nope.jsonl'))).toThrow(
			/cannot replay .*nope\.jsonl: ENOENT/u,
		);
	});
});

const recording = (events: Array<[number, string]>, loadedAt: number | null = 100): Recording => ({
	header: null,
	events: events.map(([t, data]) => ({t, data})),
	loadedAt,
	withheld: 0,
});

describe('the pace of a replay', () => {
	test('keeps the recorded gaps, counted from the load', () => {
		expect(
			replayDelays(
				recording([
					[400, 'a'],
					[1000, 'b'],
					[1000, 'c'],
				]),
				1,
			),
		).toEqual([300, 600, 0]);
	});

	test('--replay-speed 2 halves every gap', () => {
		expect(
			replayDelays(
				recording([
					[400, 'a'],
					[1000, 'b'],
				]),
				2,
			),
		).toEqual([150, 300]);
	});

	test('keys typed before the list had loaded go first, at once', () => {
		expect(
			replayDelays(
				recording(
					[
						[50, '/'],
						[80, 'b'],
						[300, 'c'],
					],
					200,
				),
				1,
			),
		).toEqual([0, 0, 100]);
	});
});

/** Timers run by hand: `run()` fires the earliest. */
function manualTimers(): Timers & {pending: Array<{ms: number; callback: () => void}>; run(): number} {
	const pending: Array<{ms: number; callback: () => void}> = [];
	return {
		pending,
		set(callback, ms) {
			const timer = {ms, callback};
			pending.push(timer);
			return timer;
		},
		clear(handle) {
			const index = pending.indexOf(handle as (typeof pending)[number]);
			if (index >= 0) pending.splice(index, 1);
		},
		run() {
			const timer = pending.shift();
			if (!timer) throw new Error('no timer is pending');
			timer.callback();
			return timer.ms;
		},
	};
}

const catalogues = {versions: [], categories: [], users: []};

function loadingStore(): Store {
	return createStore(initialState({now, serverUrl: 'http://127.0.0.1:1', accountSid: 'IRAgencyDemo1'}));
}

describe('startReplay', () => {
	test('waits for the list and the catalogues, then sends each event through the router, in order', () => {
		const store = loadingStore();
		const timers = manualTimers();
		const routed: string[] = [];
		let done = false;
		startReplay({
			recording: recording([
				[150, '/'],
				[400, 'x'],
			]),
			speed: 1,
			store,
			route: (data) => routed.push(data),
			onDone: () => (done = true),
			timers,
		});
		expect(timers.pending).toHaveLength(0);
		store.dispatch({type: 'catalogues/loaded', catalogues});
		expect(timers.pending).toHaveLength(0);
		store.dispatch({type: 'tokens/appended', tokens: [makeToken()], done: true, at: now});
		expect(timers.run()).toBe(50);
		expect(routed).toEqual(['/']);
		expect(timers.run()).toBe(250);
		expect(routed).toEqual(['/', 'x']);
		expect(done).toBe(true);
	});

	test('holds the next key while an operation waits for the server', () => {
		const token = makeToken({Id: 'a'});
		const store = createStore(stateWith([token]));
		store.dispatch({type: 'catalogues/loaded', catalogues});
		const timers = manualTimers();
		const routed: string[] = [];
		startReplay({
			recording: recording([
				[100, 'y'],
				[200, '\r'],
			]),
			speed: 1,
			store,
			route(data) {
				routed.push(data);
				if (data === 'y')
					store.dispatch({
						type: 'op/applied',
						op: {opId: 'op1', tokenId: 'a', kind: 'update', label: 'Disabling', startedAt: now},
						next: {...token, State: 'Disabled'},
					});
			},
			timers,
		});
		timers.run();
		expect(routed).toEqual(['y']);
		timers.run();
		timers.run();
		expect(routed).toEqual(['y']);
		store.dispatch({type: 'op/committed', opId: 'op1', token: {...token, State: 'Disabled', Version: 2}});
		timers.run();
		expect(routed).toEqual(['y', '\r']);
	});

	test('stop sends nothing more', () => {
		const store = createStore(stateWith([makeToken()]));
		store.dispatch({type: 'catalogues/loaded', catalogues});
		const timers = manualTimers();
		const routed: string[] = [];
		const replay = startReplay({
			recording: recording([[100, 'j']]),
			speed: 1,
			store,
			route: (data) => routed.push(data),
			timers,
		});
		replay.stop();
		expect(timers.pending).toHaveLength(0);
		expect(routed).toEqual([]);
	});

	test('starts without the catalogues a while after the list, if they never come', () => {
		const store = loadingStore();
		const timers = manualTimers();
		const routed: string[] = [];
		startReplay({
			recording: recording([[100, 'j']]),
			speed: 1,
			store,
			route: (data) => routed.push(data),
			timers,
		});
		store.dispatch({type: 'tokens/appended', tokens: [makeToken()], done: true, at: now});
		expect(timers.run()).toBeGreaterThan(0);
		timers.run();
		expect(routed).toEqual(['j']);
	});
});
