import {describe, expect, it} from 'vitest';
import {conflictLines, formEdit, isDirty} from '../../source/state/token-form.js';
import {run} from './fixtures.js';
import {edited, enter, esc, formOf, keys, space, tab, withEditForm} from './wizard-fixtures.js';

const finish = {type: 'form/finish'} as const;

/** The edit form with the description changed to "Hourly". */
function withNewDescription() {
	return keys(withEditForm(), tab, {type: 'form/edit', edit: 'clearBefore'}, 'Hourly');
}

describe('the edit form', () => {
	it("opens on the token name with the token's values, and no API version field", () => {
		const form = formOf(withEditForm());
		expect(form).toMatchObject({mode: 'edit', tokenId: 'tok-edit', version: 4, step: 'setup', field: 'Name'});
		expect(form.draft).toMatchObject({Name: 'Billing sync', Description: 'Nightly', ApiVersion: '15'});
		expect(formOf(keys(withEditForm(), tab, tab)).field).toBe('Name');
		expect(isDirty(form)).toBe(false);
	});

	it("closes to the token's details on Esc when nothing changed", () => {
		expect(run(withEditForm(), esc).overlay).toEqual({kind: 'details', tokenId: 'tok-edit'});
	});

	it('asks before dropping a change, and goes back to the details on y', () => {
		const asking = keys(withNewDescription(), esc);
		expect(formOf(asking).status).toEqual({kind: 'asking', purpose: 'close'});
		expect(run(asking, {type: 'form/answer', discard: true}).overlay).toEqual({
			kind: 'details',
			tokenId: 'tok-edit',
		});
	});

	it('saves with Ctrl+S from any step, sending the change and the rest exactly as the server has it', () => {
		const sent = keys(withNewDescription(), finish);
		const form = formOf(sent);
		expect(form.status.kind).toBe('submitting');
		expect(formEdit(form)).toEqual({
			Name: 'Billing sync',
			Description: 'Hourly',
			PrimaryContact: 'U1',
			DeveloperEmails: ['dev@example.com'],
			// In the server's order, not the catalogue's: unchanged.
			Scopes: ['invoices.payments.get', 'invoices.invoices.get'],
		});
	});

	it('has nothing to send when nothing changed: saving goes back to the details', () => {
		expect(run(withEditForm(), finish).overlay).toEqual({kind: 'details', tokenId: 'tok-edit'});
		// Changed and changed back is no change either.
		const same = keys(withEditForm(), tab, {type: 'form/edit', edit: 'clearBefore'}, 'Nightly', finish);
		expect(same.overlay).toEqual({kind: 'details', tokenId: 'tok-edit'});
	});

	it('refuses to save an invalid field, going to it', () => {
		const state = keys(withEditForm(), {type: 'form/edit', edit: 'clearBefore'}, tab, finish);
		expect(formOf(state)).toMatchObject({
			field: 'Name',
			status: {kind: 'editing'},
			errors: {Name: 'Token name is required'},
		});
	});

	it('reaches the review step with Enter and saves there', () => {
		const onScopes = keys(withNewDescription(), enter, enter, enter);
		expect(formOf(onScopes).step).toBe('scopes');
		// Removing every scope is refused.
		const none = keys(onScopes, {type: 'form/move', delta: 1}, space, enter);
		expect(formOf(none).errors.Scopes).toBe('Select at least one API scope');
		const review = keys(onScopes, enter);
		expect(formOf(review).step).toBe('review');
		expect(formOf(keys(review, enter)).status.kind).toBe('submitting');
	});
});

describe('the edit form after a 412', () => {
	const server = {
		...edited,
		Name: 'Billing sync (renamed)',
		State: 'Disabled' as const,
		Description: 'Weekly',
		Version: 6,
	};
	const conflicted = () =>
		run(keys(withNewDescription(), finish), {type: 'form/conflict', formId: 'f2', server});

	it('shows what changed on the server, field by field, and which the operator changed too', () => {
		const form = formOf(conflicted());
		expect(form.status).toEqual({kind: 'conflict', server});
		expect(conflictLines(form, server)).toEqual([
			{field: 'Name', mine: false},
			{field: 'Description', mine: true},
			{field: 'State', mine: false},
		]);
	});

	it("reapplies the operator's changes over the server's copy, with the server's version", () => {
		const form = formOf(run(conflicted(), {type: 'form/reapply'}));
		expect(form).toMatchObject({status: {kind: 'submitting'}, version: 6});
		expect(formEdit(form)).toMatchObject({Name: 'Billing sync (renamed)', Description: 'Hourly'});
	});

	it("discards the operator's changes: the details show the server's copy", () => {
		expect(run(conflicted(), {type: 'form/discard'}).overlay).toEqual({kind: 'details', tokenId: 'tok-edit'});
	});

	it("keeps editing on Esc, on top of the server's copy, without sending", () => {
		const form = formOf(run(conflicted(), esc));
		expect(form).toMatchObject({status: {kind: 'editing'}, version: 6});
		expect(form.draft).toMatchObject({Name: 'Billing sync (renamed)', Description: 'Hourly'});
	});

	it('ignores a 412 for a form that is not waiting for one', () => {
		const state = withNewDescription();
		expect(run(state, {type: 'form/conflict', formId: 'f2', server})).toBe(state);
	});
});
