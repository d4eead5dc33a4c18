/**
 * The structure that keeps a key press at terminal speed with 100,000 tokens
 * (issue 7), asserted without timing: the list renders only the rows that fit,
 * an arrow key re-renders the list (and just the two rows whose highlight
 * moves) and nothing around it, and a growing search narrows the previous
 * result instead of filtering every token again. The whole app runs at 80x24
 * with 10,000 tokens; components are counted by wrapping their modules.
 */
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {AccessToken, Operator} from '../../source/domain/token.js';
import type * as ColumnsModule from '../../source/ui/columns.js';
import type * as FilterBarModule from '../../source/ui/FilterBar.js';
import type * as FooterModule from '../../source/ui/Footer.js';
import type * as StatusLineModule from '../../source/ui/StatusLine.js';
import type * as TokenListModule from '../../source/ui/TokenList.js';
import {quietEffects, sizeTerminal} from '../support/app-effects.js';
import {importInkOutsideCi, keys, sendInputAndWaitForChange, waitForFrame} from '../support/ink.js';
import {daysAgo, makeToken, now} from '../state/fixtures.js';

const {renders, counted} = vi.hoisted(() => {
	const renders = new Map<string, number>();
	/** The component, counting its renders: called as a function, its hooks are the wrapper's. */
	const counted =
		<P,>(name: string, component: (props: P) => unknown) =>
		(props: P) => {
			renders.set(name, (renders.get(name) ?? 0) + 1);
			return component(props);
		};

	return {renders, counted};
});

vi.mock('../../source/ui/FilterBar.js', async (original) => {
	const module = await original<typeof FilterBarModule>();
	return {...module, FilterBar: counted('FilterBar', module.FilterBar)};
});

vi.mock('../../source/ui/StatusLine.js', async (original) => {
	const module = await original<typeof StatusLineModule>();
	return {
		...module,
		StatusLine: counted('StatusLine', module.StatusLine),
		MessageLine: counted('MessageLine', module.MessageLine),
	};
});

vi.mock('../../source/ui/Footer.js', async (original) => {
	const module = await original<typeof FooterModule>();
	return {...module, Footer: counted('Footer', module.Footer)};
});

vi.mock('../../source/ui/TokenList.js', async (original) => {
	const module = await original<typeof TokenListModule>();
	return {...module, TokenList: counted('TokenList', module.TokenList)};
});

// Every token row draws its cells with rowCells once per render: counting it counts row renders.
vi.mock('../../source/ui/columns.js', async (original) => {
	const module = await original<typeof ColumnsModule>();
	return {
		...module,
		rowCells(...args: Parameters<typeof module.rowCells>) {
			renders.set('row', (renders.get('row') ?? 0) + 1);
			return module.rowCells(...args);
		},
	};
});

await importInkOutsideCi();
const {render, cleanup} = await import('ink-testing-library');
const {App} = await import('../../source/ui/App.js');
const {createStore} = await import('../../source/ui/store.js');
const {initialState, lastVisibleStats, selectVisibleRows} = await import('../../source/state/index.js');

const tokenCount = 10_000;
/** 80x24: one line spare, then the filter bar (2), header, status, message and footer. */
const listHeight = 24 - 1 - 6;
const admin: Operator = {Name: 'Ada Lindqvist', Role: 'Account Administrator', UserId: 'U1', CanWrite: true};

const effects = quietEffects();

function manyTokens(): AccessToken[] {
	const systems = ['Billing sync', 'Shopify connector', 'Looker BI export', 'CRM bridge'];
	return Array.from({length: tokenCount}, (_, index) =>
		makeToken({
			Id: `T${String(index).padStart(5, '0')}`,
			Name: `${systems[index % systems.length]} ${index}`,
			// Newest first: row i is token i.
			CreatedAt: daysAgo(index / 1000),
		}),
	);
}

