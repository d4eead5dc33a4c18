/**
 * The guided tour's data file (fixtures/tour.json): its shape, and the
 * checks a trainer can write. Validated when the tour starts, so a typo in a
 * check key is an error naming the step, never a step that cannot pass.
 */
import * as z from 'zod/mini';
import '../../i18n/schema-words.js';
import {createdOnValues, stateValues} from '../../domain/filters.js';

/** What an overlay check can name: `none` is the plain list. */
export const overlayNames = [
	'none',
	'help',
	'details',
	'audit',
	'confirm',
	'choose',
	'secrets',
	'form',
] as const;

/** Fields of the tour's token whose change a step can wait for. */
export const changeableFields = [
	'AuthTokenHint',
	'ApiVersion',
	'Name',
	'Description',
	'Scopes',
	'State',
] as const;

/**
 * A declarative condition on the app. Every key given must hold (AND). Keys
 * about "the tour's token" refer to the token a `tokenAdded` check found.
 */
const checkSchema = z
	.strictObject({
		/** The name filter contains this text (case-insensitive). */
		filterName: z.optional(z.string().check(z.minLength(1))),
		/** `list` once a search is kept with Enter; `search` while typing. */
		mode: z.optional(z.enum(['list', 'search'])),
		createdOn: z.optional(z.enum(createdOnValues)),
		stateFilter: z.optional(z.enum(stateValues)),
		/** Every filter is back to its default (`x` clears them all). */
		noFilters: z.optional(z.literal(true)),
		overlay: z.optional(z.enum(overlayNames)),
		/** The open overlay is about the tour's token (its details, a confirmation, its new credentials). */
		onTourToken: z.optional(z.literal(true)),
		/** The open details pane shows revealed credentials; the tour keeps them (in memory only) to try later. */
		revealed: z.optional(z.literal(true)),
		/**
		 * A token that was not in the list when the step began, saved by the
		 * server (not just shown optimistically), whose name contains this text
		 * ("" for any). It becomes the tour's token.
		 */
		tokenAdded: z.optional(z.string()),
		/** The tour's token is in this state, saved by the server. */
		tourTokenState: z.optional(z.enum(['Enabled', 'Disabled'])),
		/** This field of the tour's token differs from when the step began, saved by the server. */
		tourTokenChanged: z.optional(z.enum(changeableFields)),
		/** The tour's token is deleted on the server. */
		tourTokenGone: z.optional(z.literal(true)),
		/**
		 * The tour tries the credentials revealed earlier against the server
		 * (GET CompanyInformation): `accepted` when they authenticate, `rejected`
		 * on 401.
		 */
		revealedSecret: z.optional(z.enum(['accepted', 'rejected'])),
	})
	.check(z.refine((check) => Object.keys(check).length > 0, 'a check needs at least one condition'));

export type Check = z.infer<typeof checkSchema>;

const stepSchema = z.strictObject({
	/** A stable name for the step, for trainers and tests. */
	id: z.string().check(z.regex(/^[a-z\d-]+$/u, 'ids are lower-case words joined with -')),
	/** One short line: what to do, and why. */
	caption: z.string().check(z.minLength(1)),
	/** The key(s) to press next, as the box shows them: "/", "billing", "Enter". */
	keys: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
	check: checkSchema,
	/** Said once the step passed, while the next one shows. */
	done: z.optional(z.string()),
	/** The caption and `done` in Simplified Chinese (`--lang zh-CN`); without it the English shows. */
	'zh-CN': z.optional(
		z.strictObject({
			caption: z.string().check(z.minLength(1)),
			done: z.optional(z.string()),
		}),
	),
});

export type TourStep = z.infer<typeof stepSchema>;

const tourSchema = z
	.strictObject({
		/** Free text for trainers; the app ignores it. */
		about: z.optional(z.string()),
		steps: z.array(stepSchema).check(z.minLength(1)),
	})
	.check(
		z.superRefine((tour, context) => {
			const seen = new Set<string>();
			let haveToken = false;
			let haveReveal = false;
			for (const [index, step] of tour.steps.entries()) {
				const problem = (message: string) => {
					context.addIssue({
						code: 'custom',
						path: ['steps', index],
						message: `step "${step.id}": ${message}`,
					});
				};

				if (seen.has(step.id)) problem('another step has the same id');
				// Half a translation would show an English "done" under a Chinese caption.
				if (step.done !== undefined && step['zh-CN'] && step['zh-CN'].done === undefined)
					problem('"zh-CN" needs a "done" too, as the step has one');
				seen.add(step.id);
				const {check} = step;
				const aboutTourToken =
					check.onTourToken ?? check.tourTokenState ?? check.tourTokenChanged ?? check.tourTokenGone;
				// The step that finds the tour's token cannot also be about it: it has none until it passes.
				if (aboutTourToken !== undefined && !haveToken)
					problem('checks about the tour\'s token need an earlier step with "tokenAdded"');
				if (check.revealedSecret !== undefined && !haveReveal && !check.revealed)
					problem('"revealedSecret" needs this or an earlier step to check "revealed"');
				if (check.tokenAdded !== undefined) haveToken = true;
				if (check.revealed) haveReveal = true;
			}
		}),
	);

export type Tour = z.infer<typeof tourSchema>;

/** The tour a data file describes, or why it is not one (naming the step and the key). */
export function parseTour(data: unknown): {tour: Tour} | {error: string} {
	const parsed = tourSchema.safeParse(data);
	return parsed.success ? {tour: parsed.data} : {error: z.prettifyError(parsed.error)};
}
