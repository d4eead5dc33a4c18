/**
 * The bench's baseline: the same screen built the plain way, to measure the
 * app against. `@alcalzone/ink-table` over the rows that fit, full redraws
 * (Ink's defaults: no incremental rendering), `useState` + `useInput`, the
 * whole list fetched before it is shown, a search that filters every token
 * on every keystroke, and actions that wait for the server before the row
 * changes. It talks to the same server with the same HTTP client, so the
 * difference the bench measures is the rendering and the state handling.
 *
 *   node baseline.js --api-url URL    or    node baseline.js --data DIR (embedded server)
 */
import {Table} from '@alcalzone/ink-table';
import {Box, Text, render, useApp, useInput, useStdout} from 'ink';
import {useEffect, useState} from 'react';
import {createApiClient, type ApiClient} from '../../source/api/index.js';
import type {AccessToken} from '../../source/domain/token.js';
import {startServer} from '../../source/server/app.js';
import {count, relativeTime} from '../../source/ui/format.js';

type Row = Record<string, string>;

/** Filter bar (2), status line and footer: what the table leaves for the rest of the screen. */
const chromeLines = 4;

function Baseline({client}: {readonly client: ApiClient}) {
	const {exit} = useApp();
	const {stdout} = useStdout();
	const [tokens, setTokens] = useState<AccessToken[] | undefined>();
	const [query, setQuery] = useState('');
	const [searching, setSearching] = useState(false);
	const [cursor, setCursor] = useState(0);
	const [top, setTop] = useState(0);
	const [confirming, setConfirming] = useState<AccessToken | undefined>();
	const [now] = useState(Date.now);

	useEffect(() => {
		void client.listAllTokens({}, () => undefined).then(setTokens);
	}, [client]);

	const all = tokens ?? [];
	const visible =
		query === '' ? all : all.filter((token) => token.Name.toLowerCase().includes(query.toLowerCase()));
	// ink-table draws a rule between rows: two lines per row, three for its header and a closing rule.
	const fit = Math.max(1, Math.floor(((stdout.rows || 24) - 1 - chromeLines - 3) / 2));
	const index = Math.min(cursor, Math.max(0, visible.length - 1));
	const start = index < top ? index : index >= top + fit ? index - fit + 1 : top;
	if (start !== top) setTop(start);

	useInput((input, key) => {
		if (confirming) {
			if (input === 'y') {
				const action = confirming.State === 'Enabled' ? client.disableToken : client.enableToken;
				void action(confirming.Id).then((changed) => {
					setTokens((list) => list?.map((token) => (token.Id === changed.Id ? changed : token)));
				});
				setConfirming(undefined);
			} else if (input === 'n' || key.escape) setConfirming(undefined);
			return;
		}

		if (searching) {
			if (key.escape) {
				setQuery('');
				setSearching(false);
			} else if (key.return) setSearching(false);
			else if (key.backspace || key.delete) setQuery((text) => text.slice(0, -1));
			else if (key.downArrow) setCursor((at) => at + 1);
			else if (key.upArrow) setCursor((at) => Math.max(0, at - 1));
			else if (!key.ctrl && !key.meta) setQuery((text) => text + input);
			setCursor(0);
			return;
		}

		if (key.downArrow) setCursor(Math.min(index + 1, visible.length - 1));
		else if (key.upArrow) setCursor(Math.max(0, index - 1));
		else if (input === '/') setSearching(true);
		else if (input === 'e' && visible[index]) setConfirming(visible[index]);
		else if (input === 'q') exit();
	});

	const rows: Row[] = visible.slice(start, start + fit).map((token, offset) => ({
		' ': start + offset === index ? '›' : ' ',
		NAME: token.Name.length > 26 ? token.Name.slice(0, 25) + '…' : token.Name,
		STATE: token.State,
		CREATED: relativeTime(token.CreatedAt, now),
		VER: `v${token.ApiVersion}`,
		'LAST USED': relativeTime(token.LastUsedAt, now),
	}));

	return (
		<Box flexDirection="column">
			<Text>
				Search by name (/): {searching || query ? query : 'all'}
				{searching ? '_ Enter keeps · Esc clears' : ''}
			</Text>
			<Text>Created on (t): any State (s): any Sort (o): created</Text>
			{confirming ? (
				<Text>
					{confirming.State === 'Enabled' ? 'Disable' : 'Enable'} {confirming.Name}? y confirms · n cancels
				</Text>
			) : tokens ? (
				<Table data={rows} />
			) : (
				<Text>Loading tokens…</Text>
			)}
			<Text>
				showing {count(visible.length)} of {count(all.length)}
			</Text>
			<Text dimColor>↑↓ move · / search · e enable/disable · q quit</Text>
		</Box>
	);
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const flag = (name: string) => {
		const at = argv.indexOf(name);
		return at === -1 ? undefined : argv[at + 1];
	};

	let apiUrl = flag('--api-url');
	let server: Awaited<ReturnType<typeof startServer>> | undefined;
	const dataDir = flag('--data');
	if (!apiUrl && dataDir) {
		server = await startServer({dataDir, port: 0});
		apiUrl = server.url;
	}

	if (!apiUrl) throw new Error('usage: baseline --api-url URL | --data DIR');
	const client = createApiClient({apiUrl, accountSid: 'IRAgencyDemo1', authToken: 'demo-admin'});
	const instance = render(<Baseline client={client} />);
	await instance.waitUntilExit();
	await server?.close();
	process.exit(0);
}

await main();
