// Frames of the whole screen at 80x24 and 120x30, drawn by the real App into a headless
// terminal from a fixed state (fixture tokens, a fixed clock), so the layout is reviewable
// in the snapshot file and any change to it is a visible diff.
import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import type {AccessToken} from '../../source/domain/token.js';
import {importInkOutsideCi} from '../support/ink.js';
import {VirtualTtyStdout} from '../support/terminal.js';

const {render} = await importInkOutsideCi();
const {App} = await import('../../source/ui/App.js');
const {createStore} = await import('../../source/ui/store.js');
const {initialState} = await import('../../source/state/index.js');
const {setLanguage} = await import('../../source/i18n/index.js');

const now = Date.parse('2026-11-27T12:00:00Z');
const hour = 3_600_000;

type FixtureToken = {
	Name: string;
	Description: string;
	ApiVersion: string;
	State: 'Enabled' | 'Disabled';
	CreatedDaysAgo?: number;
	CreatedAt?: string;
	LastUsedHoursAgo?: number | null;
	PrimaryContact: string;
	DeveloperEmails: string[];
	Scopes: string[];
	Legacy?: boolean;
};

/** The fixture tokens with fixed Ids, times and hints, as a server would list them. */
function fixtureTokens(): AccessToken[] {
	const raw = JSON.parse(
		readFileSync(new URL('../../fixtures/tokens.json', import.meta.url), 'utf8'),
	) as FixtureToken[];
	return raw
		.filter((token) => token.CreatedDaysAgo !== undefined)
		.map((token, index) => {
			const created = new Date(now - token.CreatedDaysAgo! * 24 * hour).toISOString();
			return {
				Id: `T${String(index).padStart(3, '0')}`,
				Name: token.Name,
				Description: token.Description,
				ApiVersion: token.ApiVersion,
				State: token.State,
				Legacy: false,
				CreatedAt: created,
				UpdatedAt: created,
				LastUsedAt:
					token.LastUsedHoursAgo == null ? null : new Date(now - token.LastUsedHoursAgo * hour).toISOString(),
				PrimaryContact: token.PrimaryContact,
				DeveloperEmails: token.DeveloperEmails,
				Scopes: token.Scopes,
				AccountSid: `IRT${String(index).padStart(3, '0')}`,
				AuthTokenHint: `h${String(index).padStart(3, '0')}`,
				ReadOnly: null,
				Version: 1,
			};
		});
}

let stdout: VirtualTtyStdout | undefined;
let unmount: (() => void) | undefined;

afterEach(() => {
	unmount?.();
	stdout?.dispose();
	setLanguage('en');
});

async function screenAt(columns: number, rows: number): Promise<string[]> {
	const store = createStore(
		initialState({now, serverUrl: 'http://127.0.0.1:8080', accountSid: 'IRAgencyDemo1'}),
	);
	store.dispatch({
		type: 'connection/operator',
		operator: {Name: 'Ada Lindqvist', Role: 'Account Administrator', UserId: 'U1001', CanWrite: true},
	});
	store.dispatch({type: 'tokens/appended', tokens: fixtureTokens(), done: true, at: now});
	stdout = new VirtualTtyStdout(columns, rows);
	const effects = {
		quit() {},
		refresh() {},
		perform() {},
		copy: async () => ({via: 'osc52' as const, detail: 'OSC 52'}),
		reveal() {},
		copyAuthToken() {},
		loadAudit() {},
		refuse() {},
		submitForm() {},
	};
	const instance = render(<App store={store} effects={effects} />, {
		stdout: stdout.asWriteStream(),
		patchConsole: false,
		exitOnCtrlC: false,
		incrementalRendering: true,
	});
	unmount = instance.unmount;
	// A frame, then the one after the list measured the terminal.
	for (let attempt = 0; attempt < 50 && !/q (quit|退出)/u.test(stdout.screen()); attempt++) {
		await new Promise((resolve) => setTimeout(resolve, 20));
		await stdout.flush();
	}

	await new Promise((resolve) => setTimeout(resolve, 100));
	await stdout.flush();
	return stdout.lines();
}

describe('the whole screen', () => {
	it.each([
		[80, 24],
		[120, 30],
	])('at %ix%i fits, one line short of the terminal, with aligned columns', async (columns, rows) => {
		const lines = await screenAt(columns, rows);
		expect(lines.at(-1)).toBe('');
		expect(lines.every((line) => line.length <= columns)).toBe(true);
		expect(lines.join('\n')).toMatchSnapshot();
	});
});

describe('the whole screen in Simplified Chinese', () => {
	it('at 80x24 keeps every column aligned with double-width labels and names', async () => {
		setLanguage('zh-CN');
		const lines = await screenAt(80, 24);
		const {displayWidth} = await import('../../source/ui/text.js');
		expect(lines.at(-1)).toBe('');
		expect(lines.every((line) => displayWidth(line) <= 80)).toBe(true);
		// The state column starts at the same display column on every row, CJK names or not.
		const rows = lines.filter((line) => /已启用|已停用/u.test(line));
		const stateColumn = (line: string) => displayWidth(line.slice(0, line.search(/已启用|已停用/u)));
		expect(new Set(rows.map(stateColumn)).size).toBe(1);
		expect(lines.join('\n')).toMatchSnapshot();
	});
});
