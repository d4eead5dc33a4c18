/**
 * The create wizard and the edit form as the operator sees them: the whole
 * app rendered by Ink at 80x24, keys written as a terminal sends them, through
 * the app's one key router. Each step's error display, the 412 view, the
 * read-only role, and that the frame always fits.
 */
import {afterEach, describe, expect, it} from 'vitest';
import type {Operator} from '../../source/domain/token.js';
import type {Action, AppState} from '../../source/state/index.js';
import type {TokenForm} from '../../source/state/token-form.js';
import {quietEffects, sizeTerminal} from '../support/app-effects.js';
import {importInkOutsideCi, keys, sendInputAndWaitForChange, waitForFrame} from '../support/ink.js';
import {run} from '../state/fixtures.js';
import {baseState, edited} from '../state/wizard-fixtures.js';

await importInkOutsideCi();
const {render, cleanup} = await import('ink-testing-library');
const {App} = await import('../../source/ui/App.js');
const {createStore} = await import('../../source/ui/store.js');

const admin: Operator = {Name: 'Ravi Menon', Role: 'Implementation Specialist', UserId: 'U2', CanWrite: true};
const readOnly: Operator = {Name: 'Chloé Martin', Role: 'Read-Only', UserId: 'U3', CanWrite: false};

afterEach(() => {
	cleanup();
});

type Harness = {
	stdin: {write(data: string): void};
	frame(): string;
	/** Writes and waits for the frame to change; returns it. */
	press(data: string): Promise<string>;
	waitFor(text: string | RegExp): Promise<string>;
	submitted: TokenForm[];
	quits: number[];
	state(): AppState;
	/** Dispatches as the sync layer would. */
	dispatch(action: Action): void;
};

/** The app at 80x24 with the catalogues loaded, signed in as `operator`. */
async function openApp(operator: Operator = admin): Promise<Harness> {
	const store = createStore(run(baseState(), {type: 'connection/operator', operator}));
	const submitted: TokenForm[] = [];
	const quits: number[] = [];
	const effects = quietEffects({quit: () => quits.push(1), submitForm: (form) => submitted.push(form)});
	const {stdin, stdout, lastFrame} = render(<App store={store} effects={effects} />);
	sizeTerminal(stdout);
	const frame = () => lastFrame() ?? '';
	await waitForFrame(lastFrame, (text) => text.includes('Billing sync') && text.split('\n')[0]!.length <= 80);
	return {
		stdin,
		frame,
		press: async (data) => sendInputAndWaitForChange(stdin, lastFrame, data),
		waitFor: async (text) => waitForFrame(lastFrame, text),
		submitted,
		quits,
		state: () => store.getState(),
		dispatch: store.dispatch,
	};
}

/** The frame fits 80x24 with a row to spare: Ink clears the screen when output is as tall as the terminal. */
function expectFits(frame: string) {
	const lines = frame.split('\n');
	expect(lines.length).toBeLessThanOrEqual(23);
	for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
}

/** The line holding `text`, and the one after it. */
function lineWith(frame: string, text: string): [string, string] {
	const lines = frame.split('\n');
	const index = lines.findIndex((line) => line.includes(text));
	if (index < 0) throw new Error(`no line with ${JSON.stringify(text)} in:\n${frame}`);
	return [lines[index]!, lines[index + 1] ?? ''];
}

