const { readdirSync } = require('node:fs');
const path = require('node:path');

/**
 * `npm test`: everything that needs no real n8n. One jest project per folder of test/ (a node, the
 * transport, the sandbox, dev tooling, the package), so one of them runs by name:
 * `npm test -- --selectProjects SevenRoomsTrigger` (several names work; a path works as ever).
 */
const shared = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	testMatch: ['**/*.test.ts'],
	// Type checking is `npm run typecheck`; tests only transpile, file by file, to stay fast.
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }] },
};
const folders = readdirSync(path.join(__dirname, 'test'), { withFileTypes: true })
	.filter((entry) => entry.isDirectory())
	.map((entry) => entry.name);

/** @type {import('jest').Config} */
module.exports = {
	projects: folders.map((folder) => ({
		...shared,
		displayName: folder,
		roots: [`<rootDir>/test/${folder}`],
	})),
	// A bound against a hang, not a verdict on speed: several tests run hundreds of real workflow
	// items or wait out a rate limit's window, which takes minutes on a machine busy with other work.
	testTimeout: 300_000,
	// Several engine tests mostly wait (a rate limit's window, a retry's backoff): three files at a
	// time keep 2 cores busy where jest's default (cores - 1) would run them one after another.
	maxWorkers: 3,
};
