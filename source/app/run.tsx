import {render} from 'ink';
import {createApiClient} from '../api/index.js';
import {initialState, type Intent, type RevealedSecret} from '../state/index.js';
import {createOperations, type Operations} from '../sync/operations.js';
import {createSession, type Session} from '../sync/session.js';
import {App} from '../ui/App.js';
import {copyToClipboard} from '../ui/clipboard.js';
import type {KeyEffects} from '../ui/key-router.js';
import {createStore, type Store} from '../ui/store.js';
import {resolveTarget, type Target} from './connection.js';
import {parseAppFlags} from './flags.js';

type Closable = {close(): Promise<void>};

/** How long quitting waits for operations still in flight. */
const quitGraceMs = 5000;

/** Opens the app; resolves with the process exit status. */
export async function runApp(argv: string[]): Promise<number> {
	const {flags} = parseAppFlags(argv);
	const target = resolveTarget(flags);
	if ('error' in target) {
		process.stderr.write(`agency-tokens: ${target.error}\n`);
		return 2;
	}

	if (!process.stdin.isTTY || !process.stdout.isTTY) {
		process.stderr.write('agency-tokens: the app needs an interactive terminal; see agency-tokens --help\n');
		return 2;
	}

	const store = createStore(
		initialState({
			now: Date.now(),
			serverUrl: target.kind === 'remote' ? target.apiUrl : 'embedded sandbox',
			accountSid: target.accountSid,
		}),
	);
	let session: Session | undefined;
	let operations: Operations | undefined;
	let server: Closable | undefined;
	let quitting = false;

	const effects: KeyEffects = {
		refresh: () => session?.refresh(),
		perform(intent: Intent) {
			if (operations) void operations.perform(intent);
			else
				store.dispatch({
					type: 'flash/show',
					message: 'Not connected yet; try again in a moment',
					level: 'error',
					at: Date.now(),
				});
		},
		copy: (text) => copyToClipboard(text, (data) => process.stdout.write(data)),
		quit() {
			if (quitting) return;
			quitting = true;
			void waitForOperations(store, operations).then(() => {
				instance.unmount();
			});
		},
	};

	const instance = render(<App store={store} effects={effects} />, {
		exitOnCtrlC: false,
		incrementalRendering: true,
		maxFps: 60,
	});

	// The first frame is on screen before the sandbox server is even loaded.
	const connect = async () => {
		const apiUrl =
			target.kind === 'remote' ? target.apiUrl : await startSandbox(target, (running) => (server = running));
		store.dispatch({type: 'connection/server', serverUrl: apiUrl});
		const client = createApiClient({apiUrl, accountSid: target.accountSid, authToken: target.authToken});
		operations = createOperations({
			client,
			getState: store.getState,
			dispatch: store.dispatch,
			onSecrets: (secrets) => showSecrets(store, secrets),
		});
		session = createSession(client, store.dispatch);
		await session.start();
	};

	connect().catch((error: unknown) => {
		store.dispatch({
			type: 'connection/status',
			status: 'offline',
			error: error instanceof Error ? error.message : String(error),
		});
	});

	await instance.waitUntilExit();
	session?.stop();
	await server?.close();
	return 0;
}

/** Says what quitting waits for, and waits for it, a few seconds at most. */
async function waitForOperations(store: Store, operations: Operations | undefined): Promise<void> {
	if (!operations || operations.inFlight === 0) return;
	store.dispatch({
		type: 'flash/show',
		message: `Quitting: waiting up to ${quitGraceMs / 1000} s for ${operations.inFlight} operation(s) to reach the server…`,
		level: 'info',
		at: Date.now(),
	});
	await operations.drain(quitGraceMs);
}

function showSecrets(store: Store, secrets: RevealedSecret[]): void {
	const title =
		secrets.length === 1
			? `New credentials for "${secrets[0]!.tokenName}"`
			: `New credentials for ${secrets.length} tokens`;
	store.dispatch({type: 'overlay/open', overlay: {kind: 'secrets', title, secrets, copied: null}});
}

async function startSandbox(
	target: Extract<Target, {kind: 'sandbox'}>,
	keep: (server: Closable) => void,
): Promise<string> {
	const {startServer} = await import('../server/app.js');
	const server = await startServer({
		dataDir: target.dataDir,
		port: 0,
		latencyMs: target.latencyMs,
		failRate: target.failRate,
	});
	keep(server);
	return server.url;
}
