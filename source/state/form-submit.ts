/** Sending a form: every field checked first, then the server's refusals put back on the fields they name. */
import {editing, enterStep, focus} from './form-focus.js';
import {allErrors, withError} from './form-validation.js';
import {formSteps, isDirty, stepFields, type FormField, type TokenForm} from './token-form.js';
import type {Catalogues} from './types.js';

/** Shows every error and goes to the first; null when there is none. */
export function withAllErrors(form: TokenForm, catalogues: Catalogues): TokenForm | null {
	const errors = allErrors(form, catalogues);
	if (errors.length === 0) return null;
	const next = {...form, errors: Object.fromEntries(errors.map((error) => [error.field, error.message]))};
	return focus(next, errors[0]!.field);
}

/** Ctrl+S while creating: to the review, unless a field needs fixing first. */
export function review(form: TokenForm, catalogues: Catalogues): TokenForm {
	return withAllErrors(form, catalogues) ?? enterStep({...form, errors: {}}, 'review');
}

/** Create or save: every field must be valid; the effect sends the form once its status is `submitting`. */
export function submit(form: TokenForm, catalogues: Catalogues): TokenForm | null {
	// An edit that changes nothing has nothing to send.
	if (form.mode === 'edit' && !isDirty(form)) return null;
	const invalid = withAllErrors(form, catalogues);
	if (invalid) return invalid;
	return {...form, errors: {}, notice: null, status: {kind: 'submitting'}};
}

/** The server said no: beside the field it names, else above the keys of the review step. */
export function rejected(form: TokenForm, message: string, field: string | undefined): TokenForm {
	const known: readonly FormField[] = formSteps.flatMap((step) => stepFields(form.mode, step));
	const back = editing(form);
	if (field !== undefined && known.includes(field as FormField)) {
		return focus(
			{...back, errors: withError(back.errors, field as FormField, message), notice: null},
			field as FormField,
		);
	}

	return enterStep({...back, notice: message}, 'review');
}
