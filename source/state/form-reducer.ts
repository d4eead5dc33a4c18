/**
 * The create wizard and the edit form, reduced. Pure: each key is applied to
 * the form the previous key left, so a burst of keys (a paste, tmux, a slow
 * link) lands exactly as typed.
 */
import {validateEmail, validateEmails} from '../domain/validation.js';
import type {Action} from './actions.js';
import type {FormAction} from './form-actions.js';
import {editing, enterStep, focus, treeRows} from './form-focus.js';
import {rejected, review, submit} from './form-submit.js';
import {fieldError, revalidate, revalidateText, withError} from './form-validation.js';
import {toggleScopes} from './scope-tree.js';
import {editText, insertText, type TextValue} from './text-edit.js';
import {
	contactChoices,
	formSteps,
	isDirty,
	rebase,
	stepFields,
	versionChoices,
	type TokenForm,
} from './token-form.js';
import type {Catalogues, Overlay} from './types.js';

/** The overlay after a form action: the form changed, or closed (create: to the list; edit: to the token's details). */
export function reduceFormOverlay(overlay: Overlay, action: Action, catalogues: Catalogues | null): Overlay {
	if (overlay?.kind !== 'form' || !action.type.startsWith('form/') || !catalogues) return overlay;
	const next = reduceTokenForm(overlay.form, action as FormAction, catalogues);
	if (next === overlay.form) return overlay;
	if (next === null) return closedForm(overlay.form);
	return {kind: 'form', form: next};
}

/** Where closing a form leads: an edit back to the token's details, a new token back to the list. */
export function closedForm(form: TokenForm): Overlay {
	return form.mode === 'edit' && form.tokenId !== null ? {kind: 'details', tokenId: form.tokenId} : null;
}

/** One form action; null when the form closes. Unchanged (the same object) when the action does nothing. */
export function reduceTokenForm(
	form: TokenForm,
	action: FormAction,
	catalogues: Catalogues,
): TokenForm | null {
	switch (action.type) {
		case 'form/rejected': {
			return action.formId === form.id ? rejected(form, action.message, action.field) : form;
		}

		case 'form/conflict': {
			return action.formId === form.id && form.status.kind === 'submitting'
				? {...form, status: {kind: 'conflict', server: action.server}}
				: form;
		}

		default: {
			break;
		}
	}

	switch (form.status.kind) {
		case 'asking': {
			if (action.type === 'form/answer') return action.discard ? null : editing(form);
			if (action.type === 'form/back') return editing(form);
			return form;
		}

		case 'conflict': {
			const {server} = form.status;
			if (action.type === 'form/reapply')
				return {...rebase(form, server), status: {kind: 'submitting'}, notice: null};
			if (action.type === 'form/discard') return null;
			// Esc: keep editing, on top of what the server holds now.
			if (action.type === 'form/back') return editing(rebase(form, server));
			return form;
		}

		case 'submitting': {
			// Leaving while the server works: its answer still arrives, as a message.
			return action.type === 'form/back' ? null : form;
		}

		case 'editing': {
			return reduceEditing(form, action, catalogues);
		}
	}
}

function reduceEditing(form: TokenForm, action: FormAction, catalogues: Catalogues): TokenForm | null {
	switch (action.type) {
		case 'form/type': {
			return typeText(form, action.text);
		}

		case 'form/edit': {
			if (form.field === 'DeveloperEmails' && form.emailIndex >= 0) {
				return action.edit === 'backspace' || action.edit === 'delete' ? removeEmail(form, catalogues) : form;
			}

			return editField(form, catalogues, (value) => editText(value, action.edit));
		}

		case 'form/move': {
			return move(form, action.delta, catalogues);
		}

		case 'form/accept': {
			return accept(form, catalogues);
		}

		case 'form/focus': {
			const fields = stepFields(form.mode, form.step);
			const index = fields.indexOf(form.field);
			return focus(form, fields[(index + action.direction + fields.length) % fields.length]!);
		}

		case 'form/back': {
			const index = formSteps.indexOf(form.step);
			if (index > 0) return enterStep(form, formSteps[index - 1]!);
			return isDirty(form) ? {...form, status: {kind: 'asking', purpose: 'close'}} : null;
		}

		case 'form/ask': {
			return {...form, status: {kind: 'asking', purpose: action.purpose}};
		}

		case 'form/toggle': {
			if (form.field !== 'Scopes') return form;
			const row = treeRows(form, catalogues)[form.scopeRow];
			if (!row) return form;
			return revalidate(
				{
					...form,
					draft: {...form.draft, Scopes: toggleScopes(catalogues.categories, form.draft.Scopes, row)},
				},
				'Scopes',
				catalogues,
			);
		}

		case 'form/expand': {
			return expand(form, action.open, catalogues);
		}

		case 'form/clearScopes': {
			if (form.field !== 'Scopes' || form.draft.Scopes.length === 0) return form;
			return {...form, draft: {...form.draft, Scopes: []}};
		}

		case 'form/finish': {
			return form.mode === 'edit' ? submit(form, catalogues) : review(form, catalogues);
		}

		default: {
			return form;
		}
	}
}

