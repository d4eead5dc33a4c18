import {render} from 'ink';
import {createApiClient} from '../api/index.js';
import {initialState} from '../state/index.js';
import {createSession, type Session} from '../sync/session.js';
import {App} from '../ui/App.js';
import {createStore} from '../ui/store.js';
import {resolveTarget, type Target} from './connection.js';
import {parseAppFlags} from './flags.js';

type Closable = {close(): Promise<void>};

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
	let server: Closable | undefined;
	const instance = render(
		<App store={store} effects={{quit: () => instance.unmount(), refresh: () => session?.refresh()}} />,
		{
			exitOnCtrlC: false,
			incrementalRendering: true,
			maxFps: 60,
		},
	);

	// The first frame is on screen before the sandbox server is even loaded.
	const connect = async () => {
		const apiUrl =
			target.kind === 'remote' ? target.apiUrl : await startSandbox(target, (running) => (server = running));
		store.dispatch({type: 'connection/server', serverUrl: apiUrl});
		session = createSession(
			createApiClient({apiUrl, accountSid: target.accountSid, authToken: target.authToken}),
			store.dispatch,
		);
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
