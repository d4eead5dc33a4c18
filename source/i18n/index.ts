/**
 * The interface's words, one catalogue per language with the same keys.
 * Pure: the language is chosen once at start (`--lang`, else LC_ALL/LANG).
 */
import {en, type MessageKey} from './en.js';
import {zhCN} from './zh-cn.js';

export type {MessageKey} from './en.js';

export const languages = {en, 'zh-CN': zhCN} as const;
export type Language = keyof typeof languages;

let current: Language = 'en';

export function setLanguage(language: Language): void {
	current = language;
}

export function language(): Language {
	return current;
}

/** `--lang` wins; then LC_ALL, LC_MESSAGES and LANG as POSIX orders them; English otherwise. */
export function detectLanguage(
	flag: string | undefined,
	env: NodeJS.ProcessEnv = process.env,
): Language | {error: string} {
	if (flag !== undefined) {
		const match = (Object.keys(languages) as Language[]).find(
			(name) => name.toLowerCase() === flag.toLowerCase(),
		);
		return match ?? {error: `--lang must be one of ${Object.keys(languages).join(', ')}, not "${flag}"`};
	}

	const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
	return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The message for `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
	const template = languages[current][key];
	return template.replace(/\{(\w+)\}/gu, (whole, name: string) =>
		name in values ? String(values[name]) : whole,
	);
}
