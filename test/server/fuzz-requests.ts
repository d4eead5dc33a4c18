/**
 * Random and mutated requests for the fuzz run: mostly the contract's own
 * routes with real ids, then broken one piece at a time (method, path, query,
 * headers, credentials, body), plus pure junk.
 */
import fc from 'fast-check';
import {resetSchema, tokenFieldsSchema} from '../../source/server/bodies.js';

export type FuzzRequest = {
	method: string;
	/** Raw request target: sent byte for byte, broken escapes and all. */
	path: string;
	headers: Record<string, string>;
	body: Buffer | undefined;
};

const sid = 'IRAgencyDemo1';
const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

/** Authorization headers: mostly good ones (so requests get past the door), then every way to get it wrong. */
const authorization = fc.oneof(
	{weight: 8, arbitrary: fc.constant(`Basic ${b64(`${sid}:demo-admin`)}`)},
	{
		weight: 2,
		arbitrary: fc
			.constantFrom('demo-specialist', 'demo-readonly', 'demo-analyst')
			.map((t) => `Basic ${b64(`${sid}:${t}`)}`),
	},
	{
		weight: 3,
		arbitrary: fc.oneof(
			fc.constantFrom(
				'',
				'Basic',
				'Basic ',
				'Basic !!!!',
				'Basic ====',
				`basic   ${b64(`${sid}:demo-admin`)}  `,
				`Basic ${b64(`${sid}:demo-admin`)} trailing`,
				`Basic ${b64('no colon at all')}`,
				`Basic ${b64(':')}`,
				`Basic ${b64(`${sid}:`)}`,
				`Basic ${b64(`IRX:demo-admin`)}`,
				`Basic ${b64(`IR${'A'.repeat(14)}:secret`)}`,
				`Basic ${b64(`IR${'A'.repeat(14)}RO:secret`)}`,
				`Basic ${b64(Buffer.from([0xff, 0xfe, 0x3a, 0x80]))}`,
				`Basic ${'A'.repeat(8000)}`,
				'Bearer abc.def.ghi',
				'Digest username="x"',
			),
			fc.string({maxLength: 60}).map((junk) => `Basic ${b64(junk)}`),
			fc.string({unit: 'binary-ascii', maxLength: 40}).map((junk) => junk.replace(/[\r\n\0]/g, '')),
		),
	},
	{weight: 1, arbitrary: fc.constant(undefined)},
);

const junkSegment = fc.oneof(
	fc.constantFrom(
		'..',
		'.',
		'%2e%2e',
		'%2E%2E%2F',
		'..%2f..%2f..%2fetc%2fpasswd',
		'%00',
		'%ZZ',
		'%E0%A4%A',
		'%C0%AE',
		'%FF%FE',
		'%ef%bf%bd',
		'~',
		'*',
		'%2A',
		';x=1',
		'AccessTokens',
		'Credentials',
		'__proto__',
		'constructor',
		'x'.repeat(300),
		'%u2215',
		'\u202E',
		'東京',
	),
	fc.string({unit: 'binary-ascii', minLength: 1, maxLength: 12}).map((text) => encodeURIComponent(text)),
	fc.string({unit: 'binary', minLength: 1, maxLength: 6}).map((text) => {
		try {
			return encodeURIComponent(text);
		} catch {
			return '%F0%9F';
		}
	}),
);

const queryValue = fc.oneof(
	fc.constantFrom(
		'',
		'1',
		'0',
		'-1',
		'1e3',
		'1000',
		'1001',
		'9007199254740993',
		'NaN',
		' 2 ',
		'%00',
		'%ZZ',
		'Enabled',
		'disabled',
		'Last7Days',
		'moreThan30days',
		'x'.repeat(300),
	),
	fc.string({maxLength: 20}).map((text) => encodeURIComponent(text)),
);
const queryName = fc.constantFrom(
	'Page',
	'PageSize',
	'Name',
	'CreatedOn',
	'State',
	'Name[]',
	'__proto__',
	'constructor[prototype]',
	'page',
	'',
);
const query = fc
	.array(fc.tuple(queryName, queryValue), {maxLength: 5})
	.map((pairs) =>
		pairs.length === 0 ? '' : `?${pairs.map(([name, value]) => `${name}=${value}`).join('&')}`,
	);

