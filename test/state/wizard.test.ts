import {describe, expect, it} from 'vitest';
import {formInput} from '../../source/state/token-form.js';
import {run} from './fixtures.js';
import {
	backspace,
	down,
	enter,
	esc,
	formOf,
	keys,
	left,
	right,
	shiftTab,
	space,
	tab,
	up,
	withWizard,
} from './wizard-fixtures.js';

/** The wizard with a valid name, description and version: on the contact step. */
function onContactStep() {
	return keys(withWizard(), 'Billing', enter, 'For billing', enter, enter);
}

/** On the scope step, with every earlier field valid. */
function onScopeStep() {
	return keys(onContactStep(), enter, enter);
}

describe('the create wizard: setup', () => {
	it('starts on the token name with the latest API version and the operator as contact', () => {
		const form = formOf(withWizard());
		expect(form).toMatchObject({mode: 'create', step: 'setup', field: 'Name', status: {kind: 'editing'}});
		expect(form.draft).toEqual({
			Name: '',
			Description: '',
			ApiVersion: '16',
			PrimaryContact: 'U2',
			DeveloperEmails: [],
			Scopes: [],
		});
	});

	it('takes every key of a fast burst in order, each on what the previous one left', () => {
		const state = keys(withWizard(), 'billing-4x', backspace, '2');
		expect(formOf(state).draft.Name).toBe('billing-42');
		expect(formOf(run(withWizard(), {type: 'form/type', text: 'billing-42'})).draft.Name).toBe('billing-42');
	});

	it('edits CJK text by character: backspace removes one, the cursor moves over one', () => {
		const state = keys(
			withWizard(),
			'结算测试',
			{type: 'form/edit', edit: 'left'},
			{type: 'form/edit', edit: 'left'},
			' – ',
			{type: 'form/edit', edit: 'end'},
			backspace,
			'试',
		);
		expect(formOf(state).draft.Name).toBe('结算 – 测试');
	});

	it('refuses an empty name on Enter, naming the field, and stays on it', () => {
		const state = keys(withWizard(), '   ', enter);
		const form = formOf(state);
		expect(form.errors.Name).toBe('Token name is required');
		expect(form).toMatchObject({step: 'setup', field: 'Name'});
	});

	it('drops the message as soon as the name is fixed, and Enter then moves on', () => {
		const refused = keys(withWizard(), enter);
		const fixed = keys(refused, 'B');
		expect(formOf(fixed).errors.Name).toBeUndefined();
		expect(formOf(keys(fixed, enter)).field).toBe('Description');
	});

	it('refuses a name over 100 characters with the count', () => {
		const form = formOf(keys(withWizard(), {type: 'form/type', text: 'x'.repeat(101)}, enter));
		expect(form.errors.Name).toBe('Token name must be at most 100 characters (it has 101)');
		expect(form.field).toBe('Name');
	});

	it('moves Enter by Enter through name, description and version to the contact step', () => {
		const afterName = keys(withWizard(), 'Billing', enter);
		expect(formOf(afterName).field).toBe('Description');
		const afterDescription = keys(afterName, enter);
		expect(formOf(afterDescription).field).toBe('ApiVersion');
		const afterVersion = keys(afterDescription, enter);
		expect(formOf(afterVersion)).toMatchObject({step: 'contact', field: 'PrimaryContact'});
	});

	it('moves between the fields of a step with Tab and Shift+Tab, wrapping, without checking them', () => {
		const state = keys(withWizard(), tab);
		expect(formOf(state)).toMatchObject({field: 'Description', errors: {}});
		expect(formOf(keys(state, tab)).field).toBe('ApiVersion');
		expect(formOf(keys(state, tab, tab)).field).toBe('Name');
		expect(formOf(keys(withWizard(), shiftTab)).field).toBe('ApiVersion');
	});

	it('picks the API version with up and down, newest first, within the list', () => {
		const onVersion = keys(withWizard(), tab, tab);
		expect(formOf(keys(onVersion, down)).draft.ApiVersion).toBe('15');
		expect(formOf(keys(onVersion, down, down, down, down)).draft.ApiVersion).toBe('14');
		expect(formOf(keys(onVersion, up)).draft.ApiVersion).toBe('16');
	});
});

