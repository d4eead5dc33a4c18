/**
 * The one keymap table. Input matching, the footer hints and the `?` help are
 * all generated from it, so what the help says is what the keys do.
 */

export type KeyCategory = 'Filter' | 'Move' | 'Token' | 'View' | 'App';

export type ActionId =
	| 'search'
	| 'cycleCreatedOn'
	| 'cycleState'
	| 'clearFilters'
	| 'cycleSort'
	| 'up'
	| 'down'
	| 'pageUp'
	| 'pageDown'
	| 'first'
	| 'last'
	| 'open'
	| 'edit'
	| 'create'
	| 'duplicate'
	| 'reset'
	| 'upgrade'
	| 'toggleState'
	| 'delete'
	| 'mark'
	| 'legacy'
	| 'reveal'
	| 'copy'
	| 'audit'
	| 'tour'
	| 'refresh'
	| 'help'
	| 'quit';

/** Where a binding applies: the token list, or the details pane of one token. */
export type KeyContext = 'list' | 'details';

export type KeyBinding = {
	action: ActionId;
	/** Key specs: a printable character ("j", "G", "?"), or a named key ("up", "pageup", "return", "ctrl+r"). */
	keys: readonly string[];
	/** How the keys read in help and footer, when the specs alone would read badly. */
	label?: string;
	description: string;
	category: KeyCategory;
	contexts: readonly KeyContext[];
	/** A short hint for the footer; bindings without one appear only in help. */
	footer?: string;
	/** False while the feature is still to come: the key says so instead of acting. */
	available: boolean;
	/** Changes tokens: a read-only operator's footer leaves it out (the key says why it is unavailable). */
	writes?: boolean;
};

const list: readonly KeyContext[] = ['list'];
const both: readonly KeyContext[] = ['list', 'details'];
const details: readonly KeyContext[] = ['details'];

export const keymap: readonly KeyBinding[] = [
	{
		action: 'search',
		keys: ['/'],
		description: 'search by name',
		category: 'Filter',
		contexts: list,
		footer: 'search',
		available: true,
	},
	{
		action: 'cycleCreatedOn',
		keys: ['t'],
		description: 'cycle created on',
		category: 'Filter',
		contexts: list,
		footer: 'created',
		available: true,
	},
	{
		action: 'cycleState',
		keys: ['s'],
		description: 'cycle state',
		category: 'Filter',
		contexts: list,
		footer: 'state',
		available: true,
	},
	{
		action: 'clearFilters',
		keys: ['x'],
		description: 'clear all filters',
		category: 'Filter',
		contexts: list,
		footer: 'clear',
		available: true,
	},
	{
		action: 'cycleSort',
		keys: ['o'],
		description: 'cycle sort order',
		category: 'Filter',
		contexts: list,
		available: true,
	},
	{
		action: 'up',
		keys: ['up', 'k'],
		label: '↑ k',
		description: 'move up',
		category: 'Move',
		contexts: list,
		available: true,
	},
	{
		action: 'down',
		keys: ['down', 'j'],
		label: '↓ j',
		description: 'move down',
		category: 'Move',
		contexts: list,
		available: true,
	},
	{
		action: 'pageUp',
		keys: ['pageup'],
		label: 'PgUp',
		description: 'page up',
		category: 'Move',
		contexts: list,
		available: true,
	},
	{
		action: 'pageDown',
		keys: ['pagedown'],
		label: 'PgDn',
		description: 'page down',
		category: 'Move',
		contexts: list,
		available: true,
	},
	{
		action: 'first',
		keys: ['g', 'home'],
		label: 'g Home',
		description: 'first token',
		category: 'Move',
		contexts: list,
		available: true,
	},
	{
		action: 'last',
		keys: ['G', 'end'],
		label: 'G End',
		description: 'last token',
		category: 'Move',
		contexts: list,
		available: true,
	},
	{
		action: 'open',
		keys: ['return'],
		label: 'Enter',
		description: 'open token details',
		category: 'Token',
		contexts: list,
		footer: 'open',
		available: true,
	},
	{
		action: 'edit',
		keys: ['return'],
		label: 'Enter',
		description: 'edit the token (in its details)',
		category: 'Token',
		contexts: details,
		footer: 'edit',
		available: true,
		writes: true,
	},
	{
		action: 'create',
		keys: ['n'],
		description: 'create a token',
		category: 'Token',
		contexts: list,
		footer: 'new',
		available: true,
		writes: true,
	},
	{
		action: 'duplicate',
		keys: ['c'],
		description: 'duplicate',
		category: 'Token',
		contexts: both,
		available: true,
	},
	{
		action: 'reset',
		keys: ['r'],
		description: 'reset auth token',
		category: 'Token',
		contexts: both,
		available: true,
	},
	{
		action: 'upgrade',
		keys: ['u'],
		description: 'upgrade API version',
		category: 'Token',
		contexts: both,
		available: true,
	},
	{
		action: 'toggleState',
		keys: ['e'],
		description: 'enable / disable',
		category: 'Token',
		contexts: both,
		available: true,
	},
	{
		action: 'delete',
		keys: ['d', 'delete'],
		label: 'd Del',
		description: 'delete',
		category: 'Token',
		contexts: both,
		available: true,
	},
	{
		action: 'mark',
		keys: ['space'],
		label: 'Space',
		description: 'mark for bulk action',
		category: 'Token',
		contexts: list,
		available: true,
	},
	{
		action: 'legacy',
		keys: ['l'],
		description: 'legacy tokens',
		category: 'View',
		contexts: list,
		available: true,
	},
	{
		action: 'reveal',
		keys: ['v'],
		description: 'reveal credentials',
		footer: 'reveal',
		category: 'Token',
		contexts: details,
		available: true,
	},
	{
		action: 'copy',
		keys: ['y'],
		description: 'copy auth token',
		footer: 'copy',
		category: 'Token',
		contexts: details,
		available: true,
	},
	{
		action: 'audit',
		keys: ['A'],
		description: 'audit log',
		category: 'View',
		contexts: list,
		available: true,
	},
	{
		action: 'tour',
		keys: ['T'],
		description: 'guided tour',
		category: 'View',
		contexts: list,
		available: true,
	},
	{
		action: 'refresh',
		keys: ['ctrl+r'],
		label: 'Ctrl+R',
		description: 'refresh from server',
		category: 'App',
		contexts: both,
		available: true,
	},
	{
		action: 'help',
		keys: ['?'],
		description: 'help',
		category: 'App',
		contexts: both,
		footer: 'help',
		available: true,
	},
	{
		action: 'quit',
		keys: ['q', 'ctrl+c'],
		label: 'q Ctrl+C',
		description: 'quit',
		category: 'App',
		contexts: both,
		footer: 'quit',
		available: true,
	},
];