const action = fc.constantFrom('Duplicate', 'Reset', 'Upgrade', 'Enable', 'Disable', 'Credentials');

/** A value of the wrong type, or a hostile one of the right type. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
	fc.constantFrom(
		null,
		true,
		0,
		-1,
		1e308,
		'',
		' ',
		'x'.repeat(5000),
		'\u0000\u001B]0;pwned\u0007',
		'\u202Egnp.exe',
		[],
		{},
		['reports.reports.get'],
		['x', 'x'],
	),
	fc.string({unit: 'binary', maxLength: 30}),
	fc.array(fc.string({maxLength: 30}), {maxLength: 4}),
	fc.jsonValue({maxDepth: 3}),
);
// Every field a body schema reads, so a field added there is fuzzed too, plus the prototype's own.
const field = fc.constantFrom(
	...Object.keys(tokenFieldsSchema.shape),
	...Object.keys(resetSchema.shape),
	'__proto__',
	'constructor',
);
const validToken = {Name: 'Fuzzed', Scopes: ['reports.reports.get']};

const jsonBody = fc
	.oneof(
		{
			weight: 3,
			arbitrary: fc.dictionary(field, oddValue, {maxKeys: 4}).map((fields) => ({...validToken, ...fields})),
		},
		{weight: 1, arbitrary: fc.constant(validToken)},
		{
			weight: 1,
			arbitrary: fc.constantFrom(
				{Credential: 'ReadOnly'},
				{Credential: 'ReadWrite'},
				{ApiVersion: '16'},
				{ApiVersion: '11'},
			),
		},
		{weight: 1, arbitrary: fc.jsonValue({maxDepth: 4})},
	)
	.map((value) => Buffer.from(JSON.stringify(value) ?? 'null'));

const rawBody = fc
	.oneof(
		fc.constantFrom(
			'',
			' ',
			'{',
			'{"Name":',
			'null',
			'[]',
			'"string"',
			'1e999',
			'{"Name":"a","Name":"b","Scopes":["reports.reports.get"]}',
			'{"__proto__":{"admin":true},"Name":"p","Scopes":["reports.reports.get"]}',
			'\uFEFF{"Name":"bom","Scopes":["reports.reports.get"]}',
			`${'['.repeat(30_000)}${']'.repeat(30_000)}`,
			`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
			`{"Name":"${'x'.repeat(70_000)}"}`,
		),
		fc.string({unit: 'binary', maxLength: 200}),
	)
	.map((text) => Buffer.from(text));
const invalidUtf8 = fc
	.uint8Array({maxLength: 64})
	.map((bytes) => Buffer.concat([Buffer.from('{"Name":"'), Buffer.from(bytes), Buffer.from('"}')]));

const contentType = fc.constantFrom(
	'application/json',
	'application/json',
	'application/json; charset=utf-8',
	'application/json; charset=latin1',
	'application/vnd.api+json',
	'text/plain',
	'application/x-www-form-urlencoded',
	'multipart/form-data; boundary=x',
	'application/json, text/plain',
	'',
	'json',
);

const headerValue = fc.oneof(
	fc.constantFrom(
		'"1"',
		'"2"',
		'W/"1"',
		'*',
		'"1", "2"',
		'',
		'garbage',
		'"',
		'127.0.0.1, ::1',
		'16',
		'application/xml',
	),
	fc.string({unit: 'binary-ascii', maxLength: 40}).map((text) => text.replace(/[\r\n\0]/g, '')),
	fc.uuid(),
);
const extraHeaders = fc.dictionary(
	fc.constantFrom(
		'If-Match',
		'If-None-Match',
		'Idempotency-Key',
		'IR-Version',
		'Accept',
		'Accept-Encoding',
		'X-Forwarded-For',
	),
	headerValue,
	{maxKeys: 3},
);
/** Headers that change how the message is framed or sized: rarely, or most requests never reach the routes. */
const framingHeader = fc.oneof(
	{weight: 30, arbitrary: fc.constant(null)},
	{
		weight: 1,
		arbitrary: fc.tuple(
			fc.constantFrom('Transfer-Encoding', 'Content-Encoding', 'X-Padding'),
			fc.oneof(
				fc.constantFrom('gzip', 'chunked', 'identity', 'br, chunked', 'x'.repeat(20_000)),
				headerValue,
			),
		),
	},
);

