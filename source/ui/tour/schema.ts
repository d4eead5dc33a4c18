/**
 * The guided tour's data file (fixtures/tour.json): its shape, and the
 * checks a trainer can write. Validated when the tour starts, so a typo in a
 * check key is an error naming the step, never a step that cannot pass.
 */
import {z} from 'zod';
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
		filterName: z.string().min(1).optional(),
		/** `list` once a search is kept with Enter; `search` while typing. */
		mode: z.enum(['list', 'search']).optional(),
		createdOn: z.enum(createdOnValues).optional(),
		stateFilter: z.enum(stateValues).optional(),
		/** Every filter is back to its default (`x` clears them all). */
		noFilters: z.literal(true).optional(),
		overlay: z.enum(overlayNames).optional(),
		/** The open overlay is about the tour's token (its details, a confirmation, its new credentials). */
		onTourToken: z.literal(true).optional(),
		/** The open details pane shows revealed credentials; the tour keeps them (in memory only) to try later. */
		revealed: z.literal(true).optional(),
		/**
		 * A token that was not in the list when the step began, saved by the
		 * server (not just shown optimistically), whose name contains this text
		 * ("" for any). It becomes the tour's token.
		 */
		tokenAdded: z.string().optional(),
		/** The tour's token is in this state, saved by the server. */
		tourTokenState: z.enum(['Enabled', 'Disabled']).optional(),
		/** This field of the tour's token differs from when the step began, saved by the server. */
		tourTokenChanged: z.enum(changeableFields).optional(),
		/** The tour's token is deleted on the server. */
		tourTokenGone: z.literal(true).optional(),
		/**
		 * The tour tries the credentials revealed earlier against the server
		 * (GET CompanyInformation): `accepted` when they authenticate, `rejected`
		 * on 401.
		 */
		revealedSecret: z.enum(['accepted', 'rejected']).optional(),
	})
	.refine((check) => Object.keys(check).length > 0, 'a check needs at least one condition');

export type Check = z.infer<typeof checkSchema>;

const stepSchema = z.strictObject({
	/** A stable name for the step, for trainers and tests. */
	id: z.string().regex(/^[a-z\d-]+$/u, 'ids are lower-case words joined with -'),
	/** One short line: what to do, and why. */
	caption: z.string().min(1),
	/** The key(s) to press next, as the box shows them: "/", "billing", "Enter". */
	keys: z.array(z.string().min(1)).min(1),
	check: checkSchema,
	/** Said once the step passed, while the next one shows. */
	done: z.string().optional(),
	/** The caption and `done` in Simplified Chinese (`--lang zh-CN`); without it the English shows. */
	'zh-CN': z
		.strictObject({
			caption: z.string().min(1),
			done: z.string().optional(),
		})
		.optional(),
});

export type TourStep = z.infer<typeof stepSchema>;

const tourSchema = z
	.strictObject({
		/** Free text for trainers; the app ignores it. */
		about: z.string().optional(),
		steps: z.array(stepSchema).min(1),
	})
	.superRefine((tour, context) => {
		const seen = new Set<string>();
		let haveToken = false;
		let haveReveal = false;
		for (const [index, step] of tour.steps.entries()) {
			const problem = (message: string) => {
				context.addIssue({code: 'custom', path: ['steps', index], message: `step "${step.id}": ${message}`});
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
	});

export type Tour = z.infer<typeof tourSchema>;

/** The tour a data file describes, or why it is not one (naming the step and the key). */
export function parseTour(data: unknown): {tour: Tour} | {error: string} {
	const parsed = tourSchema.safeParse(data);
	return parsed.success ? {tour: parsed.data} : {error: z.prettifyError(parsed.error)};
}
