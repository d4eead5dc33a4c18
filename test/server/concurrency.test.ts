/**
 * Concurrent writers on one token, one server (SQLite): the If-Match check and
 * the change happen in one turn of the event loop, so exactly one of writers
 * holding the same ETag wins and the others get 412. (Between servers on one
 * Redis or PostgreSQL: shared-store.test.ts.)
 */
import {afterAll, beforeAll, expect, test} from 'vitest';
import {startTestServer, type TestServer} from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => server.close());

async function fresh(): Promise<string> {
	const {json} = await server.request('POST', '/AccessTokens', {
		body: {Name: 'Contended', Scopes: ['reports.reports.get']},
	});
	return json.AccessToken.Id as string;
}

async function changesOf(id: string): Promise<string[]> {
	const {json} = await server.request('GET', '/AuditLog?PageSize=1000');
	return (json.AuditEntries as Array<{TokenId: string; Action: string}>)
		.filter((entry) => entry.TokenId === id && entry.Action !== 'Create')
		.map((entry) => entry.Action);
}

const ifMatch = {'If-Match': '"1"'};

test('20 concurrent edits with one ETag: exactly one succeeds, the rest get 412', async () => {
	const id = await fresh();
	const answers = await Promise.all(
		Array.from({length: 20}, async (_, index) =>
			server.request('PUT', `/AccessTokens/${id}`, {
				body: {Description: `writer ${index}`},
				headers: ifMatch,
			}),
		),
	);
	const statuses = answers.map((answer) => answer.status).sort();
	expect(statuses).toEqual([200, ...Array.from({length: 19}, () => 412)]);
	const winner = answers.find((answer) => answer.status === 200)!.json;
	expect((await server.request('GET', `/AccessTokens/${id}`)).json).toMatchObject({
		Description: winner.Description,
		Version: 2,
	});
	expect(await changesOf(id)).toEqual(['Edit']);
});

test('20 concurrent disables, resets and upgrades with one ETag: exactly one succeeds', async () => {
	const id = await fresh();
	const actions = ['Disable', 'Reset', 'Enable', 'Duplicate'];
	const answers = await Promise.all(
		Array.from({length: 20}, async (_, index) =>
			server.request('POST', `/AccessTokens/${id}/${actions[index % actions.length]}`, {headers: ifMatch}),
		),
	);
	// Enable changes nothing on an enabled token, and Duplicate leaves the original as it is: both
	// answer 200/201 while the ETag still holds. Of the changes, exactly one lands.
	const changing = answers.filter((_, index) =>
		['Disable', 'Reset'].includes(actions[index % actions.length]!),
	);
	expect(changing.filter((answer) => answer.status === 200)).toHaveLength(1);
	expect(changing.filter((answer) => answer.status === 412)).toHaveLength(changing.length - 1);
	expect((await server.request('GET', `/AccessTokens/${id}`)).json.Version).toBe(2);
	expect(await changesOf(id)).toHaveLength(1);
});

test('a delete racing edits with the same ETag: one of them wins, and a deleted token is not written back', async () => {
	const id = await fresh();
	const answers = await Promise.all([
		server.request('DELETE', `/AccessTokens/${id}`, {headers: ifMatch}),
		...Array.from({length: 9}, async (_, index) =>
			server.request('PUT', `/AccessTokens/${id}`, {body: {Description: `late ${index}`}, headers: ifMatch}),
		),
	]);
	const successes = answers.filter((answer) => answer.status < 300);
	expect(successes).toHaveLength(1);
	const deleted = answers[0]!.status === 204;
	expect((await server.request('GET', `/AccessTokens/${id}`)).status).toBe(deleted ? 404 : 200);
	for (const answer of answers) expect([200, 204, 404, 412]).toContain(answer.status);
});
