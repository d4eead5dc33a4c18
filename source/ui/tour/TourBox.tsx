import {useSyncExternalStore} from 'react';
import {Box, Text} from 'ink';
import {t} from '../../i18n/index.js';
import {displayWidth, inert, truncate} from '../text.js';
import {theme} from '../theme.js';
import type {TourController, TourView} from './controller.js';
import {stepWords} from './step-words.js';

/** How many lines the box takes; the list gives them up while a tour is on. */
export const tourBoxLines = 3;

/** The tour's current step, or null when no tour is on. */
export function useTourView(tour: TourController | undefined): TourView | null {
	return useSyncExternalStore(tour?.subscribe ?? noSubscribe, () => tour?.getView() ?? null);
}

const noSubscribe = () => () => undefined;

/**
 * The caption box above the footer: a rule with the step count and how to
 * leave, the caption, and the keys to press next beside what the last step
 * achieved. Exactly `tourBoxLines` lines, each cut to the width.
 */
export function TourBox({tour, width}: {readonly tour: TourController | undefined; readonly width: number}) {
	const view = useTourView(tour);
	if (!view) return null;
	const title = view.finished
		? t('tour.complete')
		: t('tour.title', {step: view.index + 1, total: view.total});
	// How the tour is left: Esc where Esc closes nothing else.
	const right = ` ${view.finished ? t('tour.close') : t('tour.leave')} `;
	const caption = view.finished ? t('tour.finished', {total: view.total}) : stepWords(view.step).caption;
	const fill = Math.max(1, width - displayWidth(title) - displayWidth(right) - 4);
	const keys = view.step.keys.map((key) => `[${key}]`).join(' ');
	const status = view.checking
		? t('tour.checking')
		: view.problem
			? `! ${view.problem}`
			: view.note
				? `✓ ${view.note}`
				: '';
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate">
				<Text color={theme.accent}>──</Text>
				<Text bold>{title}</Text>
				<Text color={theme.accent}>{'─'.repeat(fill)}</Text>
				<Text dimColor>{right}</Text>
				<Text color={theme.accent}>──</Text>
			</Text>
			<Text wrap="truncate" bold>
				{` ${truncate(inert(caption), width - 1)}`}
			</Text>
			<Text wrap="truncate">
				{view.finished ? (
					' '
				) : (
					<>
						{t('tour.next')}
						<Text bold color={theme.accent}>
							{inert(keys)}
						</Text>
						{'   '}
					</>
				)}
				{status ? (
					<Text
						color={view.problem ? theme.error : view.checking ? theme.pending : theme.success}
						dimColor={!view.problem && !view.checking}
					>
						{inert(status)}
					</Text>
				) : null}
			</Text>
		</Box>
	);
}
