import {Box, Text} from 'ink';
import {formSteps, stepFields, stepTitles, type TokenForm} from '../../state/token-form.js';
import type {Catalogues} from '../../state/types.js';
import {useAppState} from '../store.js';
import {displayWidth, inert, truncate} from '../text.js';
import {theme} from '../theme.js';
import {conflictView} from './conflict.js';
import type {Line} from './layout.js';
import {useWindowTop} from './layout.js';
import {reviewStep} from './review-step.js';
import {scopesStep} from './scopes-step.js';
import {contactStep, setupStep, type StepView} from './steps.js';

const shortTitles = ['Setup', 'Contact', 'Scopes', 'Review'] as const;

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
							{truncate(`${top > 0 ? '↑' : ' '}${top + room < view.lines.length ? '↓' : ' '} more · `, width)}
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
	const long = strip(
		formSteps.map((step) =>
			step === 'review'
				? form.mode === 'create'
					? 'Review and create'
					: 'Review and save'
				: stepTitles[step],
		),
	);
	const short = strip(shortTitles);
	const lead = form.mode === 'create' ? 'New access token' : 'Edit';
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
	const subject = form.mode === 'create' ? 'the new token' : `your changes to "${inert(name)}"`;
	switch (form.status.kind) {
		case 'asking': {
			const quitting = form.status.purpose === 'quit';
			lines.push(
				say(
					'ask',
					`${quitting ? 'Quit and discard' : 'Discard'} ${subject}? y ${quitting ? 'quit' : 'discard'} · n keep editing`,
					theme.disabled,
					true,
				),
			);
			return lines;
		}

		case 'submitting': {
			const doing =
				form.mode === 'create' ? `Creating "${inert(form.draft.Name.trim())}"…` : `Saving "${inert(name)}"…`;
			lines.push(
				say('busy', `${doing} · Esc leaves (the result still shows when it arrives)`, theme.pending),
			);
			return lines;
		}

		case 'conflict': {
			lines.push(
				say('keys', 'r reapply your changes · d discard them · Esc keep editing on top of the server copy'),
			);
			return lines;
		}

		case 'editing': {
			break;
		}
	}

	if (form.notice !== null) lines.push(say('notice', `✗ ${inert(form.notice)}`, theme.error, true));
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
	const esc = first ? 'Esc cancel' : 'Esc back';
	const lastField = stepFields(form.mode, form.step).at(-1) === form.field;
	const enter = lastField ? (form.step === 'scopes' ? 'Enter review' : 'Enter next step') : 'Enter next';
	const save = form.mode === 'edit' ? ' · Ctrl+S save' : '';
	switch (form.field) {
		case 'Name':
		case 'Description': {
			return `${enter} · Tab/Shift+Tab field · ←→ move · ${esc}${save}`;
		}

		case 'ApiVersion':
		case 'PrimaryContact': {
			return `↑↓ choose · ${enter} · Tab/Shift+Tab field · ${esc}${save}`;
		}

		case 'DeveloperEmails': {
			return form.emailIndex >= 0
				? `Del remove · ↑↓ select · Enter back to adding · ${esc}${save}`
				: form.emailEntry.trim() === ''
					? `${enter} · ↑ select one to remove · Tab field · ${esc}${save}`
					: `Enter add this address · Ctrl+U clear · ${esc}${save}`;
		}

		case 'Scopes': {
			return `Space toggle · → open ← close · a clear all · ${enter} · ${esc}${save}`;
		}

		case 'Submit': {
			return `Enter ${form.mode === 'create' ? 'create the token' : 'save'} · Esc back to change something · Ctrl+C quit`;
		}
	}
}
