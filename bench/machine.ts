/**
 * How busy and how fast the machine is while the bench runs, so figures from
 * different runs can be compared: on a shared machine the same build measures
 * several times slower when other jobs hold the cores.
 */
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import os from 'node:os';
import {performance} from 'node:perf_hooks';
import {stats} from './measure.js';

export type MachineState = {
	/** `node -e 0`, spawn to exit, median of 5 (issue 7 measured 61 ms on a quiet machine of this kind). */
	nodeStartMs: number;
	/** 1-minute load average. */
	loadAverage: number;
	/** Linux pressure stall information: % of the last 10 s some task waited for a CPU; null where unavailable. */
	cpuPressure: number | null;
};

export function machineState(): MachineState {
	const times: number[] = [];
	for (let run = 0; run < 5; run++) {
		const started = performance.now();
		spawnSync(process.execPath, ['-e', '0']);
		times.push(performance.now() - started);
	}

	let cpuPressure: number | null = null;
	try {
		const match = /some avg10=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
		if (match) cpuPressure = Number(match[1]);
	} catch {
		// Not Linux, or no PSI: leave it out.
	}

	return {nodeStartMs: stats(times).median, loadAverage: os.loadavg()[0]!, cpuPressure};
}

export function describeMachine(state: MachineState): string {
	return `node -e 0 took ${state.nodeStartMs.toFixed(0)} ms (61 ms on a quiet machine), load average ${state.loadAverage.toFixed(1)}${state.cpuPressure === null ? '' : `, CPU pressure ${state.cpuPressure.toFixed(0)}%`}`;
}
