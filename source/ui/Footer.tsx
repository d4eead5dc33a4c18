import {Text} from 'ink';
import {selectReadOnly} from '../state/index.js';
import {keyLabel, keymap, type KeyContext} from './keymap.js';
import {useAppState} from './store.js';

/** The most useful keys for where the user is, drawn from the keymap table. */
export function Footer({context}: {readonly context: KeyContext | 'search' | 'dialog' | 'audit'}) {
	const readOnly = useAppState((state) => selectReadOnly(state) !== null);
	if (context === 'search') {
		return (
			<Text dimColor wrap="truncate">
				type to filter · Enter keep · Esc clear · ↑↓ move
			</Text>
		);
	}

	if (context === 'dialog') return <Text> </Text>;
	if (context === 'audit') {
		return (
			<Text dimColor wrap="truncate">
				PgDn/j next page · PgUp/k previous · g first · G last · Esc back
			</Text>
		);
	}

	const hints = keymap
		.filter((binding) => binding.footer && binding.contexts.includes(context) && !(readOnly && binding.writes))
		.map((binding) => `${keyLabel(binding).split(' ')[0]} ${binding.footer}`);
	if (context === 'details') hints.unshift('Esc back');
	return (
		<Text dimColor wrap="truncate">
			{hints.join(' · ')}
		</Text>
	);
}
