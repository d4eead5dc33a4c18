/**
 * What keys and answers from the server do to an open create or edit form.
 * Keys say what they mean ("accept", "move"); the form reducer knows what
 * that is for the focused field.
 */
import type {AccessToken} from '../domain/token.js';
import type {TextEditKind} from './text-edit.js';

export type FormAction =
	/** Printable text at the cursor of the focused text field (typed or pasted). */
	| {type: 'form/type'; text: string}
	/** Cursor movement and deletion in the focused text field; on a listed e-mail, deleting removes it. */
	| {type: 'form/edit'; edit: TextEditKind}
	/** Up/down in a picker, the e-mail list or the scope tree; between fields in text fields. */
	| {type: 'form/move'; delta: number}
	/** Enter: check the field, then go to the next field, the next step, or send. */
	| {type: 'form/accept'}
	/** Tab (1) and Shift+Tab (-1): the next or previous field of the step, without checking. */
	| {type: 'form/focus'; direction: 1 | -1}
	/** Esc: back a step; on the first, close (asking first when something was typed). */
	| {type: 'form/back'}
	/** Space in the scope tree: the category's scopes, or one scope. */
	| {type: 'form/toggle'}
	/** Right / Left in the scope tree: open or close the category. */
	| {type: 'form/expand'; open: boolean}
	/** `a` in the scope tree: no scope chosen. */
	| {type: 'form/clearScopes'}
	/** Ask before throwing away the input: to close the form, or to quit the app. */
	| {type: 'form/ask'; purpose: 'close' | 'quit'}
	/** The answer to the question: discard the input, or keep editing. */
	| {type: 'form/answer'; discard: boolean}
	/** Ctrl+S: check every field; an edit is then sent, a new token goes to its review. */
	| {type: 'form/finish'}
	/**
	 * The server refused what form `formId` sent. `field` (as the API names
	 * it) puts the message beside that field; without one it shows above the keys.
	 */
	| {type: 'form/rejected'; formId: string; message: string; field?: string}
	/** A 412: the token changed on the server since the form opened; `server` is its copy now. */
	| {type: 'form/conflict'; formId: string; server: AccessToken}
	/** After a 412: the operator's changes over the server's copy, sent again with its version. */
	| {type: 'form/reapply'}
	/** After a 412: forget the operator's changes; the token's details show the server's copy. */
	| {type: 'form/discard'};