describe('the create wizard: leaving', () => {
	it('closes at once on Esc when nothing was typed', () => {
		expect(run(withWizard(), esc).overlay).toBeNull();
	});

	it('asks before throwing away what was typed; n keeps editing, y discards', () => {
		const asking = keys(withWizard(), 'Billing', esc);
		expect(formOf(asking).status).toEqual({kind: 'asking', purpose: 'close'});
		const kept = run(asking, {type: 'form/answer', discard: false});
		expect(formOf(kept)).toMatchObject({status: {kind: 'editing'}, draft: {Name: 'Billing'}});
		expect(formOf(run(asking, esc)).status.kind).toBe('editing');
		expect(run(asking, {type: 'form/answer', discard: true}).overlay).toBeNull();
	});

	it('ignores keys other than the answer while asking', () => {
		const asking = keys(withWizard(), 'Billing', esc);
		expect(formOf(keys(asking, 'x', enter)).draft.Name).toBe('Billing');
	});

	it('goes back a step with Esc, keeping everything entered', () => {
		const back = keys(onContactStep(), esc);
		expect(formOf(back)).toMatchObject({
			step: 'setup',
			field: 'Name',
			draft: {Name: 'Billing', Description: 'For billing'},
		});
	});
});

describe('the create wizard: contact information', () => {
	it('lists the operator first and picks another contact with down', () => {
		const state = keys(onContactStep(), down);
		expect(formOf(state).draft.PrimaryContact).toBe('U1');
		expect(formOf(keys(state, down)).draft.PrimaryContact).toBe('U3');
	});

	it('adds developer e-mails with Enter and goes on with Enter on the empty line', () => {
		const state = keys(onContactStep(), enter, 'dev@acme.example', enter, 'ops@acme.example', enter);
		const form = formOf(state);
		expect(form.draft.DeveloperEmails).toEqual(['dev@acme.example', 'ops@acme.example']);
		expect(form).toMatchObject({field: 'DeveloperEmails', emailEntry: ''});
		expect(formOf(keys(state, enter))).toMatchObject({step: 'scopes', field: 'Scopes'});
	});

	it('refuses an invalid e-mail, naming it, and keeps the text to fix', () => {
		const form = formOf(keys(onContactStep(), enter, 'dev@acme', enter));
		expect(form.errors.DeveloperEmails).toBe('Developer e-mail "dev@acme" is not a valid e-mail address');
		expect(form).toMatchObject({emailEntry: 'dev@acme', step: 'contact'});
		expect(
			formOf(keys(onContactStep(), enter, 'dev@acme', enter, '.example')).errors.DeveloperEmails,
		).toBeUndefined();
	});

	it('refuses the same e-mail twice, whatever its case', () => {
		const form = formOf(keys(onContactStep(), enter, 'dev@acme.example', enter, 'DEV@acme.example', enter));
		expect(form.errors.DeveloperEmails).toBe('Developer e-mail "DEV@acme.example" is already in the list');
		expect(form.draft.DeveloperEmails).toEqual(['dev@acme.example']);
	});

	it('removes a listed e-mail: up onto it, then Backspace', () => {
		const listed = keys(onContactStep(), enter, 'a@acme.example', enter, 'b@acme.example', enter);
		const onFirst = keys(listed, up, up);
		expect(formOf(onFirst).emailIndex).toBe(0);
		const removed = keys(onFirst, backspace);
		expect(formOf(removed).draft.DeveloperEmails).toEqual(['b@acme.example']);
		expect(formOf(keys(removed, backspace)).draft.DeveloperEmails).toEqual([]);
		expect(formOf(keys(removed, backspace)).emailIndex).toBe(-1);
	});

	it('typing on a listed e-mail starts a new one', () => {
		const state = keys(onContactStep(), enter, 'a@acme.example', enter, up, 'b');
		expect(formOf(state)).toMatchObject({
			emailIndex: -1,
			emailEntry: 'b',
			draft: {DeveloperEmails: ['a@acme.example']},
		});
	});
});

