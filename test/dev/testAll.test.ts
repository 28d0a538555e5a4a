/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (runs the test:all script; Node globals; Node modules) */
import { spawnSync } from 'node:child_process';
import {
	chmodSync,
	copyFileSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * `npm run test:all` (scripts/test-all.sh) in a copy of the project where every stage is a stub
 * (installs, build, lint, jest, the end-to-end tests), so that the script's own behaviour shows:
 * whatever fails, it ends with its stage times and `N passed, M failed`, and exits non-zero.
 */
const ROOT = path.join(__dirname, '../..');

/** jest's JSON report with `passed` passing and `failed` failing tests in one file. */
function jestReport(name: string, passed: number, failed: number) {
	const test = (status: string, index: number) => ({
		fullName: `${name} test ${index}`,
		status,
		duration: 10,
	});
	return {
		numPassedTests: passed,
		numFailedTests: failed,
		numRuntimeErrorTestSuites: 0,
		testResults: [
			{
				name: path.join('/project', `${name}.test.ts`),
				status: failed ? 'failed' : 'passed',
				startTime: 0,
				endTime: 50,
				message: '',
				assertionResults: [
					...Array.from({ length: passed }, (_, index) => test('passed', index)),
					...Array.from({ length: failed }, (_, index) => test('failed', passed + index)),
				],
			},
		],
	};
}

/** Runs test-all.sh in a stub project: `fail` names the stubs that exit 1. */
function runTestAll(fail: { jest?: boolean; e2e?: boolean; build?: boolean }) {
	const project = mkdtempSync(path.join(tmpdir(), 'test-all-'));
	const scripts = path.join(project, 'scripts');
	const bin = path.join(project, 'bin');
	mkdirSync(scripts);
	mkdirSync(bin);
	for (const file of ['test-all.sh', 'test-report.mjs'])
		copyFileSync(path.join(ROOT, 'scripts', file), path.join(scripts, file));
	const stub = (file: string, text: string) => {
		writeFileSync(file, `#!/usr/bin/env bash\n${text}\n`);
		chmodSync(file, 0o755);
	};
	for (const install of [
		'install-n8n.sh',
		'install-n8n1.sh',
		'install-maildev.sh',
		'install-queue-services.sh',
		'install-chromium.sh',
		'ensure-deps.sh',
	])
		stub(path.join(scripts, install), 'exit 0');
	stub(path.join(scripts, 'build.sh'), `exit ${fail.build ? 1 : 0}`);
	writeFileSync(
		path.join(project, 'unit.json'),
		JSON.stringify(jestReport('unit', 3, fail.jest ? 1 : 0)),
	);
	writeFileSync(
		path.join(project, 'e2e.json'),
		JSON.stringify(jestReport('e2e', 2, fail.e2e ? 1 : 0)),
	);
	stub(path.join(bin, 'npm'), 'exit 0');
	// `npx jest … --outputFile=<file>`: the report of the unit or e2e run, and its exit status.
	stub(
		path.join(bin, 'npx'),
		[
			'out=""; e2e=0',
			'for arg in "$@"; do case "$arg" in --outputFile=*) out="${arg#--outputFile=}";; jest.e2e.config.js) e2e=1;; esac; done',
			`if [ $e2e = 1 ]; then cp ${project}/e2e.json "$out"; exit ${fail.e2e ? 1 : 0}; fi`,
			`cp ${project}/unit.json "$out"; exit ${fail.jest ? 1 : 0}`,
		].join('\n'),
	);
	const run = spawnSync('bash', ['scripts/test-all.sh'], {
		cwd: project,
		encoding: 'utf8',
		env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
		timeout: 60_000,
	});
	const stageTimes = readFileSync(path.join(project, '.artifacts/stage-times.txt'), 'utf8');
	return { status: run.status, lines: run.stdout.trim().split('\n'), stageTimes };
}

describe('npm run test:all', () => {
	it('ends with "N passed, M failed" and exits non-zero when jest fails, after running the e2e tests', () => {
		const { status, lines, stageTimes } = runTestAll({ jest: true });
		expect(status).not.toBe(0);
		expect(lines.at(-1)).toBe('5 passed, 1 failed; failed stages: jest (.artifacts/logs)');
		// The failed test by name, under "Failed:".
		const failedList = lines.slice(lines.indexOf('Failed:') + 1, -1);
		expect(failedList.filter((line) => line.endsWith('unit.test.ts: unit test 3'))).toHaveLength(1);
		expect(stageTimes).toMatch(/s {2}unit, sandbox, engine and trigger tests \(jest\) {2}FAILED/);
		expect(stageTimes).toMatch(/s {2}end-to-end tests[^\n]*\n/);
		expect(stageTimes).toMatch(/s {2}the whole suite\n$/);
	});

	it('names a failed e2e stage and keeps its time', () => {
		const { status, lines, stageTimes } = runTestAll({ e2e: true });
		expect(status).not.toBe(0);
		expect(lines.at(-1)).toBe('5 passed, 1 failed; failed stages: e2e (.artifacts/logs)');
		expect(stageTimes).toMatch(/s {2}end-to-end tests[^\n]* {2}FAILED \(exit 1\)/);
	});

	it('skips the e2e tests when the build fails, and still ends with its summary', () => {
		const { status, lines, stageTimes } = runTestAll({ build: true });
		expect(status).not.toBe(0);
		expect(lines.at(-1)).toMatch(/^3 passed, 0 failed; failed stages: .*build.*e2e/);
		expect(stageTimes).toContain('skipped, the build failed');
	});

	it('exits 0 with the summary when everything passes', () => {
		const { status, lines } = runTestAll({});
		expect(lines.at(-1)).toBe('5 passed, 0 failed');
		expect(status).toBe(0);
	});
});