/** The focused text field's value and cursor, if the focus is on one. */
function textOf(form: TokenForm): TextValue | undefined {
	if (form.field === 'Name' || form.field === 'Description')
		return {text: form.draft[form.field], cursor: form.cursor};
	if (form.field === 'DeveloperEmails' && form.emailIndex < 0)
		return {text: form.emailEntry, cursor: form.cursor};
	return undefined;
}

function editField(
	form: TokenForm,
	catalogues: Catalogues,
	change: (value: TextValue) => TextValue,
): TokenForm {
	const value = textOf(form);
	if (!value) return form;
	const next = change(value);
	if (next.text === value.text && next.cursor === value.cursor) return form;
	if (form.field === 'DeveloperEmails') {
		const errors =
			next.text === value.text ? form.errors : withError(form.errors, 'DeveloperEmails', undefined);
		return {...form, emailEntry: next.text, cursor: next.cursor, errors};
	}

	const field = form.field as 'Name' | 'Description';
	const changed = {...form, draft: {...form.draft, [field]: next.text}, cursor: next.cursor};
	return next.text === value.text ? changed : revalidate(changed, field, catalogues);
}

function typeText(form: TokenForm, text: string): TokenForm {
	// Typing on a listed e-mail starts a new one.
	const start =
		form.field === 'DeveloperEmails' && form.emailIndex >= 0
			? {...form, emailIndex: -1, cursor: form.emailEntry.length}
			: form;
	const value = textOf(start);
	if (!value) return form;
	const next = insertText(value, text);
	if (next === value) return form;
	if (start.field === 'DeveloperEmails') {
		return {
			...start,
			emailEntry: next.text,
			cursor: next.cursor,
			errors: withError(start.errors, 'DeveloperEmails', undefined),
		};
	}

	const field = start.field as 'Name' | 'Description';
	// The catalogues are not needed to check a name or a description.
	return revalidateText({...start, draft: {...start.draft, [field]: next.text}, cursor: next.cursor}, field);
}

function move(form: TokenForm, delta: number, catalogues: Catalogues): TokenForm {
	const clamp = (index: number, length: number) => Math.max(0, Math.min(length - 1, index));
	switch (form.field) {
		case 'Name':
		case 'Description': {
			// Up and down leave a one-line text field for the field above or below.
			const fields = stepFields(form.mode, form.step);
			const index = clamp(fields.indexOf(form.field) + Math.sign(delta), fields.length);
			return fields[index] === form.field ? form : focus(form, fields[index]!);
		}

		case 'ApiVersion': {
			const choices = versionChoices(catalogues);
			const index = clamp(choices.indexOf(form.draft.ApiVersion) + delta, choices.length);
			const ApiVersion = choices[index];
			return ApiVersion === undefined || ApiVersion === form.draft.ApiVersion
				? form
				: {...form, draft: {...form.draft, ApiVersion}};
		}

		case 'PrimaryContact': {
			const choices = contactChoices(catalogues.users, form.operatorId).map((user) => user.Id);
			const current = choices.indexOf(form.draft.PrimaryContact);
			const index = current < 0 ? 0 : clamp(current + delta, choices.length);
			const PrimaryContact = choices[index];
			if (PrimaryContact === undefined || PrimaryContact === form.draft.PrimaryContact) return form;
			return revalidate({...form, draft: {...form.draft, PrimaryContact}}, 'PrimaryContact', catalogues);
		}

		case 'DeveloperEmails': {
			// The listed addresses, then the line that adds one (position = count).
			const count = form.draft.DeveloperEmails.length;
			const position = form.emailIndex < 0 ? count : form.emailIndex;
			const next = clamp(position + delta, count + 1);
			if (next === position) return form;
			return next === count
				? {...form, emailIndex: -1, cursor: form.emailEntry.length}
				: {...form, emailIndex: next};
		}

		case 'Scopes': {
			const scopeRow = clamp(form.scopeRow + delta, treeRows(form, catalogues).length);
			return scopeRow === form.scopeRow ? form : {...form, scopeRow};
		}

		case 'Submit': {
			return form;
		}
	}
}

