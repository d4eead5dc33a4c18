import {render} from 'ink';
import {detectLanguage, setLanguage, t} from '../i18n/index.js';
import {
	initialState,
	prepareNameSearch,
	selectSettledToken,
	unlistedTokenIds,
	warmNameSearch,
	type AccountIntent,
	type Intent,
} from '../state/index.js';
import type {AccountEffects} from '../sync/account.js';
import type {CredentialsEffects} from '../sync/credentials.js';
import type {Editing} from '../sync/editing.js';
import type {Operations} from '../sync/operations.js';
import type {Session} from '../sync/session.js';
import {App} from '../ui/App.js';
import {copyToClipboard} from '../ui/clipboard.js';
import {routeInput, type KeyEffects} from '../ui/key-router.js';
import {createStore, type Store} from '../ui/store.js';
import {authTokenVariable, missingAuthToken, resolveTarget} from './connection.js';
import {deferWhileEditing, showSecrets} from './defer-secrets.js';
import {injectionNotice, prepareDemo} from './demo.js';
import {isTerminal, terminalProblem} from './environment.js';
import {collectAfterLargeLoads, settleCollection} from './memory.js';
import {parseAppFlags} from './flags.js';
import {askForAuthToken} from './prompt-secret.js';
import {startSandbox, type Sandbox} from './sandbox.js';
import {resetCommand} from './sandbox-reset.js';

/** How long quitting waits for operations still in flight. */
const quitGraceMs = 5000;

/**
 * Opens the app; resolves with the process exit status. `early`: the sandbox,
 * when the bin started it already for this command line (./early-sandbox.ts).
 */
