/**
 * The tour's check interpreter: whether a step's condition holds in the app's
 * state. Pure: the runtime (controller.ts) supplies what the state cannot say,
 * the token list when the step began and what the server answered.
 */
import {foldName, isUnfiltered} from '../../domain/filters.js';
import type {AccessToken, Credentials} from '../../domain/token.js';
import {selectPendingByToken, selectPendingFor, type AppState} from '../../state/index.js';
import type {Check} from './schema.js';

/** What the server said about the revealed credentials, for this step; `unknown` until asked. */
export type SecretVerdict = 'accepted' | 'rejected' | 'unknown';

export type CheckContext = {
	readonly state: AppState;
	/** The token Ids when the step began; null until the list has loaded. */
	readonly baseline: ReadonlySet<string> | null;
	/** The tour's token (found by an earlier `tokenAdded`), by Id. */
	readonly tourTokenId: string | null;
	/** The tour's token as it was when the step began. */
	readonly tourTokenAtStart: AccessToken | null;
	/** Whether the tour holds revealed credentials to try. */
	readonly haveSecret: boolean;
	readonly secret: SecretVerdict;
};

export type CheckResult =
	| {readonly status: 'pass'; readonly tourTokenId?: string}
	/** Not yet. */
	| {readonly status: 'wait'}
	/** Everything the app's state can tell holds; the server must be asked about the revealed credentials. */
	| {readonly status: 'ask'};

const wait: CheckResult = {status: 'wait'};

/** Evaluates a step's check: every condition it names must hold. */
export function evaluateCheck(check: Check, context: CheckContext): CheckResult {
	const {state} = context;
	if (check.filterName !== undefined && !foldName(state.filters.name).includes(foldName(check.filterName)))
		return wait;
	if (check.mode !== undefined && state.mode !== check.mode) return wait;
	if (check.createdOn !== undefined && state.filters.createdOn !== check.createdOn) return wait;
	if (check.stateFilter !== undefined && state.filters.state !== check.stateFilter) return wait;
	if (check.noFilters && !isUnfiltered(state.filters)) return wait;
	if (check.overlay !== undefined && (state.overlay?.kind ?? 'none') !== check.overlay) return wait;
	if (check.onTourToken && !overlayConcerns(state, context.tourTokenId)) return wait;
	if (check.revealed && !revealedCredentials(state)) return wait;
	if (check.tourTokenState !== undefined && savedTourToken(context)?.State !== check.tourTokenState)
		return wait;
	if (check.tourTokenChanged !== undefined) {
		const token = savedTourToken(context);
		const before = context.tourTokenAtStart;
		const field = check.tourTokenChanged;
		if (!token || !before || JSON.stringify(token[field]) === JSON.stringify(before[field])) return wait;
	}

	if (check.tourTokenGone && !tourTokenGone(context)) return wait;
	let added: string | undefined;
	if (check.tokenAdded !== undefined) {
		added = addedToken(context, check.tokenAdded);
		if (added === undefined) return wait;
	}

	if (check.revealedSecret !== undefined && context.secret !== check.revealedSecret)
		return context.haveSecret ? {status: 'ask'} : wait;
	return added === undefined ? {status: 'pass'} : {status: 'pass', tourTokenId: added};
}

/** The credentials the open details pane shows in full, if it shows them. */
export function revealedCredentials(state: AppState): Credentials | undefined {
	return state.overlay?.kind === 'details' ? state.overlay.revealed?.readWrite : undefined;
}

/** Whether a token has an optimistic change the server has not answered yet. */
function isPending(state: AppState, tokenId: string): boolean {
	return selectPendingFor(state, tokenId) !== undefined;
}

/** The tour's token as the server last confirmed it; undefined while a change to it is pending. */
function savedTourToken(context: CheckContext): AccessToken | undefined {
	const id = context.tourTokenId;
	if (id === null || isPending(context.state, id)) return undefined;
	return context.state.tokens.byId.get(id)?.token;
}

function tourTokenGone(context: CheckContext): boolean {
	const id = context.tourTokenId;
	return id !== null && !context.state.tokens.byId.has(id) && !isPending(context.state, id);
}

/** Whether the open overlay is about the token: its details, a confirmation or choice naming it, its new credentials. */
function overlayConcerns(state: AppState, tokenId: string | null): boolean {
	if (tokenId === null) return false;
	const {overlay} = state;
	switch (overlay?.kind) {
		case 'details': {
			return overlay.tokenId === tokenId;
		}

		case 'confirm': {
			return overlay.request.tokenIds.includes(tokenId);
		}

		case 'choose': {
			return overlay.request.purpose.tokenIds.includes(tokenId);
		}

		case 'secrets': {
			const sid = state.tokens.byId.get(tokenId)?.token.AccountSid;
			return sid !== undefined && overlay.secrets.some((secret) => secret.credentials.AccountSid === sid);
		}

		default: {
			return false;
		}
	}
}

type AddedEntry = {
	rows: AppState['tokens']['rows'];
	pending: AppState['pending'];
	baseline: ReadonlySet<string>;
	text: string;
	found: string | undefined;
};
let lastAdded: AddedEntry | undefined;

/**
 * The Id of a token that arrived since the step began, saved by the server,
 * whose name contains `text`; the newest when there are several. Memoised on
 * the collection: a cursor key does not scan 100,000 rows again.
 */
function addedToken(context: CheckContext, text: string): string | undefined {
	const {baseline, state} = context;
	if (baseline === null) return undefined;
	const {rows} = state.tokens;
	const cached = lastAdded;
	if (
		cached?.rows === rows &&
		cached.pending === state.pending &&
		cached.baseline === baseline &&
		cached.text === text
	)
		return cached.found;
	const query = foldName(text);
	const pending = selectPendingByToken(state);
	let found: AccessToken | undefined;
	for (const row of rows) {
		const {token} = row;
		if (baseline.has(token.Id) || !foldName(token.Name).includes(query) || pending.has(token.Id)) continue;
		if (!found || token.CreatedAt > found.CreatedAt) found = token;
	}

	lastAdded = {rows, pending: state.pending, baseline, text, found: found?.Id};
	return found?.Id;
}
