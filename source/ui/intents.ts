import {t} from '../i18n/index.js';
import {compareVersions} from '../domain/validation.js';
import type {AccessToken, ApiCategory} from '../domain/token.js';
import {
	selectCursor,
	selectReadOnly,
	type AppState,
	type ConfirmRequest,
	type Intent,
	type Overlay,
} from '../state/index.js';
import {chosenWriteScopes} from '../state/scope-tree.js';
import {inert} from './text.js';
import type {StoreAccess} from './store.js';

/** The token actions of the keymap that change the server. */
export type TokenActionId = 'duplicate' | 'reset' | 'upgrade' | 'toggleState' | 'delete';

/**
 * What a token action key does before anything is sent: pick its targets (the
 * marked tokens, else the one under the cursor), then either ask (a
 * confirmation, a choice) or, for a harmless action, go ahead.
 */
export function startTokenAction(
	store: StoreAccess,
	action: TokenActionId,
	perform: (intent: Intent) => void,
	{single = false}: {single?: boolean} = {},
): void {
	const state = store.getState();
	const say = (message: string, level: 'info' | 'error' = 'info') => {
		store.dispatch({type: 'flash/show', message, level, at: Date.now()});
	};

	const readOnly = selectReadOnly(state);
	if (readOnly !== null) {
		say(t('intent.readOnly', {reason: readOnly}));
		return;
	}

	// From a token's details the action is on that token, whatever is marked in the list.
	const bulk = !single && action !== 'duplicate' && action !== 'upgrade';
	const targets = targetTokens(state, bulk);
	if (targets.length === 0) {
		say(t('intent.noSelection'));
		return;
	}

	const ids = targets.map((token) => token.Id);
	const open = (overlay: Exclude<Overlay, null>) => {
		store.dispatch({type: 'overlay/open', overlay});
	};

	switch (action) {
		case 'duplicate': {
			perform({kind: 'duplicate', tokenIds: ids});
			return;
		}

		case 'upgrade': {
			const [token] = targets;
			const newer = (state.catalogues?.versions ?? [])
				.filter((version) => compareVersions(version.Version, token!.ApiVersion) > 0)
				.sort((a, b) => compareVersions(b.Version, a.Version));
			if (!state.catalogues) say(t('intent.noVersions'));
			else if (newer.length === 0)
				say(`"${inert(token!.Name)}" is already on the latest API version (v${token!.ApiVersion})`);
			else {
				open({
					kind: 'choose',
					index: 0,
					request: {
						title: t('intent.upgradeTitle', {name: inert(token!.Name), version: token!.ApiVersion}),
						body: [t('intent.upgradeBody')],
						options: newer.map((version) => ({
							label: `v${version.Version}${version.Latest ? ' (latest)' : ''} — released ${version.ReleasedOn}`,
							value: version.Version,
						})),
						purpose: {kind: 'upgrade', tokenIds: ids},
					},
				});
			}

			return;
		}

		case 'reset': {
			if (targets.some((token) => token.Legacy)) {
				open({
					kind: 'choose',
					index: 0,
					request: {
						title: t('intent.pairTitle'),
						body: [t('intent.pairBody')],
						options: [
							{label: t('intent.pairReadWrite'), value: 'ReadWrite'},
							{label: t('intent.pairReadOnly'), value: 'ReadOnly'},
						],
						purpose: {kind: 'resetCredential', tokenIds: ids},
					},
				});
				return;
			}

			open(confirmOverlay(resetRequest(state, targets, {kind: 'reset', tokenIds: ids})));
			return;
		}

		case 'toggleState': {
			const enabling = targets[0]!.State === 'Disabled';
			const affected = targets.filter((token) => token.State === (enabling ? 'Disabled' : 'Enabled'));
			open(confirmOverlay(enabling ? enableRequest(state, affected) : disableRequest(state, affected)));
			return;
		}

		case 'delete': {
			open(confirmOverlay(deleteRequest(state, targets)));
		}
	}
}

/** What a pick in a choice overlay leads to. */
export function choose(store: StoreAccess, value: string, perform: (intent: Intent) => void): void {
	const state = store.getState();
	if (state.overlay?.kind !== 'choose') return;
	const {purpose} = state.overlay.request;
	if (purpose.kind === 'upgrade') {
		store.dispatch({type: 'overlay/close'});
		perform({kind: 'upgrade', tokenIds: purpose.tokenIds, apiVersion: value});
		return;
	}

	const credential = value === 'ReadOnly' ? 'ReadOnly' : 'ReadWrite';
	const targets = tokensOf(state, purpose.tokenIds);
	store.dispatch({
		type: 'overlay/open',
		overlay: confirmOverlay(
			resetRequest(state, targets, {kind: 'reset', tokenIds: purpose.tokenIds, credential}),
		),
	});
}

export function confirmOverlay(request: ConfirmRequest): Exclude<Overlay, null> {
	return {kind: 'confirm', request, focus: 'cancel', typed: ''};
}

function targetTokens(state: AppState, bulk: boolean): AccessToken[] {
	if (bulk && state.selection.marks.size > 0) return tokensOf(state, [...state.selection.marks]);
	const {row} = selectCursor(state);
	return row ? [row.token] : [];
}

function tokensOf(state: AppState, ids: readonly string[]): AccessToken[] {
	return ids.flatMap((id) => {
		const token = state.tokens.byId.get(id)?.token;
		return token ? [token] : [];
	});
}

