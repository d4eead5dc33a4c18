/**
 * What is wrong with a form's fields, in the words the server would use
 * (domain/validation.ts), so the form and the server never disagree.
 */
import {
	validateDescription,
	validateEmails,
	validateName,
	validatePrimaryContact,
	validateScopes,
	validateTokenInput,
} from '../domain/validation.js';
import {formInput, inputFields, type FormField, type TokenForm} from './token-form.js';
import type {Catalogues} from './types.js';

/** Why a field's value cannot be sent, in the words the server would use. */
export function fieldError(form: TokenForm, field: FormField, catalogues: Catalogues): string | undefined {
	const {draft} = form;
	switch (field) {
		case 'Name': {
			return validateName(draft.Name);
		}

		case 'Description': {
			return validateDescription(draft.Description);
		}

		case 'PrimaryContact': {
			return validatePrimaryContact(draft.PrimaryContact, catalogues.users);
		}

		case 'DeveloperEmails': {
			if (form.emailEntry.trim() !== '') {
				return `Developer e-mail "${form.emailEntry.trim()}" is not in the list yet: press Enter on it to add it, or clear it`;
			}

			return validateEmails(draft.DeveloperEmails);
		}

		case 'Scopes': {
			return validateScopes(draft.Scopes, catalogues.categories);
		}

		case 'ApiVersion':
		case 'Submit': {
			return undefined;
		}
	}
}

export function withError(
	errors: TokenForm['errors'],
	field: FormField,
	message: string | undefined,
): TokenForm['errors'] {
	if (errors[field] === message) return errors;
	const next = {...errors};
	if (message === undefined) delete next[field];
	else next[field] = message;
	return next;
}

/** A field showing an error is checked again as it changes, so the message goes as soon as it is fixed. */
export function revalidate(form: TokenForm, field: FormField, catalogues: Catalogues): TokenForm {
	if (form.errors[field] === undefined) return form;
	return {...form, errors: withError(form.errors, field, fieldError(form, field, catalogues))};
}

export function revalidateText(form: TokenForm, field: 'Name' | 'Description'): TokenForm {
	if (form.errors[field] === undefined) return form;
	const error =
		field === 'Name' ? validateName(form.draft.Name) : validateDescription(form.draft.Description);
	return {...form, errors: withError(form.errors, field, error)};
}

/** Every field checked at once: the errors, first field first. */
export function allErrors(
	form: TokenForm,
	catalogues: Catalogues,
): Array<{field: FormField; message: string}> {
	const fromDomain = validateTokenInput(formInput(form), catalogues).filter(
		// An edit cannot change the version, so an old one the catalogue no longer lists is no error of the operator's.
		(error) => form.mode === 'create' || error.field !== 'ApiVersion',
	);
	const entry = fieldError(form, 'DeveloperEmails', catalogues);
	const errors: Array<{field: FormField; message: string}> = fromDomain.filter(
		(error) => error.field !== 'DeveloperEmails',
	);
	if (entry) errors.push({field: 'DeveloperEmails', message: entry});
	const order: readonly FormField[] = inputFields;
	return errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}
