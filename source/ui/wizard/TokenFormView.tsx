import {Box, Text} from 'ink';
import {t} from '../../i18n/index.js';
import {formSteps, stepFields, type FormStep, type TokenForm} from '../../state/token-form.js';
import type {Catalogues} from '../../state/types.js';
import {useAppState} from '../store.js';
import {displayWidth, inert, truncate} from '../text.js';
import {localiseProblem} from '../../i18n/problems.js';
import {theme} from '../theme.js';
import {conflictView} from './conflict.js';
import type {Line} from './layout.js';
import {useWindowTop} from './layout.js';
import {reviewStep} from './review-step.js';
import {scopesStep} from './scopes-step.js';
import {contactStep, setupStep, type StepView} from './steps.js';

/**
 * The create wizard or the edit form, in the rows between the filter bar and
 * the status line: a title with the steps, the step's fields (scrolled to
 * keep the focus in view), then what the keys do here.
 */
export function TokenFormView({
	form,
	width,
	height,
}: {
	readonly form: TokenForm;
	readonly width: number;
	readonly height: number;
}) {
	const catalogues = useAppState((state) => state.catalogues);
	const tokenName = useAppState((state) =>
		form.tokenId === null ? null : (state.tokens.byId.get(form.tokenId)?.token.Name ?? null),
	);
	const view = catalogues ? viewOf(form, catalogues, width) : {header: [], lines: [], focus: 0, footer: []};
	const bottom = bottomLines(form, tokenName ?? form.initial.Name, width);
	const room = Math.max(1, height - 1 - view.header.length - view.footer.length - bottom.length);
	const top = useWindowTop(view.lines.length, room, view.focus);
	const shown = view.lines.slice(top, top + room);
	const more = view.lines.length > room;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Title form={form} name={tokenName ?? form.initial.Name} width={width} />
			{[...view.header, ...shown, ...view.footer].map((line) => (
				<Box key={line.key}>{line.node}</Box>
			))}
			{height - 1 - bottom.length > view.header.length + shown.length + view.footer.length ? (
				<Box flexGrow={1} />
			) : null}
			{bottom.map((line, index) => (
				<Box key={line.key}>
					{index === bottom.length - 1 && more ? (
						<Text wrap="truncate" dimColor>
							{truncate(
								`${top > 0 ? '↑' : ' '}${top + room < view.lines.length ? '↓' : ' '}${t('form.more')}`,
								width,
							)}
							{line.node}
						</Text>
					) : (
						line.node
					)}
				</Box>
			))}
		</Box>
	);
}

function viewOf(form: TokenForm, catalogues: Catalogues, width: number): StepView {
	if (form.status.kind === 'conflict') return conflictView(form, form.status.server, catalogues, width);
	const props = {form, catalogues, width};
	switch (form.step) {
		case 'setup': {
			return setupStep(props);
		}

		case 'contact': {
			return contactStep(props);
		}

		case 'scopes': {
			return scopesStep(props);
		}

		case 'review': {
			return reviewStep(props);
		}
	}
}

/** "New access token  1 Setup › [2 Contact information] › 3 API scopes › 4 Review": where the operator is, in words. */
function Title({
	form,
	name,
	width,
}: {
	readonly form: TokenForm;
	readonly name: string;
	readonly width: number;
}) {
	const current = formSteps.indexOf(form.step);
	const strip = (titles: readonly string[]) =>
		titles
			.map((title, index) => (index === current ? `[${index + 1} ${title}]` : `${index + 1} ${title}`))
			.join(' › ');
	const long = strip(formSteps.map((step) => stepTitle(step, form.mode === 'create')));
	const short = strip(formSteps.map((step) => t(`form.short.${step}`)));
	const lead = form.mode === 'create' ? t('form.newToken') : t('form.edit');
	// An edit keeps room for a dozen columns of the token's name.
	const fits = (steps: string) =>
		displayWidth(lead) + 2 + displayWidth(steps) + (form.mode === 'edit' ? 15 : 0) <= width;
	const steps = fits(long) ? long : short;
	const title =
		form.mode === 'create'
			? lead
			: `${lead} "${truncate(inert(name), Math.max(8, width - displayWidth(steps) - 9))}"`;
	return (
		<Text wrap="truncate">
			<Text bold color={theme.accent}>
				{title}
			</Text>
			{'  '}
			{truncate(steps, Math.max(0, width - displayWidth(title) - 2))}
		</Text>
	);
}

/** Under the fields: a failure to read, a question, or what the keys do on the focused field. */
function bottomLines(form: TokenForm, name: string, width: number): Line[] {
	const lines: Line[] = [];
	const say = (key: string, text: string, color?: string, bold = false): Line => ({
		key,
		node: (
			<Text wrap="truncate" color={color} bold={bold}>
				{truncate(text, width)}
			</Text>
		),
	});
	const subject = form.mode === 'create' ? t('form.subjectNew') : t('form.subjectEdit', {name: inert(name)});
	switch (form.status.kind) {
		case 'asking': {
			const question = form.status.purpose === 'quit' ? 'form.askQuit' : 'form.askDiscard';
			lines.push(say('ask', t(question, {subject}), theme.disabled, true));
			return lines;
		}

		case 'submitting': {
			const doing =
				form.mode === 'create'
					? t('form.creating', {name: inert(form.draft.Name.trim())})
					: t('form.saving', {name: inert(name)});
			lines.push(say('busy', doing + t('form.busyLeave'), theme.pending));
			return lines;
		}

		case 'conflict': {
			lines.push(say('keys', t('form.conflictKeys')));
			return lines;
		}

		case 'editing': {
			break;
		}
	}

	if (form.notice !== null)
		lines.push(say('notice', `✗ ${inert(localiseProblem(form.notice))}`, theme.error, true));
	lines.push({
		key: 'keys',
		node: (
			<Text wrap="truncate" dimColor>
				{truncate(keyHints(form), width)}
			</Text>
		),
	});
	return lines;
}

/** What the keys do on the focused field, in the words of the field. */
export function keyHints(form: TokenForm): string {
	const first = form.step === 'setup';
	const esc = first ? t('hint.escCancel') : t('hint.escBack');
	const lastField = stepFields(form.mode, form.step).at(-1) === form.field;
	const enter = t(
		lastField ? (form.step === 'scopes' ? 'hint.enterReview' : 'hint.enterNextStep') : 'hint.enterNext',
	);
	const values = {enter, esc, save: form.mode === 'edit' ? t('hint.save') : ''};
	switch (form.field) {
		case 'Name':
		case 'Description': {
			return t('hint.text', values);
		}

		case 'ApiVersion':
		case 'PrimaryContact': {
			return t('hint.picker', values);
		}

		case 'DeveloperEmails': {
			return form.emailIndex >= 0
				? t('hint.emailSelected', values)
				: form.emailEntry.trim() === ''
					? t('hint.emailEmpty', values)
					: t('hint.emailTyped', values);
		}

		case 'Scopes': {
			return t('hint.scopes', values);
		}

		case 'Submit': {
			return t(form.mode === 'create' ? 'hint.submitCreate' : 'hint.submitSave');
		}
	}
}

/** A step's title in the strip; the last one says what it ends in. */
function stepTitle(step: FormStep, creating: boolean): string {
	if (step === 'review') return t(creating ? 'form.step.reviewCreate' : 'form.step.reviewSave');
	return t(`form.step.${step}`);
}
