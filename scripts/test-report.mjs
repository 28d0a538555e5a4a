// Reads jest's JSON reports (`--json --outputFile`), those that exist, and prints where the time
// went (the slowest test files and tests), the failed tests by name, and last `N passed, M failed`
// (then the stages that failed: FAILED_STAGES, their log names).
// Usage: node scripts/test-report.mjs <report.json>...
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SHOWN = 8;
const reports = process.argv
	.slice(2)
	.filter((file) => existsSync(file))
	.map((file) => ({ file, report: JSON.parse(readFileSync(file, 'utf8')) }));
const seconds = (ms) => `${(ms / 1000).toFixed(1).padStart(6)}s`;
const relative = (file) => path.relative(process.cwd(), file);

const files = reports.flatMap(({ report }) => report.testResults);
const tests = files.flatMap((file) =>
	file.assertionResults.map((test) => ({ ...test, file: relative(file.name) })),
);

if (files.length) {
	console.log(`The slowest test files (of ${files.length}):`);
	for (const file of [...files]
		.sort((a, b) => b.endTime - b.startTime - (a.endTime - a.startTime))
		.slice(0, SHOWN))
		console.log(`${seconds(file.endTime - file.startTime)}  ${relative(file.name)}`);
	console.log(`The slowest tests (of ${tests.length}):`);
	for (const test of [...tests]
		.sort((a, b) => (b.duration ?? 0) - (a.duration ?? 0))
		.slice(0, SHOWN))
		console.log(`${seconds(test.duration ?? 0)}  ${test.file}: ${test.fullName}`);
}

// A file that could not run (a syntax error, a failed beforeAll's setup) has no failed test of its own.
const broken = files.filter(
	(file) =>
		file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
);
const failed = tests.filter((test) => test.status === 'failed');
if (failed.length || broken.length) console.log('\nFailed:');
for (const test of failed) console.log(`  ${test.file}: ${test.fullName}`);
for (const file of broken)
	console.log(
		`  ${relative(file.name)}: ${file.message.split('\n').find((line) => line.trim() && !line.includes('●')) ?? 'did not run'}`,
	);

const passed = reports.reduce((sum, { report }) => sum + report.numPassedTests, 0);
const failures = reports.reduce(
	(sum, { report }) => sum + report.numFailedTests + report.numRuntimeErrorTestSuites,
	0,
);
const stages = (process.env.FAILED_STAGES ?? '').split(' ').filter(Boolean);
console.log(
	`\n${passed} passed, ${failures} failed${stages.length ? `; failed stages: ${stages.join(', ')} (.artifacts/logs)` : ''}`,
);