/** "Billing sync" or "3 tokens: A, B, C" (at most a few names, then how many more). */
function naming(tokens: readonly AccessToken[]): {subject: string; lines: string[]} {
	if (tokens.length === 1) return {subject: `"${inert(tokens[0]!.Name)}"`, lines: []};
	const shown = tokens.slice(0, 5).map((token) => `  • ${inert(token.Name)}`);
	if (tokens.length > 5) shown.push(`  ${t('intent.andMore', {n: tokens.length - 5})}`);
	return {subject: t('intent.tokens', {n: tokens.length}), lines: shown};
}

/** Says so when the app would cut the branch it sits on. */
function selfWarning(state: AppState, tokens: readonly AccessToken[]): string[] {
	const own = tokens.some(
		(token) => token.AccountSid !== '' && token.AccountSid === state.connection.accountSid,
	);
	return own ? [t('intent.self')] : [];
}

function resetRequest(
	state: AppState,
	tokens: AccessToken[],
	intent: Extract<Intent, {kind: 'reset'}>,
): ConfirmRequest {
	const {subject, lines} = naming(tokens);
	return {
		title: t(intent.credential === 'ReadOnly' ? 'intent.resetReadOnlyTitle' : 'intent.resetTitle', {subject}),
		body: [...lines, t('intent.resetNew'), t('intent.resetOld'), ...selfWarning(state, tokens)],
		confirmLabel: t('intent.resetLabel'),
		risk: 'danger',
		tokenIds: intent.tokenIds,
		intent,
	};
}

function disableRequest(state: AppState, tokens: AccessToken[]): ConfirmRequest {
	const {subject, lines} = naming(tokens);
	const intent: Intent = {kind: 'disable', tokenIds: tokens.map((token) => token.Id)};
	return {
		title: t('intent.disableTitle', {subject}),
		body: [...lines, t('intent.disableBody'), t('intent.disableAgain'), ...selfWarning(state, tokens)],
		confirmLabel: t('intent.disableLabel'),
		risk: 'danger',
		tokenIds: intent.tokenIds,
		intent,
	};
}

function enableRequest(_state: AppState, tokens: AccessToken[]): ConfirmRequest {
	const {subject, lines} = naming(tokens);
	const tokenIds = tokens.map((token) => token.Id);
	return {
		title: t('intent.enableTitle', {subject}),
		body: [...lines, t('intent.enableBody'), t('intent.enableAdvice')],
		confirmLabel: t('intent.enableLabel'),
		risk: 'normal',
		tokenIds,
		intent: {kind: 'enable', tokenIds},
		alternate: {
			key: 'r',
			label: t('intent.enableAndReset'),
			intent: {kind: 'enable', tokenIds, andReset: true},
		},
	};
}

function deleteRequest(state: AppState, tokens: AccessToken[]): ConfirmRequest {
	const {subject, lines} = naming(tokens);
	const tokenIds = tokens.map((token) => token.Id);
	const dangerous = tokens.filter(
		(token) => token.Legacy || hasWriteScopes(token, state.catalogues?.categories),
	);
	const typeToConfirm =
		dangerous.length === 0
			? undefined
			: tokens.length === 1
				? tokens[0]!.Name
				: `delete ${tokens.length} tokens`;
	return {
		title: t('intent.deleteTitle', {subject}),
		body: [
			...lines,
			t('intent.deleteBody'),
			...(dangerous.length > 0 ? [t('intent.deleteWrites')] : []),
			...selfWarning(state, tokens),
		],
		confirmLabel: t('intent.deleteLabel'),
		risk: 'danger',
		...(typeToConfirm === undefined ? {} : {typeToConfirm}),
		tokenIds,
		intent: {kind: 'delete', tokenIds},
	};
}

/** Whether any of the token's scopes lets it change data (POST, PUT, DELETE). */
export function hasWriteScopes(token: AccessToken, categories: readonly ApiCategory[] | undefined): boolean {
	// Without the catalogue nobody can tell: ask for the name rather than risk it.
	if (!categories) return true;
	return chosenWriteScopes(categories, token.Scopes).length > 0;
}

/** `l`: offers to turn legacy tokens on while the account has them off; says where they are once on. */
export function startLegacy(store: StoreAccess): void {
	const state = store.getState();
	if (state.connection.legacyEnabled) {
		const count = [...state.tokens.rows].filter((row) => row.token.Legacy).length;
		store.dispatch({
			type: 'flash/show',
			message: t('intent.legacyOn', {count}),
			level: 'info',
			at: Date.now(),
		});
		return;
	}

	const readOnly = selectReadOnly(state);
	if (readOnly !== null) {
		store.dispatch({
			type: 'flash/show',
			message: t('intent.legacyOffReadOnly', {reason: readOnly}),
			level: 'info',
			at: Date.now(),
		});
		return;
	}

	store.dispatch({
		type: 'overlay/open',
		overlay: confirmOverlay({
			title: t('intent.legacyTitle'),
			body: [t('intent.legacyHidden'), t('intent.legacyOnce'), t('intent.legacyAdvice')],
			confirmLabel: t('intent.legacyLabel'),
			risk: 'normal',
			tokenIds: [],
			intent: {kind: 'enableLegacy', tokenIds: []},
		}),
	});
}