/** The list rows on screen: the lines between the column header and the status line. */
function rowLines(frame: string): string[] {
	const lines = frame.split('\n');
	const header = lines.findIndex((line) => line.includes('NAME') && line.includes('STATE'));
	const status = lines.findIndex((line) => line.startsWith('showing '));
	return lines.slice(header + 1, status).filter((line) => line.trim() !== '');
}

async function openApp() {
	const store = createStore(
		initialState({now, serverUrl: 'http://127.0.0.1:8080', accountSid: 'IRAgencyDemo1'}),
	);
	store.dispatch({type: 'connection/operator', operator: admin});
	store.dispatch({type: 'tokens/appended', tokens: manyTokens(), done: true, at: now});
	const {stdin, stdout, lastFrame} = render(<App store={store} effects={effects} />);
	sizeTerminal(stdout);
	// Rendered first at ink-testing-library's 100 columns, then again at 80.
	await waitForFrame(
		lastFrame,
		(frame) =>
			rowLines(frame).length === listHeight &&
			frame.includes('›') &&
			frame.split('\n').every((line) => line.length <= 80),
	);
	return {
		store,
		frame: () => lastFrame() ?? '',
		press: async (data: string) => sendInputAndWaitForChange(stdin, lastFrame, data),
	};
}

beforeEach(() => {
	renders.clear();
});

afterEach(() => {
	cleanup();
});

describe('rendering 10,000 tokens at 80x24', () => {
	it('renders no more rows than fit the list', async () => {
		const app = await openApp();
		expect(rowLines(app.frame())).toHaveLength(listHeight);
		// Every row render is counted, across every render since the start: a handful of
		// windows' worth at most, never one per token.
		expect(renders.get('row')).toBeLessThanOrEqual(4 * listHeight);
	});

	it('re-renders the list, and only the two rows whose highlight moves, on an arrow key', async () => {
		const app = await openApp();
		renders.clear();
		const frame = await app.press(keys.down);
		expect(rowLines(frame)[1]).toMatch(/^›/u);
		expect(renders.get('TokenList')).toBe(1);
		expect(renders.get('row')).toBe(2);
		for (const outside of ['FilterBar', 'StatusLine', 'MessageLine', 'Footer']) {
			expect(renders.get(outside) ?? 0, `${outside} re-rendered on ↓`).toBe(0);
		}

		renders.clear();
		await app.press(keys.up);
		expect([...renders.keys()].sort()).toEqual(['TokenList', 'row']);
	});

	it('keeps everything outside the list still while the window scrolls, too', async () => {
		const app = await openApp();
		for (let step = 1; step < listHeight; step++) await app.press(keys.down);
		renders.clear();
		const frame = await app.press(keys.down);
		expect(rowLines(frame)).toHaveLength(listHeight);
		expect(rowLines(frame).at(-1)).toMatch(/^›/u);
		expect([...renders.keys()].sort()).toEqual(['TokenList', 'row']);
		// The rows that stay on screen keep their rendering: one row scrolls in, two change highlight.
		expect(renders.get('row')).toBeLessThanOrEqual(3);
	});

	it('looks only at rows that can match as a typed search grows (name index, then the previous result), through the real key router', async () => {
		const app = await openApp();
		await app.press('/');
		await app.press('b');
		const first = lastVisibleStats();
		expect(first.strategy).toBe('indexed');
		expect(first.examined).toBe(selectVisibleRows(app.store.getState()).length);
		expect(first.examined).toBeLessThan(tokenCount);
		let previous = app.store.getState();
		for (const character of 'illing sync 12') {
			await app.press(character);
			const before = previous;
			previous = app.store.getState();
			const stats = lastVisibleStats();
			expect(['indexed', 'narrowed'], `typing ${JSON.stringify(character)}`).toContain(stats.strategy);
			// Only rows whose names contain the query, or what the shorter query matched, are looked at.
			expect(stats.examined).toBeLessThan(tokenCount);
			expect(before.filters.name.length).toBe(previous.filters.name.length - 1);
		}

		expect(rowLines(app.frame()).every((line) => line.includes('Billing sync 12'))).toBe(true);
	});
});