function expand(form: TokenForm, open: boolean, catalogues: Catalogues): TokenForm {
	if (form.field !== 'Scopes') return form;
	const rows = treeRows(form, catalogues);
	const row = rows[form.scopeRow];
	if (!row) return form;
	const name = row.category.Name;
	if (open === form.openCategories.has(name)) {
		// Left on a scope: back to its category.
		if (!open && row.kind === 'scope')
			return {
				...form,
				scopeRow: rows.findIndex(
					(candidate) => candidate.kind === 'category' && candidate.category.Name === name,
				),
			};
		return form;
	}

	const openCategories = new Set(form.openCategories);
	if (open) openCategories.add(name);
	else openCategories.delete(name);
	const next = {...form, openCategories};
	const scopeRow = treeRows(next, catalogues).findIndex(
		(candidate) => candidate.kind === 'category' && candidate.category.Name === name,
	);
	return {...next, scopeRow};
}

function removeEmail(form: TokenForm, catalogues: Catalogues): TokenForm {
	const emails = form.draft.DeveloperEmails.filter((_, index) => index !== form.emailIndex);
	const emailIndex = emails.length === 0 ? -1 : Math.min(form.emailIndex, emails.length - 1);
	return revalidate(
		{...form, draft: {...form.draft, DeveloperEmails: emails}, emailIndex, cursor: form.emailEntry.length},
		'DeveloperEmails',
		catalogues,
	);
}

/** Enter: the field must be valid to move on. */
function accept(form: TokenForm, catalogues: Catalogues): TokenForm | null {
	if (form.field === 'Submit') return submit(form, catalogues);
	if (form.field === 'DeveloperEmails') {
		if (form.emailIndex >= 0) return {...form, emailIndex: -1, cursor: form.emailEntry.length};
		if (form.emailEntry.trim() !== '') return addEmail(form);
	}

	const error = fieldError(form, form.field, catalogues);
	if (error) return {...form, errors: withError(form.errors, form.field, error)};
	return advance({...form, errors: withError(form.errors, form.field, undefined)}, catalogues);
}

function addEmail(form: TokenForm): TokenForm {
	const email = form.emailEntry.trim();
	const emails = form.draft.DeveloperEmails;
	const error = emails.some((known) => known.toLowerCase() === email.toLowerCase())
		? `Developer e-mail "${email}" is already in the list`
		: (validateEmail(email) ?? validateEmails([...emails, email]));
	if (error) return {...form, errors: withError(form.errors, 'DeveloperEmails', error)};
	return {
		...form,
		draft: {...form.draft, DeveloperEmails: [...emails, email]},
		emailEntry: '',
		cursor: 0,
		errors: withError(form.errors, 'DeveloperEmails', undefined),
	};
}

/**
 * The next field of the step, else the first of the next step, once every
 * field of this one is valid (Tab may have skipped one): else the first to fix.
 */
function advance(form: TokenForm, catalogues: Catalogues): TokenForm {
	const fields = stepFields(form.mode, form.step);
	const index = fields.indexOf(form.field);
	if (index < fields.length - 1) return focus(form, fields[index + 1]!);
	for (const field of fields) {
		const error = fieldError(form, field, catalogues);
		if (error) return focus({...form, errors: withError(form.errors, field, error)}, field);
	}

	const step = formSteps[formSteps.indexOf(form.step) + 1];
	return step ? enterStep(form, step) : form;
}
