/**
 * Text that reaches the screen already written in English, by a pure layer
 * that must not know the language (the domain's validation, which the
 * server shares) or by the API client: read back against the English
 * catalogue's templates and said again in the current language.
 */
import {en, type MessageKey} from './en.js';
import {language, t} from './index.js';

/** The domain's validation messages, as domain/validation.ts and state/form-*.ts write them. */
export const problemKeys = [
	'problem.nameRequired',
	'problem.nameLength',
	'problem.nameControl',
	'problem.descriptionLength',
	'problem.descriptionControl',
	'problem.emailInvalid',
	'problem.emailsTooMany',
	'problem.emailsRepeat',
	'problem.emailNotAdded',
	'problem.emailListed',
	'problem.versionUnknown',
	'problem.versionNotNewer',
	'problem.scopesNone',
	'problem.scopeUnknown',
	'problem.contactRequired',
	'problem.contactUnknown',
] as const satisfies readonly MessageKey[];

const compiled = new Map<MessageKey, RegExp>();

/** `{name}` placeholders become named groups; the rest of the template must match as written. */
function pattern(key: MessageKey): RegExp {
	let regex = compiled.get(key);
	if (!regex) {
		const source = en[key]
			.split(/(\{\w+\})/u)
			.map((part) => {
				const name = /^\{(\w+)\}$/u.exec(part)?.[1];
				return name ? `(?<${name}>.*?)` : part.replaceAll(/[.*+?^${}()|[\]\\]/gu, '\\$&');
			})
			.join('');
		regex = new RegExp(`^${source}$`, 'u');
		compiled.set(key, regex);
	}

	return regex;
}

/** The first of `keys` whose English template `text` is, with the values it was filled with. */
export function readBack(
	text: string,
	keys: readonly MessageKey[],
): {key: MessageKey; values: Record<string, string>} | undefined {
	for (const key of keys) {
		const match = pattern(key).exec(text);
		if (match) return {key, values: {...match.groups}};
	}

	return undefined;
}

/** A validation message (the form's, or the server's 400) in the current language; unknown text as it came. */
export function localiseProblem(message: string): string {
	if (language() === 'en') return message;
	const known = readBack(message, problemKeys);
	return known ? t(known.key, known.values) : message;
}