describe('the create wizard: API scopes', () => {
	it('toggles a whole category with Space, and shows its scopes with right', () => {
		const chosen = keys(onScopeStep(), space);
		expect(formOf(chosen).draft.Scopes).toEqual([
			'account.users.get',
			'account.users.post',
			'account.users.delete',
		]);
		expect(formOf(keys(chosen, space)).draft.Scopes).toEqual([]);
		const open = keys(onScopeStep(), right, down, space);
		expect(formOf(open).draft.Scopes).toEqual(['account.users.get']);
		// A category with some scopes chosen gains the rest.
		expect(formOf(keys(open, up, space)).draft.Scopes).toHaveLength(3);
	});

	it('moves over closed categories, and left on a scope goes back to its category', () => {
		const onInvoices = keys(onScopeStep(), down);
		expect(formOf(keys(onInvoices, space)).draft.Scopes).toEqual([
			'invoices.invoices.get',
			'invoices.payments.get',
		]);
		const onScope = keys(onInvoices, right, down, down);
		expect(formOf(onScope).scopeRow).toBe(3);
		const back = keys(onScope, left);
		expect(formOf(back)).toMatchObject({scopeRow: 1});
		expect(formOf(keys(back, left)).openCategories.size).toBe(0);
	});

	it('clears every scope with a', () => {
		const state = keys(onScopeStep(), space, down, space, {type: 'form/clearScopes'});
		expect(formOf(state).draft.Scopes).toEqual([]);
	});

	it('needs at least one scope to move on', () => {
		const refused = keys(onScopeStep(), enter);
		expect(formOf(refused)).toMatchObject({
			step: 'scopes',
			errors: {Scopes: 'Select at least one API scope'},
		});
		const chosen = keys(refused, down, space);
		expect(formOf(chosen).errors.Scopes).toBeUndefined();
		expect(formOf(keys(chosen, enter))).toMatchObject({step: 'review', field: 'Submit'});
	});
});

describe('the create wizard: review and create', () => {
	const ready = () => keys(onScopeStep(), down, space, enter);

	it('sends with Enter on the review: the status says so, and the input is what was entered', () => {
		const sent = keys(ready(), enter);
		const form = formOf(sent);
		expect(form.status.kind).toBe('submitting');
		expect(formInput(form)).toEqual({
			Name: 'Billing',
			Description: 'For billing',
			ApiVersion: '16',
			PrimaryContact: 'U2',
			DeveloperEmails: [],
			Scopes: ['invoices.invoices.get', 'invoices.payments.get'],
		});
	});

	it('does not send an e-mail typed but never added: it says so beside the e-mail field', () => {
		const state = keys(ready(), esc, esc, tab, 'late@acme.example', {type: 'form/finish'});
		const form = formOf(state);
		expect(form.status.kind).toBe('editing');
		expect(form).toMatchObject({step: 'contact', field: 'DeveloperEmails'});
		expect(form.errors.DeveloperEmails).toContain('"late@acme.example" is not in the list yet');
	});

	it('with Ctrl+S goes to the first field to fix, or to the review', () => {
		const refused = keys(withWizard(), {type: 'form/finish'});
		expect(formOf(refused)).toMatchObject({step: 'setup', field: 'Name'});
		expect(formOf(refused).errors).toEqual({
			Name: 'Token name is required',
			Scopes: 'Select at least one API scope',
		});
		expect(formOf(keys(ready(), esc, esc, {type: 'form/finish'})).step).toBe('review');
	});

	it('puts a server 400 beside the field it names, on its step', () => {
		const sent = keys(ready(), enter);
		const refused = run(sent, {
			type: 'form/rejected',
			formId: 'f1',
			field: 'Name',
			message: 'Token name is taken',
		});
		expect(formOf(refused)).toMatchObject({
			status: {kind: 'editing'},
			step: 'setup',
			field: 'Name',
			errors: {Name: 'Token name is taken'},
		});
	});

	it('shows a refusal naming no field on the review, to try again', () => {
		const sent = keys(ready(), enter);
		const refused = run(sent, {type: 'form/rejected', formId: 'f1', message: 'HTTP 503: try later'});
		expect(formOf(refused)).toMatchObject({
			status: {kind: 'editing'},
			step: 'review',
			notice: 'HTTP 503: try later',
		});
		expect(formOf(keys(refused, enter)).status.kind).toBe('submitting');
	});

	it('ignores an answer meant for another form', () => {
		const sent = keys(ready(), enter);
		expect(run(sent, {type: 'form/rejected', formId: 'other', message: 'no'})).toBe(sent);
	});

	it('ignores typing while the server works, and Esc leaves', () => {
		const sent = keys(ready(), enter);
		expect(keys(sent, 'x', enter)).toBe(sent);
		expect(run(sent, esc).overlay).toBeNull();
	});
});

describe('the create wizard: a step is left only when all of it is valid', () => {
	it('goes back to a field Tab skipped when Enter on the last field would leave the step', () => {
		const state = keys(withWizard(), tab, tab, enter);
		expect(formOf(state)).toMatchObject({
			step: 'setup',
			field: 'Name',
			errors: {Name: 'Token name is required'},
		});
	});
});
