import {rm} from 'node:fs/promises';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {AccessToken} from '../../source/domain/token.js';
import {buildServer} from '../../source/server/app.js';
import {makeDataDir, send, startTestServer, type TestServer} from '../support/server.js';
import {legacy} from './fixture-facts.js';

type Credentials = {AccountSid: string; AuthToken: string};

describe('while the account has not enabled legacy tokens', () => {
	test('they are 404 by id, though they exist', async () => {
		// The ids are random per data directory: read one from the repository, then ask over HTTP.
		const dataDir = await makeDataDir();
		const {app, context} = await buildServer({dataDir, rateLimitPerHour: 0});
		try {
			const hidden = [...context.repository.tokens.values()].find((token) => token.Legacy)!;
			const url = await app.listen({host: '127.0.0.1', port: 0});
			const base = `${url}/Agencies/IRAgencyDemo1`;
			expect((await send('GET', `${base}/LegacyTokens/Enable`)).json).toEqual({Enabled: false});
			expect((await send('GET', `${base}/AccessTokens/${hidden.Id}`)).status).toBe(404);
			expect(
				(await send('POST', `${base}/AccessTokens/${hidden.Id}/Reset`, {body: {Credential: 'ReadOnly'}}))
					.status,
			).toBe(404);
			expect((await send('POST', `${base}/LegacyTokens/Enable`)).status).toBe(200);
			expect((await send('GET', `${base}/AccessTokens/${hidden.Id}`)).json).toMatchObject({
				Legacy: true,
				Name: hidden.Name,
			});
		} finally {
			await app.close();
			await rm(dataDir, {recursive: true, force: true});
		}
	});
});

describe('once enabled', () => {
	let server: TestServer;
	let tokens: AccessToken[];
	beforeAll(async () => {
		server = await startTestServer();
		const enabled = await server.request('POST', '/LegacyTokens/Enable');
		expect(enabled.json).toEqual({Enabled: true});
		// Enabling twice is harmless.
		expect((await server.request('POST', '/LegacyTokens/Enable')).json).toEqual({Enabled: true});
		tokens = (await server.request('GET', '/AccessTokens?PageSize=1000')).json.AccessTokens.filter(
			(token: {Legacy: boolean}) => token.Legacy,
		);
	});
	afterAll(async () => server.close());

	const enabledLegacy = () => tokens.filter((token) => token.State === 'Enabled');

	async function companyInformation(credentials: Credentials) {
		return server.request('GET', `/Agencies/${credentials.AccountSid}/CompanyInformation`, {
			auth: [credentials.AccountSid, credentials.AuthToken],
		});
	}

	test('every legacy token is listed with both pairs, created before April 2025', async () => {
		expect(tokens).toHaveLength(legacy.length);
		for (const token of tokens) {
			expect(Date.parse(token.CreatedAt)).toBeLessThan(Date.parse('2025-04-01T00:00:00Z'));
			expect(token.ReadOnly).toEqual({
				AccountSid: expect.stringMatching(/^IR/),
				AuthTokenHint: expect.any(String),
			});
			expect(token.ReadOnly!.AccountSid).not.toBe(token.AccountSid);
		}
	});

	test('the reveal shows both pairs, and both authenticate', async () => {
		const token = enabledLegacy()[0]!;
		const {json} = await server.request('GET', `/AccessTokens/${token.Id}/Credentials`);
		expect(json.ReadWrite.AccountSid).toBe(token.AccountSid);
		expect(json.ReadOnly.AccountSid).toBe(token.ReadOnly!.AccountSid);
		expect(json.ReadOnly.AuthToken.slice(-4)).toBe(token.ReadOnly!.AuthTokenHint);
		expect((await companyInformation(json.ReadWrite)).json.Credential).toBe('ReadWrite');
		expect((await companyInformation(json.ReadOnly)).json.Credential).toBe('ReadOnly');
	});

	test('reset needs to know which pair (400 naming Credential)', async () => {
		const token = enabledLegacy()[1]!;
		const {status, json} = await server.request('POST', `/AccessTokens/${token.Id}/Reset`);
		expect(status).toBe(400);
		expect(json.Field).toBe('Credential');
	});

	test('resetting one pair leaves the other working', async () => {
		const token = enabledLegacy()[2]!;
		const before = (await server.request('GET', `/AccessTokens/${token.Id}/Credentials`)).json;
		const reset = await server.request('POST', `/AccessTokens/${token.Id}/Reset`, {
			body: {Credential: 'ReadOnly'},
		});
		expect(reset.status).toBe(200);
		expect(reset.json.Credentials.AccountSid).toBe(before.ReadOnly.AccountSid);
		expect((await companyInformation(before.ReadOnly)).status).toBe(401);
		expect((await companyInformation(reset.json.Credentials)).status).toBe(200);
		expect((await companyInformation(before.ReadWrite)).status).toBe(200);
		expect(reset.json.AccessToken.AuthTokenHint).toBe(token.AuthTokenHint);
	});

	test('upgrade works as for scoped tokens', async () => {
		const token = tokens.find((candidate) => candidate.ApiVersion !== '16')!;
		const {status, json} = await server.request('POST', `/AccessTokens/${token.Id}/Upgrade`, {
			body: {ApiVersion: '16'},
		});
		expect(status).toBe(200);
		expect(json).toMatchObject({ApiVersion: '16', Legacy: true});
	});

	test('duplicate makes a scoped token with the same scopes and one credential pair', async () => {
		const token = tokens[3]!;
		const {status, json} = await server.request('POST', `/AccessTokens/${token.Id}/Duplicate`);
		expect(status).toBe(201);
		expect(json.AccessToken).toMatchObject({Legacy: false, ReadOnly: null, Scopes: token.Scopes});
		expect(
			(await server.request('GET', `/AccessTokens/${json.AccessToken.Id}/Credentials`)).json.ReadOnly,
		).toBeNull();
	});
});
