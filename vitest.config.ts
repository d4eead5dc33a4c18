import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		globalSetup: ['test/support/global-setup.ts'],
		setupFiles: ['test/support/packed-token-equality.ts'],
		testTimeout: 20_000,
		hookTimeout: 30_000,
		// End-to-end tests spawn the app and a server each; two cores, so keep the pool small.
		maxWorkers: 2,
	},
});