describe('the create wizard on screen', () => {
	it('opens on n at step 1 with the latest version chosen, and fits 80x24', async () => {
		const app = await openApp();
		const frame = await app.press('n');
		expect(frame).toContain('New access token');
		expect(frame).toContain('[1 Setup]');
		expect(frame).toContain('› Token name');
		expect(frame).toContain('v16');
		expectFits(frame);
	});

	it('setup: an empty name is refused beside the field, naming it, and Enter does not advance', async () => {
		const app = await openApp();
		await app.press('n');
		const frame = await app.press(keys.enter);
		const [field, below] = lineWith(frame, 'Token name');
		expect(field).toContain('›');
		expect(below).toContain('✗ Token name is required');
		expect(frame).toContain('[1 Setup]');
		expectFits(frame);
	});

	it('takes a name typed faster than a frame, in one write, intact', async () => {
		const app = await openApp();
		await app.press('n');
		app.stdin.write('billing-42');
		const frame = await app.waitFor('billing-42');
		expect(lineWith(frame, 'Token name')[0]).toContain('billing-42');
		// "q", "n" and "j" were text, not keys of the list.
		app.stdin.write(`${keys.backspace}${keys.backspace}qnj`);
		await app.waitFor('billing-qnj');
		expect(app.quits).toEqual([]);
	});

	it('contact: an invalid e-mail is refused beside the e-mail field, naming the address', async () => {
		const app = await openApp();
		await app.press('n');
		app.stdin.write(`Billing${keys.enter}${keys.enter}${keys.enter}`);
		await app.waitFor('[2 Contact]');
		expect(lineWith(app.frame(), 'Primary contact')[0]).toContain('Ravi Menon (you)');
		app.stdin.write(`${keys.enter}dev@acme${keys.enter}`);
		const frame = await app.waitFor('✗');
		expect(frame).toContain('✗ Developer e-mail "dev@acme" is not a valid e-mail address');
		expect(frame).toContain('[2 Contact]');
		expectFits(frame);
	});

	it('scopes: moving on without a scope is refused, and a write scope brings the least-privilege hint', async () => {
		const app = await openApp();
		await app.press('n');
		app.stdin.write(`Billing${keys.enter}${keys.enter}${keys.enter}${keys.enter}${keys.enter}`);
		await app.waitFor('[3 Scopes]');
		expect(app.frame()).toContain('0/3');
		let frame = await app.press(keys.enter);
		expect(frame).toContain('✗ Select at least one API scope');
		frame = await app.press(' ');
		expect(frame).not.toContain('✗');
		expect(lineWith(frame, 'Account')[0]).toMatch(/\[x\] Account\s+3\/3/u);
		expect(frame).toContain('⚠ Least privilege: 2 write scopes — keep only those the integration needs');
		frame = await app.press(keys.right);
		expect(frame).toMatch(/\[x\] Create account users\s+POST\s+\/Users\s+write/u);
		frame = await app.press('a');
		expect(lineWith(frame, 'Account')[0]).toContain('0/3');
		expect(frame).not.toContain('Least privilege');
		expectFits(frame);
	});

	it('review: shows every field, and Enter sends the form once', async () => {
		const app = await openApp();
		await app.press('n');
		app.stdin.write(
			`结算 – 测试${keys.enter}Nightly${keys.enter}${keys.enter}${keys.enter}a@b.example${keys.enter}${keys.enter}`,
		);
		await app.waitFor('[3 Scopes]');
		app.stdin.write(`${keys.down} ${keys.enter}`);
		const frame = await app.waitFor('[4 Review]');
		for (const text of [
			'结算 – 测试',
			'Nightly',
			'v16 (latest)',
			'Ravi Menon (you)',
			'a@b.example',
			'Invoices 2/2',
			'[ Create token ]',
		]) {
			expect(frame).toContain(text);
		}

		expectFits(frame);
		await app.press(keys.enter);
		await app.waitFor('Creating "结算 – 测试"…');
		app.stdin.write(keys.enter);
		expect(app.submitted).toHaveLength(1);
		expect(app.submitted[0]!.draft).toMatchObject({
			Name: '结算 – 测试',
			Scopes: ['invoices.invoices.get', 'invoices.payments.get'],
		});
	});

	it('review: a server 400 goes back beside the field; other failures show on the review', async () => {
		const app = await openApp();
		await app.press('n');
		app.stdin.write(
			`Billing${keys.enter}${keys.enter}${keys.enter}${keys.enter}${keys.enter}${keys.down} ${keys.enter}${keys.enter}`,
		);
		await app.waitFor('Creating');
		const formId = app.submitted[0]!.id;
		app.dispatch({type: 'form/rejected', formId, message: 'HTTP 503: Service unavailable'});
		let frame = await app.waitFor('✗ HTTP 503');
		expect(frame).toContain('[4 Review]');
		await app.press(keys.enter);
		app.dispatch({type: 'form/rejected', formId, field: 'Name', message: 'Token name "Billing" is taken'});
		frame = await app.waitFor('[1 Setup]');
		expect(lineWith(frame, 'Token name')[1]).toContain('✗ Token name "Billing" is taken');
	});

	it('Esc with something typed asks before discarding; Ctrl+C asks, a second Ctrl+C quits', async () => {
		const app = await openApp();
		await app.press('n');
		app.stdin.write('Billing');
		await app.waitFor('Billing');
		let frame = await app.press(keys.escape);
		expect(frame).toContain('Discard the new token? y discard · n keep editing');
		frame = await app.press('n');
		expect(frame).toContain('› Token name');
		frame = await app.press(keys.ctrlC);
		expect(frame).toContain('Quit and discard the new token? y quit · n keep editing');
		expect(app.quits).toEqual([]);
		app.stdin.write(keys.ctrlC);
		expect(app.quits).toEqual([1]);
	});
});

