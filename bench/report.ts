/** The bench's figures as rows: ours beside the baseline, their ratio, the target and whether it holds. */
import type {ListFigures, StartFigures, Stats} from './measure.js';

export type Unit = 'ms' | 'B' | 'MB' | 'frames';

export type Figure = {
	figure: string;
	/** Tokens on the server; null for the sandbox (fixtures). */
	tokens: number | null;
	unit: Unit;
	ours: number;
	baseline: number;
	/** The target for this figure at this size, when it sets one: value ≤ target. */
	target?: number;
	holds?: boolean;
};

type Pick = (figures: ListFigures) => number;

type ListRow = {figure: string; unit: Unit; pick: Pick; targets?: Record<number, number> | number};

const median =
	(select: (figures: ListFigures) => Stats): Pick =>
	(figures) =>
		select(figures).median;
const p95 =
	(select: (figures: ListFigures) => Stats): Pick =>
	(figures) =>
		select(figures).p95;

/** The target table, by figure and (where it says) by size. */
const listRows: ListRow[] = [
	{figure: 'arrow key → frame, median', unit: 'ms', pick: median((f) => f.arrow), targets: {100_000: 12}},
	{figure: 'arrow key → frame, p95', unit: 'ms', pick: p95((f) => f.arrow), targets: {100_000: 20}},
	{figure: 'bytes per arrow key, median (80x24)', unit: 'B', pick: median((f) => f.arrowBytes), targets: 600},
	{figure: '  … moving inside the window', unit: 'B', pick: median((f) => f.arrowBytesMove)},
	{figure: '  … scrolling the window', unit: 'B', pick: median((f) => f.arrowBytesScroll)},
	{
		figure: 'search keystroke → frame, median',
		unit: 'ms',
		pick: median((f) => f.search),
		targets: {100_000: 16, 1_000_000: 40},
	},
	{figure: 'search keystroke → frame, p95', unit: 'ms', pick: p95((f) => f.search), targets: {100_000: 25}},
	{figure: 'frames per search keystroke, max', unit: 'frames', pick: (f) => f.searchFrames.max},
	{figure: 'spawn → first frame (filter bar)', unit: 'ms', pick: (f) => f.firstFrameMs},
	{figure: 'spawn → first token rows', unit: 'ms', pick: (f) => f.firstRowsMs},
	{figure: 'spawn → full list synced', unit: 'ms', pick: (f) => f.syncMs, targets: {100_000: 3000}},
	{figure: '  … first rows → full list', unit: 'ms', pick: (f) => f.syncMs - f.firstRowsMs},
	{
		figure: 'RSS with the list loaded',
		unit: 'MB',
		pick: (f) => f.rssMb,
		targets: {100_000: 160, 1_000_000: 450},
	},
	{figure: '  … peak RSS', unit: 'MB', pick: (f) => f.peakRssMb},
	{figure: 'optimistic action → frame, median', unit: 'ms', pick: median((f) => f.action)},
	{figure: 'frames until the action shows, max', unit: 'frames', pick: (f) => f.actionFrames.max, targets: 1},
];

function withTarget(figure: Figure, target: number | undefined): Figure {
	if (target === undefined) return figure;
	return {...figure, target, holds: Number.isFinite(figure.ours) && figure.ours <= target};
}

export function listFigures(tokens: number, ours: ListFigures, baseline: ListFigures): Figure[] {
	return listRows.map((row) => {
		const target = typeof row.targets === 'number' ? row.targets : row.targets?.[tokens];
		return withTarget(
			{figure: row.figure, tokens, unit: row.unit, ours: row.pick(ours), baseline: row.pick(baseline)},
			target,
		);
	});
}

export function startFigures(ours: StartFigures, baseline: StartFigures): Figure[] {
	return [
		withTarget(
			{
				figure: 'sandbox: spawn → first frame, median',
				tokens: null,
				unit: 'ms',
				ours: ours.firstFrameMs.median,
				baseline: baseline.firstFrameMs.median,
			},
			300,
		),
		withTarget(
			{
				figure: 'sandbox: spawn → first token rows, median',
				tokens: null,
				unit: 'ms',
				ours: ours.firstRowsMs.median,
				baseline: baseline.firstRowsMs.median,
			},
			600,
		),
	];
}

function format(value: number, unit: Unit): string {
	if (!Number.isFinite(value)) return '—';
	if (unit === 'frames') return String(value);
	if (unit === 'ms' && value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
	const digits = unit === 'ms' && value < 100 ? 1 : 0;
	return `${value.toLocaleString('en-US', {minimumFractionDigits: digits, maximumFractionDigits: digits})} ${unit}`;
}

const sizeLabel = (tokens: number | null) =>
	tokens === null ? 'sandbox' : tokens >= 1_000_000 ? `${tokens / 1_000_000}M` : `${tokens / 1000}k`;

/** The figures as a plain-text table (also valid Markdown). */
export function table(figures: Figure[]): string {
	const header = ['figure', 'tokens', 'ours', 'baseline', 'baseline ÷ ours', 'target', 'holds'];
	const rows = figures.map((figure) => [
		figure.figure,
		sizeLabel(figure.tokens),
		format(figure.ours, figure.unit),
		format(figure.baseline, figure.unit),
		Number.isFinite(figure.ours) && Number.isFinite(figure.baseline) && figure.ours > 0
			? `${(figure.baseline / figure.ours).toFixed(1)}×`
			: '—',
		figure.target === undefined ? '' : `≤ ${format(figure.target, figure.unit)}`,
		figure.holds === undefined ? '' : figure.holds ? 'yes' : 'NO',
	]);
	const widths = header.map((title, column) =>
		Math.max([...title].length, ...rows.map((row) => [...row[column]!].length)),
	);
	const line = (cells: string[]) =>
		`| ${cells.map((cell, column) => cell + ' '.repeat(widths[column]! - [...cell].length)).join(' | ')} |`;
	return [
		line(header),
		`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
		...rows.map(line),
	].join('\n');
}
