/**
 * The real binary in a pseudo-terminal while its server goes away and comes
 * back on the same port and data: the status line says so, the list stays
 * readable and navigable, actions taken meanwhile show at once and come back
 * with a message, the app recovers by itself, and the server never sees an
 * action twice.
 */
import {rm} from 'node:fs/promises';
import {setTimeout} from 'node:timers/promises';
import {createServer, type Socket} from 'node:net';
import {afterAll, expect, test} from 'vitest';
import {closeAllTerminals, spawnApp, type TerminalSession} from '../support/pty.js';
import {accountSid, makeDataDir, startTestServer, type TestServer} from '../support/server.js';

const servers: TestServer[] = [];
let dataDir: string | undefined;
afterAll(async () => {
	await closeAllTerminals();
	await Promise.allSettled(servers.map(async (server) => server.close()));
	if (dataDir) await rm(dataDir, {recursive: true, force: true});
});

/** Starts the server on `dataDir` (and `port`, for a restart); `close` leaves the data in place. */
async function serve(port?: number): Promise<TestServer> {
	const server = await startTestServer({dataDir: dataDir!, ...(port === undefined ? {} : {port})});
	servers.push(server);
	return server;
}

/** Every token and every audit entry the server holds: what an action sent twice would change. */
async function snapshot(server: TestServer) {
	const [tokens, audit] = await Promise.all([
		server.request('GET', '/AccessTokens?PageSize=1000'),
		server.request('GET', '/AuditLog?PageSize=5'),
	]);
	expect(tokens.status).toBe(200);
	expect(audit.status).toBe(200);
	return {
		tokens: tokens.json.AccessTokens as Array<{Id: string; Name: string; State: string; Version: number}>,
		auditTotal: audit.json['@total'] as number,
		newestAudit: audit.json.AuditEntries as Array<{Action: string; TokenId: string}>,
	};
}

/** Filters the list down to `name`; the cursor lands on it. Works offline: filtering is local. */
async function showOnly(app: TerminalSession, name: string): Promise<void> {
	app.write(`x/${name}\r`);
	await app.waitFor(new RegExp(`^› {2}${name}\\s`, 'mu'));
}

const wait = {timeout: 30_000};

test('the server goes away and comes back: offline status, readable list, reverted actions, recovery, nothing sent twice', async () => {
	dataDir = await makeDataDir();
	const first = await serve();
	const port = first.server.port;
	const app = spawnApp(['--lang', 'en', '--api-url', first.url, '--account-sid', accountSid], {
		cols: 120,
		rows: 30,
		env: {AGENCY_TOKENS_AUTH_TOKEN: 'demo-admin'},
	});
	await app.waitFor('Billing sync – production', {timeout: 15_000});
	await app.waitForRawMode();
	await app.waitFor('refreshed just now');
	const before = await snapshot(first);

	// Really gone: the port refuses connections.
	await first.close();
	await expect(fetch(`${first.url}/`)).rejects.toThrow();

	// The list stays readable and navigable: filtering and moving the cursor are local.
	await showOnly(app, 'Snowflake loader');
	app.write('x');
	await app.waitFor(/^› {2}Billing sync – production\s/mu);
	app.press('down');
	await app.waitFor(/^› {2}Billing sync – staging\s/mu);
	expect(app.screen()).toContain('showing 54 of 54');

	// A disable taken offline shows at once, pending, then comes back with the reason.
	app.press('up');
	await app.waitFor(/^› {2}Billing sync – production\s+Enabled/mu);
	app.write('e');
	await app.waitFor('Disable "Billing sync – production"?');
	app.write('y');
	await app.waitFor(/^› ~Billing sync – production\s+Disabled/mu);
	await app.waitFor('Error: Could not disable "Billing sync – production": cannot reach', wait);
	await app.waitFor(/^› {2}Billing sync – production\s+Enabled/mu);
	await app.waitFor('offline — retrying', wait);

	// A duplicate (not idempotent) taken offline: the copy shows, then goes, with the reason.
	await showOnly(app, 'Snowflake loader');
	app.write('c');
	await app.waitFor('~Snowflake loader (copy)');
	await app.waitFor('Error: Could not duplicate "Snowflake loader": cannot reach', wait);
	expect(app.screen()).not.toContain('(copy)');
	expect(app.screen()).toContain('offline — retrying');

	// Meanwhile someone else disables a token, on the same data through another port.
	const elsewhere = await serve();
	const shopify = before.tokens.find((token) => token.Name === 'Shopify connector')!;
	expect(shopify.State).toBe('Enabled');
	const disabled = await elsewhere.request('POST', `/AccessTokens/${shopify.Id}/Disable`);
	expect(disabled.status).toBe(200);
	await elsewhere.close();

	// Back on the same port: the app reconnects by itself and reloads the list, other's change included.
	const second = await serve(port);
	app.write('x');
	await app.waitFor(/^ {3}Shopify connector\s+Disabled/mu, wait);
	await app.waitFor(/refreshed (just now|\d)/u, wait);
	expect(app.screen()).not.toContain('offline');

	// Nothing the app tried offline reached the server: only the other operator's disable is new.
	const after = await snapshot(second);
	expect(after.auditTotal).toBe(before.auditTotal + 1);
	expect(after.newestAudit[0]).toMatchObject({Action: 'Disable', TokenId: shopify.Id});
	const unchanged = (list: typeof before.tokens) => list.filter((token) => token.Id !== shopify.Id);
	expect(unchanged(after.tokens)).toEqual(unchanged(before.tokens));

	// Online again, the same duplicate goes through exactly once.
	await showOnly(app, 'Snowflake loader');
	app.write('c');
	await app.waitFor('New credentials for "Snowflake loader (copy)"', wait);
	const done = await snapshot(second);
	expect(done.tokens.filter((token) => token.Name === 'Snowflake loader (copy)')).toHaveLength(1);
	expect(done.auditTotal).toBe(after.auditTotal + 1);
}, 120_000);

