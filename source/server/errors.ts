/**
 * Every error leaves as `{"Status":"ERROR","Message":"…"}` (plus `Field` when
 * one field is to blame, so the app can put the message under it). Errors that
 * fastify raises itself (bad JSON, body too large, a malformed URL) are mapped
 * onto the same shape; nothing a client sends may produce a 5xx.
 */
import type {FastifyError, FastifyInstance, FastifyReply} from 'fastify';
import type {Duplex} from 'node:stream';

export type ErrorBody = {
	Status: 'ERROR';
	Message: string;
	Field?: string;
	Errors?: Array<{Field: string; Message: string}>;
};

export class ApiError extends Error {
	constructor(
		readonly statusCode: number,
		message: string,
		readonly field?: string,
		readonly headers: Record<string, string> = {},
		readonly errors?: Array<{Field: string; Message: string}>,
	) {
		super(message);
	}
}

/** The store failed (a broken disk, an unreachable Redis): the client may retry; the details are not theirs. */
export class StoreUnavailable extends Error {}

export const badRequest = (message: string, field?: string) => new ApiError(400, message, field);
export const notFound = (message: string) => new ApiError(404, message);
export const forbidden = (message: string) => new ApiError(403, message);

export function unauthorized(message: string): ApiError {
	return new ApiError(401, message, undefined, {
		'WWW-Authenticate': 'Basic realm="agency-tokens", charset="UTF-8"',
	});
}

export function sendError(reply: FastifyReply, error: ApiError): FastifyReply {
	const body: ErrorBody = {Status: 'ERROR', Message: error.message};
	if (error.field) body.Field = error.field;
	if (error.errors && error.errors.length > 1) body.Errors = error.errors;
	return reply.code(error.statusCode).headers(error.headers).send(body);
}

/** What fastify's own errors mean to a client, in words that name the fix. */
function fromFastify(error: FastifyError): ApiError | undefined {
	switch (error.code) {
		case 'FST_ERR_CTP_BODY_TOO_LARGE': {
			return new ApiError(413, 'The request body is too large (at most 64 KiB)');
		}

		case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
		case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
		case 'FST_ERR_CTP_INVALID_TYPE': {
			return badRequest('The request body must be JSON, sent with Content-Type: application/json');
		}

		case 'FST_ERR_BAD_URL':
		case 'FST_ERR_ASYNC_CONSTRAINT': {
			return badRequest('The request URL is malformed');
		}

		default: {
			const status = error.statusCode ?? 0;
			return status >= 400 && status < 500 ? new ApiError(status, error.message) : undefined;
		}
	}
}

/**
 * For fastify's `frameworkErrors`: errors raised before routing (a URL with
 * broken percent-escapes) bypass the error handler otherwise.
 */
export function frameworkError(error: FastifyError, _request: unknown, reply: FastifyReply): void {
	void sendError(reply, fromFastify(error) ?? badRequest('The request could not be understood'));
}

/** Answers on a raw socket (before or outside fastify), in the JSON shape, and closes it. */
export function rawAnswer(socket: Duplex, status: number, reason: string, message: string): void {
	const body = JSON.stringify({Status: 'ERROR', Message: message} satisfies ErrorBody);
	if (socket.writable) {
		socket.write(
			`HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
		);
	}

	socket.destroy();
}

/**
 * For fastify's `clientErrorHandler`: requests Node's HTTP parser refuses
 * (bad framing, headers over 16 KiB) are answered on the raw socket, in the
 * same JSON shape, then the connection is closed.
 */
export function clientError(error: NodeJS.ErrnoException, socket: Duplex): void {
	if (error.code === 'ECONNRESET' || socket.destroyed) return;
	if (error.code === 'HPE_HEADER_OVERFLOW') {
		rawAnswer(
			socket,
			431,
			'Request Header Fields Too Large',
			'The request headers are too large (at most 16 KiB)',
		);
	} else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
		rawAnswer(socket, 408, 'Request Timeout', 'The request took too long to arrive');
	} else {
		rawAnswer(socket, 400, 'Bad Request', 'The request could not be read as HTTP/1.1');
	}
}

/** Installs the JSON error shape for thrown errors and for unknown routes. */
export function installErrorHandlers(app: FastifyInstance): void {
	app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
		if (error instanceof ApiError) return sendError(reply, error);
		const mapped = fromFastify(error);
		if (mapped) return sendError(reply, mapped);
		// A bug or a broken disk, never the client's input: say so without details (they could hold data).
		request.log.error({err: error}, 'request failed');
		const storage =
			error instanceof StoreUnavailable || /SQLITE|disk|ENOSPC|EIO/i.test(String(error.message));
		return sendError(
			reply,
			storage
				? new ApiError(503, 'The token store is unavailable; try again', undefined, {'Retry-After': '1'})
				: new ApiError(500, 'Internal error'),
		);
	});

	app.setNotFoundHandler((request, reply) =>
		sendError(reply, notFound(`No route ${request.method} ${request.url.split('?')[0]}`)),
	);
}