export const categories: readonly KeyCategory[] = ['Filter', 'Move', 'Token', 'View', 'App'];

/** The subset of Ink's `Key` the matcher reads. */
export type KeyPress = {
	upArrow?: boolean;
	downArrow?: boolean;
	leftArrow?: boolean;
	rightArrow?: boolean;
	pageUp?: boolean;
	pageDown?: boolean;
	home?: boolean;
	end?: boolean;
	return?: boolean;
	escape?: boolean;
	ctrl?: boolean;
	shift?: boolean;
	tab?: boolean;
	backspace?: boolean;
	delete?: boolean;
	meta?: boolean;
};

const named: Record<string, (input: string, key: KeyPress) => boolean> = {
	up: (_, key) => Boolean(key.upArrow),
	down: (_, key) => Boolean(key.downArrow),
	left: (_, key) => Boolean(key.leftArrow),
	right: (_, key) => Boolean(key.rightArrow),
	pageup: (_, key) => Boolean(key.pageUp),
	pagedown: (_, key) => Boolean(key.pageDown),
	home: (_, key) => Boolean(key.home),
	end: (_, key) => Boolean(key.end),
	return: (_, key) => Boolean(key.return),
	escape: (_, key) => Boolean(key.escape),
	tab: (_, key) => Boolean(key.tab) && !key.shift,
	space: (input, key) => input === ' ' && !key.ctrl && !key.meta,
	// Terminals send DEL (0x7f) for Backspace and ESC[3~ for Delete; Ink reports both as `delete`
	// or `backspace` depending on version, so Delete is the key Ink calls delete with no input.
	delete: (_, key) => Boolean(key.delete),
};

/** Whether a key press matches one key spec of the table. */
export function matchesKey(spec: string, input: string, key: KeyPress): boolean {
	const namedMatcher = named[spec];
	if (namedMatcher) return namedMatcher(input, key);
	if (spec.startsWith('ctrl+')) return Boolean(key.ctrl) && input === spec.slice(5);
	return input === spec && !key.ctrl && !key.meta;
}

/** The binding a key press triggers in a context, if any. */
export function bindingFor(input: string, key: KeyPress, context: KeyContext): KeyBinding | undefined {
	return keymap.find(
		(binding) =>
			binding.contexts.includes(context) && binding.keys.some((spec) => matchesKey(spec, input, key)),
	);
}

/** How a binding's keys read in help and the footer. */
export function keyLabel(binding: KeyBinding): string {
	return binding.label ?? binding.keys.join(' ');
}

export function bindingOf(action: ActionId): KeyBinding {
	const binding = keymap.find((candidate) => candidate.action === action);
	if (!binding) throw new Error(`No key binding for ${action}`);
	return binding;
}
