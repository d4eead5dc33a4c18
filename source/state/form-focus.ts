/** Where the form's focus goes: a field, a step, back to editing. */
import {scopeTreeRows} from './scope-tree.js';
import {stepFields, stepOf, type FormField, type FormStep, type TokenForm} from './token-form.js';
import type {Catalogues} from './types.js';

/** Back to filling in, after a question, a send or a conflict. */
export function editing(form: TokenForm): TokenForm {
	return {...form, status: {kind: 'editing'}};
}

/** The scope tree's rows as the form shows them now. */
export function treeRows(form: TokenForm, catalogues: Catalogues) {
	return scopeTreeRows(catalogues.categories, form.openCategories, form.draft.Scopes);
}

/** Focus a field: text fields put the cursor at the end of their text. */
export function focus(form: TokenForm, field: FormField): TokenForm {
	const step = stepOf(field);
	const cursor =
		field === 'Name' || field === 'Description'
			? form.draft[field].length
			: field === 'DeveloperEmails'
				? form.emailEntry.length
				: 0;
	return {...form, step, field, cursor, emailIndex: field === 'DeveloperEmails' ? -1 : form.emailIndex};
}

/** The first field of `step`; a notice (a failure to send) stays only on the review it belongs to. */
export function enterStep(form: TokenForm, step: FormStep): TokenForm {
	return focus({...form, notice: step === 'review' ? form.notice : null}, stepFields(form.mode, step)[0]!);
}
