import {Text} from 'ink';
import {footerHint} from '../i18n/actions.js';
import {t} from '../i18n/index.js';
import {selectReadOnly} from '../state/index.js';
import {keyLabel, keymap, type KeyContext} from './keymap.js';
import {useAppState} from './store.js';

/** The most useful keys for where the user is, drawn from the keymap table. */
export function Footer({context}: {readonly context: KeyContext | 'search' | 'dialog' | 'audit'}) {
	const readOnly = useAppState((state) => selectReadOnly(state) !== null);
	if (context === 'search') {
		return (
			<Text dimColor wrap="truncate">
				{t('footer.search')}
			</Text>
		);
	}

	if (context === 'dialog') return <Text> </Text>;
	if (context === 'audit') {
		return (
			<Text dimColor wrap="truncate">
				{t('footer.audit')}
			</Text>
		);
	}

	const hints = keymap
		.filter(
			(binding) => binding.footer && binding.contexts.includes(context) && !(readOnly && binding.writes),
		)
		.map((binding) => `${keyLabel(binding).split(' ')[0]} ${footerHint(binding)}`);
	if (context === 'details') hints.unshift(t('footer.back'));
	return (
		<Text dimColor wrap="truncate">
			{hints.join(' · ')}
		</Text>
	);
}
