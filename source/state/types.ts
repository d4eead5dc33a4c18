/**
 * The shape of the app's one state. Pure data: no React, Ink or got here, so
 * the reducer and selectors run (and are tested) without a terminal.
 */
import type {Filters} from '../domain/filters.js';
import type {SortKey} from '../domain/sort.js';
import type {
	AccessToken,
	ApiCategory,
	ApiVersion,
	CredentialKind,
	Credentials,
	Operator,
	User,
} from '../domain/token.js';
import type {AuditEntry} from '../domain/audit.js';
import type {KeyedMap} from './keyed-map.js';
import type {TokenForm} from './token-form.js';

/**
 * A token plus what the hot filter and sort loops compare as numbers, so a
 * keystroke never parses a date. In the collection a row is the packed token
 * itself (`packed-tokens.ts`). Folded names are not kept per row (at
 * 1,000,000 rows they were ~110 MB): a large list's are held once, in its
 * name index (`search-index.ts`), and a small one folds them as it searches.
 */
export type TokenRow = {
	readonly token: AccessToken;
	/** `Date.parse(token.CreatedAt)`; NaN for an unparseable date. */
	readonly createdAtMs: number;
	/** `Date.parse(token.LastUsedAt)`; -Infinity when never used, NaN for an unparseable date. */
	readonly lastUsedAtMs: number;
};

/**
 * How the collection last changed: `base` is the `rows` array before the
 * change, `removed` the row objects that left it and `added` those that
 * joined it (an update is one of each). Selectors use it to update their
 * sorted and filtered lists in place of sorting again.
 */
export type TokenChange = {
	readonly base: readonly TokenRow[];
	readonly removed: readonly TokenRow[];
	readonly added: readonly TokenRow[];
};

export type TokensSlice = {
	/** Every token, in arrival order (the visible order comes from the selectors). */
	readonly rows: readonly TokenRow[];
	/**
	 * The same rows by token Id. A persistent map (a ReadonlyMap to readers), so
	 * a change costs O(log n) instead of a copy of every entry.
	 */
	readonly byId: KeyedMap<TokenRow>;
	/** Bumps on every change of the collection; unchanged when an action changes nothing. */
	readonly revision: number;
	/** True once a complete set has arrived (a refresh, or the last page of the first load). */
	readonly loaded: boolean;
	/** The change that produced `rows` from the previous revision; null for the first. */
	readonly lastChange: TokenChange | null;
};

export type FlashLevel = 'info' | 'success' | 'error';

export type Flash = {
	readonly id: number;
	readonly message: string;
	readonly level: FlashLevel;
	/** When it was shown (ms since epoch). */
	readonly at: number;
};

/** The token actions of issue 4, as a confirmation carries them to the sync layer. */
export type Intent =
	| {readonly kind: 'reset'; readonly tokenIds: readonly string[]; readonly credential?: CredentialKind}
	| {readonly kind: 'enable'; readonly tokenIds: readonly string[]; readonly andReset?: boolean}
	| {readonly kind: 'disable'; readonly tokenIds: readonly string[]}
	| {readonly kind: 'delete'; readonly tokenIds: readonly string[]}
	| {readonly kind: 'duplicate'; readonly tokenIds: readonly string[]}
	| {readonly kind: 'upgrade'; readonly tokenIds: readonly string[]; readonly apiVersion: string};

export type IntentKind = Intent['kind'];

/** An account-wide change a confirmation can carry: turning legacy tokens on. */
export type AccountIntent = {readonly kind: 'enableLegacy'; readonly tokenIds: readonly string[]};

export type ConfirmRequest = {
	readonly title: string;
	readonly body: readonly string[];
	readonly confirmLabel: string;
	readonly risk: 'normal' | 'danger';
	/** When set, the operator must type this (the token's name) before `y` confirms. */
	readonly typeToConfirm?: string;
	readonly tokenIds: readonly string[];
	readonly intent: Intent | AccountIntent;
	/** A second way to confirm, on its own key: "enable and reset" after enabling. */
	readonly alternate?: {readonly key: string; readonly label: string; readonly intent: Intent};
};

/** A choice before an action: which API version to upgrade to, which legacy pair to reset. */
export type ChoiceRequest = {
	readonly title: string;
	readonly body: readonly string[];
	readonly options: ReadonlyArray<{readonly label: string; readonly value: string}>;
	/** What picking an option leads to. */
	readonly purpose:
		| {readonly kind: 'upgrade'; readonly tokenIds: readonly string[]}
		| {readonly kind: 'resetCredential'; readonly tokenIds: readonly string[]};
};

