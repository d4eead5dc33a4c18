import envPaths from 'env-paths';

/**
 * Where agency-tokens keeps its files, by the platform's conventions (XDG on
 * Linux): `data` for the sandbox's store and a server's default one, `cache`
 * for the code caches of the bundles.
 */
export function appPaths(): {readonly data: string; readonly cache: string} {
	const {data, cache} = envPaths('agency-tokens', {suffix: ''});
	return {data, cache};
}
