/** What the operator may do, as the keys and the status line need to know it. */
import {managingRoles} from '../domain/token.js';
import type {AppState} from './types.js';

/**
 * Why the app changes nothing, or null when it may: `--readonly`, a server
 * that refused a write with 403, or a role that may only read.
 */
export function selectReadOnly(state: AppState): string | null {
	if (state.connection.readOnlyReason !== null) return state.connection.readOnlyReason;
	const {operator} = state.connection;
	if (operator && !operator.CanWrite) return `your role (${operator.Role}) cannot change tokens`;
	return null;
}

/** Whether the operator may see tokens at all; the other roles get one screen naming those that may. */
export function mayManageTokens(role: string): boolean {
	return (managingRoles as readonly string[]).includes(role) || role === 'Read-Only';
}