export async function runApp(argv: string[], early?: Promise<Sandbox>): Promise<number> {
	const {flags} = parseAppFlags(argv);
	const chosen = detectLanguage(flags.lang);
	if (typeof chosen !== 'string') {
		process.stderr.write(`agency-tokens: ${chosen.error}\n`);
		return 2;
	}

	// Before the auth token prompt, which speaks the operator's language too.
	setLanguage(chosen);

	// Asked before Ink owns the terminal; kept in a copy of the environment, never in process.env.
	const asking = flags.sandboxReset ? undefined : missingAuthToken(flags);
	let env = process.env;
	if (asking) {
		const answer = await askForAuthToken(asking.apiUrl, asking.accountSid);
		if ('exitCode' in answer) return answer.exitCode;
		env = {...process.env, [authTokenVariable]: answer.token};
	}

	const target = resolveTarget(flags, env);
	if ('error' in target) {
		process.stderr.write(`agency-tokens: ${target.error}\n`);
		return 2;
	}

	// The command line shows in `ps`: once read, it gives way to the bare name (Linux rewrites argv in place).
	process.title = 'agency-tokens';
	const tokenFlagWarning =
		flags.authToken === undefined ? undefined : t('start.tokenFlag', {variable: authTokenVariable});

	if (flags.sandboxReset) return resetCommand(target, flags.yes);

	const problem = terminalProblem(process.env, isTerminal());
	if (problem) {
		process.stderr.write(`agency-tokens: ${t(problem)}\n`);
		return 2;
	}

	const store = createStore(
		initialState({
			now: Date.now(),
			serverUrl: target.kind === 'remote' ? target.apiUrl : t('start.sandbox'),
			accountSid: target.accountSid,
			...(flags.readonly ? {readOnlyReason: t('start.readOnlyFlag')} : {}),
		}),
	);
	const demo = prepareDemo(flags, store);
	if ('error' in demo) {
		process.stderr.write(`agency-tokens: ${demo.error}\n`);
		return 2;
	}

	// The sandbox's thread loads the server on the other core while this one draws the first frame
	// (started by the bin already, as a rule; here when it could not tell).
	const sandbox = target.kind === 'sandbox' ? (early ?? startSandbox(target)) : undefined;
	// A sandbox that cannot start is reported by connect(), below.
	sandbox?.catch(() => undefined);

	let session: Session | undefined;
	let operations: Operations | undefined;
	let editing: Editing | undefined;
	let credentials: CredentialsEffects | undefined;
	let account: AccountEffects | undefined;
	let quitting = false;
	let exitStatus = 0;

	const effects: KeyEffects = {
		refresh: () => session?.refresh(),
		perform(intent: Intent | AccountIntent) {
			if (!operations || !account) notConnected(store);
			else if (intent.kind === 'enableLegacy') void account.enableLegacy();
			else void operations.perform(intent);
		},
		copy,
		reveal: (tokenId) => (credentials ? void credentials.reveal(tokenId) : notConnected(store)),
		copyAuthToken: (tokenId) => (credentials ? void credentials.copyAuthToken(tokenId) : notConnected(store)),
		loadAudit: (page) => (account ? void account.loadAudit(page) : notConnected(store)),
		submitForm(form) {
			if (editing) void editing.submit(form);
			else
				store.dispatch({
					type: 'form/rejected',
					formId: form.id,
					message: t('start.notConnected'),
				});
		},
		refuse() {
			exitStatus = 3;
			session?.stop();
			// Let the refusal reach the screen before Ink's last frame is written.
			setTimeout(() => {
				instance.unmount();
			}, 100);
		},
		quit() {
			if (quitting) return;
			quitting = true;
			void waitForOperations(store, [operations, editing]).then(() => {
				instance.unmount();
			});
		},
		startTour: demo.tour.start,
		leaveTour: demo.tour.leave,
	};

	const instance = render(
		<App
			store={store}
			effects={effects}
			notice={injectionNotice(target)}
			tour={demo.tour}
			onInput={demo.onInput}
		/>,
		{
			exitOnCtrlC: false,
			incrementalRendering: true,
			maxFps: 60,
		},
	);
	demo.begin((data) => {
		routeInput(store, data, effects);
	});

	// Once a large list is in: its name index, so the first search key finds it ready (a second at
	// 1,000,000 tokens, better spent now than after "/"), then one collection of what the load left;
	// once the app has been idle and that has settled, the search's code made ready too.
	const stopCollecting = collectAfterLargeLoads(
		store,
		(collect) => {
			prepareNameSearch(store.getState());
			collect();
		},
		(collect) => {
			settleCollection(collect, {settled: warmNameSearch});
		},
	);
	const showNewSecrets = deferWhileEditing(store, (secrets) => {
		showSecrets(store, secrets);
	});

	// The first frame is on screen before the sandbox server is even loaded.
	if (tokenFlagWarning)
		store.dispatch({type: 'flash/show', message: tokenFlagWarning, level: 'info', at: Date.now()});

	const connect = async () => {
		// Loaded only after the first frame (got and the sync layer are a fifth of the code it would
		// wait for), and while the sandbox starts rather than after.
		const modules = Promise.all([
			import('../api/index.js'),
			import('../sync/account.js'),
			import('../sync/credentials.js'),
			import('../sync/editing.js'),
			import('../sync/operations.js'),
			import('../sync/session.js'),
			import('../i18n/api-errors.js'),
		]);
		const apiUrl = sandbox ? (await sandbox).url : target.kind === 'remote' ? target.apiUrl : '';
		store.dispatch({type: 'connection/server', serverUrl: apiUrl});
		const [
			{createApiClient},
			{createAccount},
			{createCredentials},
			{createEditing},
			{createOperations},
			{createSession},
			{retryWords},
		] = await modules;
		const client = createApiClient({
			apiUrl,
			accountSid: target.accountSid,
			authToken: target.authToken,
			// While a write waits out a 429 or a 503 its row stays pending; the message says why and for how long.
			onRetry(info) {
				if (info.operation.startsWith('GET ')) return;
				store.dispatch({
					type: 'flash/show',
					message: retryWords(info.error, info.delayMs),
					level: 'info',
					at: Date.now(),
				});
			},
		});
		const started = createSession(client, store.dispatch, Date.now, {
			current: (id) => selectSettledToken(store.getState(), id),
			unlisted: (listed, limit) => unlistedTokenIds(store.getState(), listed, limit),
		});
		session = started;
		operations = createOperations({
			client,
			getState: store.getState,
			dispatch: store.dispatch,
			onSecrets: showNewSecrets,
			// A write that cannot reach the server: the status line says so now, not at the next refresh.
			onUnreachable: started.refresh,
		});
		editing = createEditing({
			client,
			getState: store.getState,
			dispatch: store.dispatch,
			onSecrets: showNewSecrets,
			refresh: () => started.refresh(),
		});
		credentials = createCredentials({client, getState: store.getState, dispatch: store.dispatch, copy});
		account = createAccount(client, store.dispatch, store.getState, async () => started.reload());
		void account.loadLegacySwitch();
		await started.start();
	};

	connect().catch((error: unknown) => {
		store.dispatch({
			type: 'connection/status',
			status: 'offline',
			error: error instanceof Error ? error.message : String(error),
		});
	});

	await instance.waitUntilExit();
	stopCollecting();
	demo.end();
	session?.stop();
	await (await sandbox?.catch(() => undefined))?.close();
	return exitStatus;
}

function notConnected(store: Store): void {
	store.dispatch({
		type: 'flash/show',
		message: t('start.notConnected'),
		level: 'error',
		at: Date.now(),
	});
}

/** Puts text on the operator's clipboard (OSC 52, and a local clipboard where there is one). */
async function copy(text: string) {
	return copyToClipboard(text, (data) => process.stdout.write(data));
}

/** Says what quitting waits for, and waits for it, a few seconds at most. */
async function waitForOperations(
	store: Store,
	sources: ReadonlyArray<Pick<Operations, 'inFlight' | 'drain'> | undefined>,
): Promise<void> {
	const busy = sources.filter((source) => source !== undefined && source.inFlight > 0);
	const inFlight = busy.reduce((sum, source) => sum + source!.inFlight, 0);
	if (inFlight === 0) return;
	store.dispatch({
		type: 'flash/show',
		message: t('start.quitting', {seconds: quitGraceMs / 1000, count: inFlight}),
		level: 'info',
		at: Date.now(),
	});
	await Promise.all(busy.map(async (source) => source!.drain(quitGraceMs)));
}
