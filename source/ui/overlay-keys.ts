import {t} from '../i18n/index.js';
import type {AccountIntent, Intent, Overlay} from '../state/index.js';
import type {CopyResult} from './clipboard.js';
import {choose} from './intents.js';
import type {KeyPress} from './keymap.js';
import type {StoreAccess} from './store.js';

export type OverlayEffects = {
	perform(intent: Intent | AccountIntent): void;
	copy(text: string): Promise<CopyResult>;
};

type Confirm = Extract<Overlay, {kind: 'confirm'}>;
type Choose = Extract<Overlay, {kind: 'choose'}>;
type Secrets = Extract<Overlay, {kind: 'secrets'}>;

/**
 * Keys while a confirmation is open. Esc never confirms anything, and Enter
 * alone cancels, because focus starts on Cancel; `y` confirms. When the name
 * must be typed, every printable key is text and only Enter confirms, once
 * the text matches.
 */
export function routeConfirmKey(
	store: StoreAccess,
	overlay: Confirm,
	input: string,
	key: KeyPress,
	effects: OverlayEffects,
): void {
	const {request} = overlay;
	const cancel = () => {
		store.dispatch({type: 'overlay/close'});
		store.dispatch({
			type: 'flash/show',
			message: t('confirm.cancelled'),
			level: 'info',
			at: Date.now(),
		});
	};

	const confirm = (intent: Intent | AccountIntent) => {
		store.dispatch({type: 'overlay/close'});
		if (request.tokenIds.length > 1) store.dispatch({type: 'marks/clear'});
		effects.perform(intent);
	};

	const update = (changes: Partial<Confirm>) => {
		store.dispatch({type: 'overlay/open', overlay: {...overlay, ...changes}});
	};

	if (key.escape) {
		cancel();
		return;
	}

	if (request.typeToConfirm !== undefined) {
		if (key.return) {
			if (overlay.typed === request.typeToConfirm) confirm(request.intent);
			else
				store.dispatch({
					type: 'flash/show',
					message: t('confirm.mismatch', {text: request.typeToConfirm}),
					level: 'error',
					at: Date.now(),
				});
		} else if (key.backspace || key.delete) update({typed: [...overlay.typed].slice(0, -1).join('')});
		else if (key.ctrl && input === 'u') update({typed: ''});
		else if (input !== '' && !key.ctrl && !key.meta) update({typed: overlay.typed + input});
		return;
	}

	if (key.tab || key.leftArrow || key.rightArrow)
		update({focus: overlay.focus === 'cancel' ? 'confirm' : 'cancel'});
	else if (key.return) {
		if (overlay.focus === 'confirm') confirm(request.intent);
		else cancel();
	} else if (input === 'y') confirm(request.intent);
	else if (input === 'n') cancel();
	else if (request.alternate && input === request.alternate.key) confirm(request.alternate.intent);
}

/** Keys in a choice: move, pick with Enter, leave with Esc. */
export function routeChoiceKey(
	store: StoreAccess,
	overlay: Choose,
	input: string,
	key: KeyPress,
	effects: OverlayEffects,
): void {
	const last = overlay.request.options.length - 1;
	const move = (index: number) => {
		store.dispatch({type: 'overlay/open', overlay: {...overlay, index: Math.max(0, Math.min(last, index))}});
	};

	if (key.escape || input === 'q') store.dispatch({type: 'overlay/close'});
	else if (key.upArrow || input === 'k') move(overlay.index - 1);
	else if (key.downArrow || input === 'j') move(overlay.index + 1);
	else if (key.return) {
		const option = overlay.request.options[overlay.index];
		if (option) choose(store, option.value, effects.perform);
	}
}

/** Keys while new secrets show: `y` copies them, anything that leaves forgets them. */
export function routeSecretsKey(
	store: StoreAccess,
	overlay: Secrets,
	input: string,
	key: KeyPress,
	effects: OverlayEffects,
): void {
	if (input === 'y') {
		const text = overlay.secrets.map((secret) => secret.credentials.AuthToken).join('\n');
		void effects.copy(text).then((result) => {
			const current = store.getState().overlay;
			// Only if the dialog is still the one that asked.
			if (current?.kind === 'secrets' && current.secrets === overlay.secrets) {
				store.dispatch({type: 'overlay/open', overlay: {...current, copied: result.detail}});
			}

			store.dispatch({
				type: 'flash/show',
				message: t('secrets.copiedFlash', {how: result.detail}),
				level: 'success',
				at: Date.now(),
			});
		});
		return;
	}

	if (key.escape || key.return || input === 'q') store.dispatch({type: 'overlay/close'});
}