test('opened before its server is up, the app connects by itself once it is: the list, who is signed in, the catalogues', async () => {
	const ownDir = await makeDataDir();
	let back: TestServer | undefined;
	try {
		// A port that refuses: a server's own, just closed.
		const gone = await startTestServer({dataDir: ownDir});
		await gone.close();
		const app = spawnApp(['--lang', 'en', '--api-url', gone.url, '--account-sid', accountSid], {
			cols: 120,
			rows: 30,
			env: {AGENCY_TOKENS_AUTH_TOKEN: 'demo-admin'},
		});
		await app.waitFor('offline — retrying', {timeout: 15_000});
		expect(app.screen()).toContain('connecting…');

		back = await startTestServer({dataDir: ownDir, port: gone.server.port});
		await app.waitFor('Billing sync – production', wait);
		await app.waitFor('Ada Lindqvist (Account Administrator)', wait);
		await app.waitForRawMode();
		// The upgrade dialog lists the API versions: the catalogues came in too. They are asked for
		// after the list, so they may still be on their way: told so, an operator presses again.
		await showOnly(app, 'Tableau extract – EMEA');
		const dialog = /Upgrade "Tableau extract – EMEA" from v15 to[\s\S]*v16 \(latest\)/u;
		const notYet = 'The API versions have not loaded yet; try again in a moment';
		for (const deadline = Date.now() + wait.timeout; Date.now() < deadline; ) {
			app.write('u');
			const screen = await app.waitFor(new RegExp(`${dialog.source}|${notYet}`, 'u'));
			if (dialog.test(screen)) break;
			await setTimeout(500);
		}
		await app.waitFor(dialog);
	} finally {
		await closeAllTerminals();
		await back?.close();
		await rm(ownDir, {recursive: true, force: true});
	}
}, 120_000);

/** A server that takes connections and reads requests but never answers; it notes each request's line and Idempotency-Key. */
async function blackHole(port: number) {
	const received: Array<{line: string; idempotencyKey: string | undefined}> = [];
	const sockets = new Set<Socket>();
	const hole = createServer((socket) => {
		sockets.add(socket);
		let head = '';
		let noted = false;
		socket.on('data', (chunk) => {
			head += String(chunk);
			if (noted || !head.includes('\r\n\r\n')) return;
			noted = true;
			const key = /^idempotency-key: *(\S+)/imu.exec(head)?.[1];
			received.push({line: head.slice(0, head.indexOf('\r\n')), idempotencyKey: key});
		});
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => {
		hole.listen(port, '127.0.0.1', resolve);
	});
	return {
		received,
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => {
				hole.close(resolve);
			});
		},
	};
}

test('a server that stops answering: the action reverts after the timeout, was sent once, and is not applied', async () => {
	const ownDir = await makeDataDir();
	let real: TestServer | undefined;
	let hole: Awaited<ReturnType<typeof blackHole>> | undefined;
	try {
		real = await startTestServer({dataDir: ownDir});
		const {port} = real.server;
		const app = spawnApp(['--lang', 'en', '--api-url', real.url, '--account-sid', accountSid], {
			cols: 120,
			rows: 30,
			env: {AGENCY_TOKENS_AUTH_TOKEN: 'demo-admin'},
		});
		await app.waitFor('Billing sync – production', {timeout: 15_000});
		await app.waitForRawMode();
		const before = await snapshot(real);
		await real.close();
		real = undefined;
		hole = await blackHole(port);

		await showOnly(app, 'Snowflake loader');
		app.write('e');
		await app.waitFor('Disable "Snowflake loader"?');
		app.write('y');
		await app.waitFor(/^› ~Snowflake loader\s+Disabled/mu);
		await app.waitFor(/Error: Could not disable "Snowflake loader": the server did not answer within/u, wait);
		await app.waitFor(/^› {2}Snowflake loader\s+Enabled/mu);
		// Whether it arrived is unknown, so it was not repeated: one request, with its key.
		const disables = hole.received.filter(({line}) => /^POST \S+\/Disable /u.test(line));
		expect(disables).toHaveLength(1);
		expect(disables[0]!.idempotencyKey).toMatch(/^[\w-]{16,}$/u);

		// Gone altogether (the list's own requests, also hanging, break off), then back.
		await hole.close();
		hole = undefined;
		await app.waitFor('offline — retrying', {timeout: 60_000});
		real = await startTestServer({dataDir: ownDir, port});
		await app.waitFor(/refreshed (just now|\d)/u, {timeout: 60_000});
		const after = await snapshot(real);
		expect(after.auditTotal).toBe(before.auditTotal);
		expect(after.tokens).toEqual(before.tokens);
	} finally {
		await closeAllTerminals();
		await hole?.close();
		await real?.close();
		await rm(ownDir, {recursive: true, force: true});
	}
}, 180_000);
