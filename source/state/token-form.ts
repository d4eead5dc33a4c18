/**
 * The create wizard and the edit form: one model, two modes. A form is an
 * overlay of the app's state ({kind: 'form'}), changed only by form actions
 * (form-reducer.ts), so every key is applied to what the previous key left.
 */
import type {AccessToken, TokenEdit, TokenInput, User} from '../domain/token.js';
import {latestVersion} from '../domain/validation.js';
import type {Catalogues} from './types.js';

export type FormMode = 'create' | 'edit';

export type FormStep = 'setup' | 'contact' | 'scopes' | 'review';

export const formSteps: readonly FormStep[] = ['setup', 'contact', 'scopes', 'review'];

/** A field of the form, named as the API names it, so a server 400 lands on it; `Submit` is the last step's button. */
export type FormField = keyof TokenInput | 'Submit';

/** The fields of each step, in focus order. The API version changes only through Upgrade once a token exists. */
export function stepFields(mode: FormMode, step: FormStep): readonly FormField[] {
	switch (step) {
		case 'setup': {
			return mode === 'create' ? ['Name', 'Description', 'ApiVersion'] : ['Name', 'Description'];
		}

		case 'contact': {
			return ['PrimaryContact', 'DeveloperEmails'];
		}

		case 'scopes': {
			return ['Scopes'];
		}

		case 'review': {
			return ['Submit'];
		}
	}
}

/** The step a field is on. */
export function stepOf(field: FormField): FormStep {
	switch (field) {
		case 'Name':
		case 'Description':
		case 'ApiVersion': {
			return 'setup';
		}

		case 'PrimaryContact':
		case 'DeveloperEmails': {
			return 'contact';
		}

		case 'Scopes': {
			return 'scopes';
		}

		case 'Submit': {
			return 'review';
		}
	}
}

/** Where the form is in its life: filling in, asking before throwing input away, waiting for the server, or a 412 to settle. */
export type FormStatus =
	| {readonly kind: 'editing'}
	/** "Discard …? y/n", before closing (Esc) or quitting (Ctrl+C) with unsaved input. */
	| {readonly kind: 'asking'; readonly purpose: 'close' | 'quit'}
	| {readonly kind: 'submitting'}
	/** The token changed on the server since the form opened: `server` is its copy now. */
	| {readonly kind: 'conflict'; readonly server: AccessToken};

export type TokenForm = {
	/** Which form this is: answers from the server for an earlier form are ignored. */
	readonly id: string;
	readonly mode: FormMode;
	/** The token being edited; null while creating. */
	readonly tokenId: string | null;
	/** The token's `Version` the edit is based on, sent as `If-Match`; 0 while creating. */
	readonly version: number;
	/** The token as the edit form opened it (or as a 412 rebased it); null while creating. */
	readonly base: AccessToken | null;
	/** The values the form opened with (edit: the token's): the form is dirty when `draft` differs. */
	readonly initial: TokenInput;
	readonly draft: TokenInput;
	/** The signed-in operator's user Id: first among the contacts, marked "you". */
	readonly operatorId: string | null;
	readonly step: FormStep;
	readonly field: FormField;
	/** The cursor in the focused text field (Name, Description, or the e-mail being added). */
	readonly cursor: number;
	/** The developer e-mail being typed, not yet in the list. */
	readonly emailEntry: string;
	/** In the e-mail list: -1 is the line that adds one; 0… a listed address (Delete removes it). */
	readonly emailIndex: number;
	/** The scope tree's cursor row and its open categories. */
	readonly scopeRow: number;
	readonly openCategories: ReadonlySet<string>;
	/** Why a field is wrong, shown beside it; Enter does not advance past a field with one. */
	readonly errors: Partial<Record<FormField, string>>;
	/** A failure no field explains (the network, the server, a role): shown above the keys. */
	readonly notice: string | null;
	readonly status: FormStatus;
};

/** The contacts in the order the picker shows them: the operator first, then the account's order. */
export function contactChoices(users: readonly User[], operatorId: string | null): User[] {
	const own = users.filter((user) => user.Id === operatorId);
	return [...own, ...users.filter((user) => user.Id !== operatorId)];
}

/** The API versions in the order the picker shows them: newest first. */
export function versionChoices(catalogues: Catalogues): string[] {
	return [...catalogues.versions]
		.map((version) => version.Version)
		.sort((a, b) => Number(b) - Number(a) || b.localeCompare(a, 'en', {numeric: true}));
}

/** A fresh wizard: the latest API version and the operator as contact are chosen already. */
export function createForm(id: string, catalogues: Catalogues, operatorId: string | null): TokenForm {
	const initial: TokenInput = {
		Name: '',
		Description: '',
		ApiVersion: latestVersion(catalogues.versions) ?? '',
		PrimaryContact: contactChoices(catalogues.users, operatorId)[0]?.Id ?? '',
		DeveloperEmails: [],
		Scopes: [],
	};
	return blankForm(id, 'create', null, initial, operatorId);
}

/** The edit form of a token: its values, to be changed and saved with `If-Match: <Version>`. */
export function editForm(id: string, token: AccessToken, operatorId: string | null): TokenForm {
	return blankForm(id, 'edit', token, tokenValues(token), operatorId);
}