/** A secret the server returned once (create, duplicate, reset): shown once, never stored elsewhere. */
export type RevealedSecret = {
	readonly tokenName: string;
	readonly credential: CredentialKind;
	readonly credentials: Credentials;
};

/** A page of the audit log as the `A` view shows it. */
export type AuditView = {
	readonly entries: readonly AuditEntry[];
	readonly numPages: number;
	readonly total: number;
	readonly loading: boolean;
	readonly error: string | null;
};

/** The account's catalogues, loaded once per session for upgrades, scopes and contacts. */
export type Catalogues = {
	readonly versions: readonly ApiVersion[];
	readonly categories: readonly ApiCategory[];
	readonly users: readonly User[];
};

export type Overlay =
	| null
	| {readonly kind: 'help'}
	| {
			readonly kind: 'details';
			readonly tokenId: string;
			/** Credentials revealed with `v`: hidden again at `until`, or on leaving the pane. */
			readonly revealed?: {
				readonly readWrite: Credentials;
				readonly readOnly: Credentials | null;
				readonly until: number;
			};
	  }
	| {readonly kind: 'audit'; readonly page: number; readonly audit: AuditView}
	| {
			readonly kind: 'confirm';
			readonly request: ConfirmRequest;
			/** Starts on Cancel, so Enter alone never confirms. */
			readonly focus: 'cancel' | 'confirm';
			/** What has been typed towards `typeToConfirm`. */
			readonly typed: string;
	  }
	| {readonly kind: 'choose'; readonly request: ChoiceRequest; readonly index: number}
	| {
			readonly kind: 'secrets';
			readonly title: string;
			readonly secrets: readonly RevealedSecret[];
			readonly copied: string | null;
	  }
	/** The create wizard (`n`) or the edit form of a token (Enter in its details). */
	| {readonly kind: 'form'; readonly form: TokenForm};

export type Mode = 'list' | 'search';

export type PendingKind = 'update' | 'insert' | 'remove';

/** An optimistic change the server has not answered yet. */
export type PendingOp = {
	readonly opId: string;
	readonly tokenId: string;
	readonly kind: PendingKind;
	/** What the row's pending marker says, e.g. "Disabling". */
	readonly label: string;
	/**
	 * What a revert restores: the token before the change (null: it did not
	 * exist). Server news about the token while the op is in flight (a refresh,
	 * an upsert) replaces it, so a revert restores what the server holds.
	 */
	readonly previous: AccessToken | null;
	readonly startedAt: number;
};

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

export type Connection = {
	readonly serverUrl: string;
	readonly accountSid: string;
	readonly operator: Operator | null;
	readonly status: ConnectionStatus;
	readonly lastRefreshAt: number | null;
	readonly lastError: string | null;
	/** When lastError happened; null when there is none. */
	readonly lastErrorAt: number | null;
	/** A load or refresh is streaming in. */
	readonly loading: boolean;
	/** The server's `@total` for the load in progress, for "loading 3,000 of 100,000". */
	readonly expectedTotal: number | null;
	/** Whether the account shows its legacy tokens; null until asked. */
	readonly legacyEnabled: boolean | null;
	/** Why the app runs read-only regardless of role (`--readonly`, or the server refused a write with 403). */
	readonly readOnlyReason: string | null;
};

export type Selection = {
	/** The token under the cursor; it keeps its place when rows move around it. */
	readonly cursorId: string | null;
	/** The cursor's last displayed index, used when `cursorId` is hidden or gone. */
	readonly cursorIndex: number;
	/** First visible row of the list window; kept so the window scrolls only when the cursor leaves it. */
	readonly top: number;
	/** Token Ids marked for a bulk action; always a subset of the collection. */
	readonly marks: ReadonlySet<string>;
};

export type AppState = {
	/** The clock the created-on filter and relative times use; set by 'clock/tick'. */
	readonly now: number;
	readonly filters: Filters;
	readonly sort: SortKey;
	readonly mode: Mode;
	readonly overlay: Overlay;
	readonly tokens: TokensSlice;
	readonly selection: Selection;
	/** By opId, in the order the ops were applied. */
	readonly pending: ReadonlyMap<string, PendingOp>;
	/** While a load runs, the tokens the app changed since it began (see collection-reducer.ts); null between loads. */
	readonly changedDuringLoad: ReadonlySet<string> | null;
	/** Oldest first. */
	readonly flashes: readonly Flash[];
	/** The id the next flash gets; ids only grow, so they are stable React keys. */
	readonly nextFlashId: number;
	readonly connection: Connection;
	/** Null until loaded. */
	readonly catalogues: Catalogues | null;
	readonly viewport: {
		/** Rows available to the list, set by the UI on resize. */
		readonly listHeight: number;
	};
};
