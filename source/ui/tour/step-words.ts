/**
 * A tour step's words in the interface's language. Apart from the schema on
 * purpose: the tour box is drawn from the first frame on, and the schema
 * brings zod, which loads only when a tour starts.
 */
import {language} from '../../i18n/index.js';
import type {TourStep} from './schema.js';

/** A step's caption and `done` in the current language, English where the step has no translation. */
export function stepWords(step: TourStep): {caption: string; done: string | undefined} {
	const translated = language() === 'zh-CN' ? step['zh-CN'] : undefined;
	return {caption: translated?.caption ?? step.caption, done: translated?.done ?? step.done};
}
