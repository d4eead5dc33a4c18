import {useEffect} from 'react';
import {Box, Text} from 'ink';
import {t} from '../i18n/index.js';
import {AuditView} from './AuditView.js';
import {ChoiceDialog} from './ChoiceDialog.js';
import {ConfirmDialog} from './ConfirmDialog.js';
import {DetailsPane} from './DetailsPane.js';
import {SecretsDialog} from './SecretsDialog.js';
import {FilterBar} from './FilterBar.js';
import {Footer} from './Footer.js';
import {HelpOverlay} from './HelpOverlay.js';
import {routeInput, type KeyEffects} from './key-router.js';
import {StatusLine, MessageLine} from './StatusLine.js';
import {mayManageTokens, type Overlay} from '../state/index.js';
import {StoreProvider, useAppState, useStore, type Store} from './store.js';
import {TokenList} from './TokenList.js';
import {inert} from './text.js';
import {useTerminalSize} from './use-terminal-size.js';
import {useKeys} from './use-keys.js';
import {TokenFormView} from './wizard/TokenFormView.js';
import type {TourController} from './tour/controller.js';
import {TourBox, tourBoxLines, useTourView} from './tour/TourBox.js';

/** Lines around the list: filter bar (2), header (1), status (1), message (1), footer (1). */
const chromeLines = 6;

export type AppProps = {
	readonly store: Store;
	readonly effects: KeyEffects;
	/** Shown in the status line: faults injected on purpose (demos). */
	readonly notice?: string | undefined;
	/** The guided tour, whose box shows above the footer while it is on. */
	readonly tour?: TourController | undefined;
	/** Hears every raw input event before it is routed (`--record`). */
	readonly onInput?: ((data: string) => void) | undefined;
};

export function App({store, effects, notice, tour, onInput}: AppProps) {
	return (
		<StoreProvider store={store}>
			<Screen effects={effects} notice={notice} tour={tour} onInput={onInput} />
		</StoreProvider>
	);
}

/**
 * The whole frame, one line shorter than the terminal: Ink clears the screen
 * when output is as tall as the terminal, and that flicker is what SSH users see.
 */
function Screen({effects, notice, tour, onInput}: Pick<AppProps, 'effects' | 'notice' | 'tour' | 'onInput'>) {
	const store = useStore();
	const {columns, rows} = useTerminalSize();
	const overlay = useAppState((state) => state.overlay);
	const searching = useAppState((state) => state.mode === 'search');
	const refused = useAppState((state) => {
		const role = state.connection.operator?.Role;
		return role !== undefined && !mayManageTokens(role) ? role : undefined;
	});
	// The tour's box takes its lines from the list, so the frame stays rows - 1 tall.
	const touring = useTourView(tour) !== null;
	const listHeight = Math.max(1, rows - 1 - chromeLines - (touring ? tourBoxLines : 0));

	useEffect(() => {
		store.dispatch({type: 'viewport/resize', listHeight});
	}, [store, listHeight]);

	useKeys((data) => {
		onInput?.(data);
		routeInput(store, data, effects);
	});

	const width = columns;
	if (refused) return <Refusal role={refused} onShown={effects.refuse} />;
	if (columns < minimumSize.columns || rows < minimumSize.rows)
		return <TooSmall columns={columns} rows={rows} />;
	if (overlay?.kind === 'help') return <HelpOverlay width={width} height={rows - 1} />;
	const context =
		overlay?.kind === 'details' || overlay?.kind === 'audit'
			? overlay.kind
			: searching
				? 'search'
				: overlay
					? 'dialog'
					: 'list';
	return (
		<Box flexDirection="column" width={width} height={rows - 1} overflow="hidden">
			<FilterBar width={width} />
			<Body width={width} listHeight={listHeight} />
			<StatusLine notice={notice} />
			<MessageLine />
			<TourBox tour={tour} width={width} />
			<Footer context={context} />
		</Box>
	);
}

/** Between the filter bar and the status line: the list, or what is open above it. */
function Body({width, listHeight}: {readonly width: number; readonly listHeight: number}) {
	const overlay = useAppState((state) => state.overlay);
	const height = listHeight + 1;
	switch (overlay?.kind) {
		case 'details': {
			return (
				<DetailsPane tokenId={overlay.tokenId} revealed={overlay.revealed} width={width} height={height} />
			);
		}

		case 'audit': {
			return <AuditView audit={overlay.audit} page={overlay.page} width={width} height={height} />;
		}

		case 'form': {
			return <TokenFormView form={overlay.form} width={width} height={height} />;
		}

		case 'confirm':
		case 'choose':
		case 'secrets': {
			return <DialogSlot overlay={overlay} width={width} height={height} />;
		}

		default: {
			return <TokenList width={width} height={listHeight} />;
		}
	}
}

type DialogOverlay = Extract<Overlay, {kind: 'confirm' | 'choose' | 'secrets'}>;

/**
 * The open dialog, held at the top of the body, as tall as its content, the
 * rest of the body left empty. Every dialog gets the body's size.
 */
function DialogSlot({
	overlay,
	width,
	height,
}: {
	readonly overlay: DialogOverlay;
	readonly width: number;
	readonly height: number;
}) {
	const size = {width, height};
	return (
		<Box height={height} alignItems="flex-start">
			{overlay.kind === 'confirm' ? (
				<ConfirmDialog request={overlay.request} focus={overlay.focus} typed={overlay.typed} {...size} />
			) : overlay.kind === 'choose' ? (
				<ChoiceDialog request={overlay.request} index={overlay.index} {...size} />
			) : (
				<SecretsDialog title={overlay.title} secrets={overlay.secrets} copied={overlay.copied} {...size} />
			)}
		</Box>
	);
}

/** The one screen a role that may not manage tokens sees, before the app exits with status 3. */
function Refusal({role, onShown}: {readonly role: string; readonly onShown: () => void}) {
	useEffect(() => {
		onShown();
	}, [onShown]);
	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1}>
			<Text bold>{t('refusal.title', {role: inert(role)})}</Text>
			<Text>{t('refusal.roles')}</Text>
			<Text>{t('refusal.ask')}</Text>
		</Box>
	);
}

/** The smallest terminal the layout fits. */
export const minimumSize = {columns: 60, rows: 15} as const;

/** Shown instead of the app when the terminal is too small to lay it out; it comes back on resize. */
export function TooSmall({columns, rows}: {readonly columns: number; readonly rows: number}) {
	return (
		<Text wrap="wrap">
			{t('tooSmall', {columns, rows, needColumns: minimumSize.columns, needRows: minimumSize.rows})}
		</Text>
	);
}