/** The request with what HTTP/1.1 cannot carry escaped (path) or dropped (header values). */
function wireClean(request: FuzzRequest): FuzzRequest {
	const path = request.path.replace(/[^\u0021-\u007E]/gu, (character) => {
		try {
			return encodeURIComponent(character);
		} catch {
			return '%EF%BF%BD';
		}
	});
	const headers = Object.fromEntries(
		Object.entries(request.headers).map(([name, value]) => [name, value.replace(/[^\t\u0020-\u007E]/g, '')]),
	);
	return {...request, path, headers};
}

/** A request of the contract, then bent: ids from `ids` (real tokens) or junk. */
export function fuzzRequest(ids: () => string[]): fc.Arbitrary<FuzzRequest> {
	const id = fc.oneof(
		{weight: 4, arbitrary: fc.nat().map((n) => ids()[n % Math.max(1, ids().length)] ?? 'none')},
		{weight: 1, arbitrary: junkSegment},
	);
	const prefix = fc.oneof(
		{weight: 10, arbitrary: fc.constant(`/Agencies/${sid}`)},
		{
			weight: 1,
			arbitrary: fc.constantFrom(
				'/Agencies/IRSomeoneElse',
				'/Agencies',
				'',
				'/agencies/irAgencyDemo1',
				`/Agencies/${sid}/..`,
				'//Agencies//IRAgencyDemo1',
			),
		},
	);
	const route = fc.oneof(
		fc
			.tuple(fc.constantFrom('GET', 'HEAD'), query)
			.map(([method, q]) => ({method, path: `/AccessTokens${q}`})),
		fc
			.tuple(fc.constantFrom('GET', 'PUT', 'DELETE', 'HEAD', 'PATCH'), id)
			.map(([method, x]) => ({method, path: `/AccessTokens/${x}`})),
		fc
			.tuple(fc.constantFrom('POST', 'GET'), id, action)
			.map(([method, x, a]) => ({method, path: `/AccessTokens/${x}/${a}`})),
		fc.constant({method: 'POST', path: '/AccessTokens'}),
		fc
			.constantFrom(
				'/ApiVersions',
				'/ApiScopes',
				'/Users',
				'/Operator',
				'/AuditLog?PageSize=5',
				'/LegacyTokens/Enable',
				'/CompanyInformation',
			)
			.chain((path) => fc.constantFrom('GET', 'POST').map((method) => ({method, path}))),
		fc
			.tuple(
				fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
				fc.array(junkSegment, {minLength: 1, maxLength: 4}),
			)
			.map(([method, segments]) => ({method, path: `/${segments.join('/')}`})),
	);
	const method = fc.oneof(
		{weight: 30, arbitrary: fc.constant(undefined)},
		{
			weight: 1,
			arbitrary: fc.constantFrom('get', 'PROPFIND', 'BREW', 'CONNECT', 'TRACE', 'G E T', 'POST\u0000'),
		},
	);
	return fc
		.record({
			prefix,
			route,
			odd: method,
			// Most requests are valid HTTP with hostile contents; a few are hostile on the wire too.
			raw: fc.integer({min: 0, max: 9}).map((dice) => dice === 0),
			auth: authorization,
			type: contentType,
			extra: extraHeaders,
			framing: framingHeader,
			body: fc.option(
				fc.oneof(
					{weight: 4, arbitrary: jsonBody},
					{weight: 2, arbitrary: rawBody},
					{weight: 1, arbitrary: invalidUtf8},
				),
				{freq: 2},
			),
		})
		.map(({prefix: base, route: {method, path}, odd, raw, auth, type, extra, framing, body}) => {
			const headers: Record<string, string> = {Accept: 'application/json', ...extra};
			if (framing) headers[framing[0]] = framing[1];
			if (auth !== undefined) headers.Authorization = auth;
			if (body !== null && type !== '') headers['Content-Type'] = type;
			const request = {method: odd ?? method, path: `${base}${path}`, headers, body: body ?? undefined};
			return raw ? request : wireClean(request);
		});
}
