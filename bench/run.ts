/**
 * `npm run bench`: the app and the baseline against the real server with N
 * generated tokens, in a pseudo-terminal at 80x24, real keys, and every figure
 * of issue 7's target table beside the baseline's. bench/bench.js builds this
 * file, the app and the baseline, then calls `main`.
 *
 *   npm run bench                 1k, 10k, 100k and 1M tokens
 *   npm run bench -- --quick      10k and 100k only
 *   npm run bench -- --sizes 1000,50000 --presses 100 --fresh
 */
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {measureList, measureStart, type ListFigures, type ListOptions, type Subject} from './measure.js';
import {describeMachine, machineState} from './machine.js';
import {listFigures, startFigures, table, type Figure} from './report.js';
import {benchDataRoot, startBenchServer} from './server.js';

export type Bundles = {app: string; baseline: string};

type SizeResult = {
	tokens: number;
	listed: number;
	server: {seededS: number | null; startS: number};
	ours: ListFigures;
	baseline: ListFigures;
};

const log = (line: string) => {
	process.stderr.write(`${line}\n`);
};

export async function main(bundles: Bundles, argv: string[]): Promise<number> {
	const {values} = parseArgs({
		args: argv,
		options: {
			quick: {type: 'boolean', default: false},
			sizes: {type: 'string'},
			presses: {type: 'string', default: '50'},
			fresh: {type: 'boolean', default: false},
			'start-runs': {type: 'string', default: '9'},
			out: {type: 'string', default: 'bench/results.json'},
		},
	});
	const sizes = values.sizes
		? values.sizes.split(',').map(Number)
		: values.quick
			? [10_000, 100_000]
			: [1000, 10_000, 100_000, 1_000_000];
	const listOptions: ListOptions = {
		presses: Number(values.presses),
		queries: ['billing sync', '広告レポート', 'payouts 9'],
		actions: 4,
		syncTimeoutMs: 300_000,
	};
	const ours: Subject = {name: 'ours', script: bundles.app};
	const baseline: Subject = {name: 'baseline', script: bundles.baseline};
	const began = Date.now();
	const machineBefore = machineState();
	log(`Machine: ${describeMachine(machineBefore)}`);
	const results: SizeResult[] = [];
	const figures: Figure[] = [];

	log('Sandbox start (fixtures, embedded server):');
	const sandboxDir = path.join(benchDataRoot, 'sandbox');
	rmSync(sandboxDir, {recursive: true, force: true});
	mkdirSync(sandboxDir, {recursive: true});
	const runs = Number(values['start-runs']);
	const [startOurs, startBaseline] = await measureStart([ours, baseline], sandboxDir, runs, log);
	const start = {ours: startOurs!, baseline: startBaseline!};
	figures.push(...startFigures(start.ours, start.baseline));

	for (const tokens of sizes) {
		log(`${tokens.toLocaleString('en-US')} tokens:`);
		const server = await startBenchServer(bundles.app, tokens, values.fresh);
		log(
			`  server: ${server.seededS === null ? 'loaded an earlier seed' : `seeded in ${server.seededS} s`}, listening after ${server.startS.toFixed(1)} s; ${server.listed} tokens listed (legacy ones hidden)`,
		);
		try {
			const size: SizeResult = {
				tokens,
				listed: server.listed,
				server: {seededS: server.seededS, startS: server.startS},
				ours: await measureList(ours, server.url, server.listed, listOptions, log),
				baseline: await measureList(baseline, server.url, server.listed, listOptions, log),
			};
			results.push(size);
			figures.push(...listFigures(tokens, size.ours, size.baseline));
		} finally {
			await server.stop();
		}
	}

	const report = table(figures);
	console.log(report);
	const failing = figures.filter((figure) => figure.holds === false);
	const errors = [
		...start.ours.errors,
		...start.baseline.errors,
		...results.flatMap((result) => [...result.ours.errors, ...result.baseline.errors]),
	];
	console.log(
		`\n${figures.filter((figure) => figure.holds).length} of ${figures.filter((figure) => figure.holds !== undefined).length} targets hold` +
			(failing.length > 0
				? `; not held: ${failing.map((figure) => `${figure.figure} (${figure.tokens ?? 'sandbox'})`).join('; ')}`
				: '') +
			(errors.length > 0 ? `\nerrors:\n  ${errors.join('\n  ')}` : ''),
	);
	const seconds = (Date.now() - began) / 1000;
	const machineAfter = machineState();
	console.log(`bench took ${seconds.toFixed(0)} s on ${os.cpus().length} cores, Node ${process.version}`);
	console.log(
		`machine before: ${describeMachine(machineBefore)}\nmachine after:  ${describeMachine(machineAfter)}`,
	);
	writeFileSync(
		values.out,
		`${JSON.stringify(
			{
				date: new Date().toISOString(),
				machine: {
					cpus: os.cpus().length,
					model: os.cpus()[0]?.model,
					memoryMb: Math.round(os.totalmem() / 2 ** 20),
					node: process.version,
				},
				machineState: {before: machineBefore, after: machineAfter},
				terminal: {cols: 80, rows: 24},
				options: {sizes, ...listOptions, startRuns: runs},
				seconds,
				figures,
				start,
				sizes: results,
			},
			null,
			'\t',
		)}\n`,
	);
	log(`wrote ${values.out}`);
	return errors.length > 0 ? 1 : 0;
}