describe('the edit form on screen', () => {
	async function openEdit(operator: Operator = admin) {
		const app = await openApp(operator);
		await app.press(keys.enter);
		await app.waitFor('Primary contact');
		return app;
	}

	it("opens from the details with Enter, on the token's values, the API version read-only", async () => {
		const app = await openEdit();
		expect(app.frame()).toContain('Enter edit');
		const frame = await app.press(keys.enter);
		expect(frame).toContain('Edit "Billing sync"');
		expect(lineWith(frame, 'Token name')[0]).toContain('Billing sync');
		expect(frame).toContain('v15 · only Upgrade (u, in the details) changes it');
		expect(frame).toContain('Ctrl+S save');
		expectFits(frame);
	});

	it('shows the changes on the review, with what they were', async () => {
		const app = await openEdit();
		await app.press(keys.enter);
		app.stdin.write(`${keys.tab}${keys.ctrlU}Hourly${keys.enter}${keys.enter}${keys.enter}${keys.enter}`);
		const frame = await app.waitFor('[4 Review]');
		expect(frame).toContain('Your changes (*): Description');
		expect(lineWith(frame, '* Description')[0]).toContain('Hourly');
		expect(lineWith(frame, '* Description')[1]).toContain('was: Nightly');
		expect(frame).toContain('[ Save changes ]');
	});

	it("after a 412 shows, field by field, the server's value beside the operator's", async () => {
		const app = await openEdit();
		await app.press(keys.enter);
		app.stdin.write(`${keys.tab}${keys.ctrlU}Hourly`);
		await app.waitFor('Hourly');
		await app.press('\u0013'); // Ctrl+S
		const form = app.submitted[0]!;
		app.dispatch({
			type: 'form/conflict',
			formId: form.id,
			server: {...edited, Description: 'Weekly', Name: 'Billing sync (ops)', Version: 7},
		});
		const frame = await app.waitFor('On the server now');
		expect(frame).toContain('Changed on the server since you opened it (now version 7)');
		expect(lineWith(frame, 'Description')[0]).toMatch(/Description\s+Weekly\s+Hourly/u);
		expect(lineWith(frame, 'Token name')[0]).toMatch(/Billing sync \(ops\)\s+not changed by you/u);
		expect(frame).toContain('r reapply your changes · d discard them');
		expectFits(frame);
		await app.press('r');
		expect(app.submitted).toHaveLength(2);
		expect(app.submitted[1]!).toMatchObject({
			version: 7,
			draft: {Description: 'Hourly', Name: 'Billing sync (ops)'},
		});
	});

	it('is not offered to a read-only operator: no edit in the footer, and the keys say why', async () => {
		const app = await openEdit(readOnly);
		expect(app.frame()).not.toContain('Enter edit');
		const frame = await app.press(keys.enter);
		expect(frame).toContain('read-only: your role (Read-Only) cannot change tokens');
		expect(frame).not.toContain('Edit "');
		await app.press(keys.escape);
		expect(app.frame()).not.toContain('n new');
		// Keys are routed in order: once help shows, n was routed and opened no form (which would have taken "?" as text).
		app.stdin.write('n?');
		await app.waitFor('press any key to close');
		expect(app.state().overlay).toEqual({kind: 'help'});
	});
});