function blankForm(
	id: string,
	mode: FormMode,
	base: AccessToken | null,
	initial: TokenInput,
	operatorId: string | null,
): TokenForm {
	return {
		id,
		mode,
		tokenId: base?.Id ?? null,
		version: base?.Version ?? 0,
		base,
		initial,
		draft: initial,
		operatorId,
		step: 'setup',
		field: 'Name',
		cursor: initial.Name.length,
		emailEntry: '',
		emailIndex: -1,
		scopeRow: 0,
		openCategories: new Set(),
		errors: {},
		notice: null,
		status: {kind: 'editing'},
	};
}

/** The editable values of a token, as the form holds them. */
export function tokenValues(token: AccessToken): TokenInput {
	return {
		Name: token.Name,
		Description: token.Description,
		ApiVersion: token.ApiVersion,
		PrimaryContact: token.PrimaryContact,
		DeveloperEmails: [...token.DeveloperEmails],
		Scopes: [...token.Scopes],
	};
}

const editableFields = ['Name', 'Description', 'PrimaryContact', 'DeveloperEmails', 'Scopes'] as const;

export type EditableField = (typeof editableFields)[number];

/** The fields of a token's input, in form order. */
export const inputFields: ReadonlyArray<keyof TokenInput> = [
	'Name',
	'Description',
	'ApiVersion',
	'PrimaryContact',
	'DeveloperEmails',
	'Scopes',
];

/** Whether two values of a field are the same; scopes are a set, e-mails a list. */
export function sameValue(field: keyof TokenInput, a: TokenInput, b: TokenInput): boolean {
	if (field === 'Scopes') {
		const left = new Set(a.Scopes);
		return left.size === new Set(b.Scopes).size && b.Scopes.every((scope) => left.has(scope));
	}

	if (field === 'DeveloperEmails') {
		return (
			a.DeveloperEmails.length === b.DeveloperEmails.length &&
			a.DeveloperEmails.every((email, index) => email === b.DeveloperEmails[index])
		);
	}

	return a[field] === b[field];
}

/** The fields the operator changed, in form order. */
export function changedFields(form: TokenForm): Array<keyof TokenInput> {
	return inputFields.filter((field) => !sameValue(field, form.draft, form.initial));
}

/** Whether leaving would throw away something the operator typed or chose. */
export function isDirty(form: TokenForm): boolean {
	return form.emailEntry.trim() !== '' || changedFields(form).length > 0;
}

/** What create sends: the draft, the name trimmed as the server stores it. */
export function formInput(form: TokenForm): TokenInput {
	return {...form.draft, Name: form.draft.Name.trim()};
}

/**
 * What an edit sends: the operator's changes over the values the form is
 * based on. Unchanged fields go back exactly as the server sent them (the
 * scopes in its order), so the server records only what the operator changed.
 */
export function formEdit(form: TokenForm): TokenEdit {
	const edit: TokenEdit = {
		Name: form.initial.Name,
		Description: form.initial.Description,
		PrimaryContact: form.initial.PrimaryContact,
		DeveloperEmails: form.initial.DeveloperEmails,
		Scopes: form.initial.Scopes,
	};
	for (const field of editableFields) {
		if (!sameValue(field, form.draft, form.initial)) Object.assign(edit, {[field]: form.draft[field]});
	}

	return {...edit, Name: edit.Name.trim()};
}

/** What a 412 can show as changed on the server: the editable fields, and what only actions change. */
export type ConflictField = keyof TokenInput | 'State' | 'AuthTokenHint';

const conflictFields: readonly ConflictField[] = [
	'Name',
	'Description',
	'ApiVersion',
	'State',
	'PrimaryContact',
	'DeveloperEmails',
	'Scopes',
	'AuthTokenHint',
];

/** One field the server changed since the form opened; `mine`: the operator changed it too. */
export type ConflictLine = {readonly field: ConflictField; readonly mine: boolean};

/** Field by field, what changed on the server since the form opened (`form.base`) and whether the operator changed it too. */
export function conflictLines(form: TokenForm, server: AccessToken): ConflictLine[] {
	const {base} = form;
	if (!base) return [];
	const before = tokenValues(base);
	const now = tokenValues(server);
	return conflictFields.flatMap((field): ConflictLine[] => {
		const changed =
			field === 'State' || field === 'AuthTokenHint'
				? base[field] !== server[field]
				: !sameValue(field, before, now);
		if (!changed) return [];
		const mine =
			field !== 'State' && field !== 'AuthTokenHint' && !sameValue(field, form.draft, form.initial);
		return [{field, mine}];
	});
}

/**
 * After a 412, the form is based on the server's copy: the operator's changes
 * stay, every other field takes the server's value, and the next save sends
 * the server's `Version`.
 */
export function rebase(form: TokenForm, server: AccessToken): TokenForm {
	const initial = tokenValues(server);
	const draft = {...initial};
	for (const field of editableFields) {
		if (!sameValue(field, form.draft, form.initial)) Object.assign(draft, {[field]: form.draft[field]});
	}

	return {...form, base: server, initial, draft, version: server.Version};
}
