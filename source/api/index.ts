/**
 * The typed HTTP client of the token API. Import from here; the files behind
 * it are free to change.
 */
export {
	createApiClient,
	type ApiClient,
	type ApiClientOptions,
	type AuditPage,
	type ResetResult,
	type RevealedCredentials,
	type TokenPage,
} from './client.js';
export {
	ApiError,
	apiErrorCodes,
	formatDuration,
	isApiError,
	type ApiErrorCode,
	type FieldProblem,
} from './errors.js';
export {MemoryCache, type CacheOption} from './cache.js';
export {listSearchParams, type ListQuery} from './query.js';
export {parseRetryAfter, retryDefaults, type RetryInfo, type RetryOptions} from './retry.js';
export {defaultTimeoutMs} from './transport.js';
