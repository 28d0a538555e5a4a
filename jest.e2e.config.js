/**
 * `npx jest -c jest.e2e.config.js [e2e/<file>]`: the end-to-end tests against real n8n. The setup
 * packs the package once and starts the shared n8n groups the selected files use (e2e/shared.ts);
 * three files run at a time, most of their time being spent waiting for n8n (poll intervals, a
 * rate limit's window), not computing.
 * @type {import('jest').Config}
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }] },
	globalSetup: '<rootDir>/e2e/setup/globalSetup.ts',
	globalTeardown: '<rootDir>/e2e/setup/globalTeardown.ts',
	testSequencer: '<rootDir>/e2e/setup/sequencer.js',
	testTimeout: 900_000,
	maxWorkers: 3,
};
