// Packs the package as `npm publish` would, checks what the tarball holds and prints its size, then
// runs n8n's community package scanner (@n8n/scan-community-package, the check n8n runs before it
// verifies a package) on the tarball and on the source, offline: the same two legs as
// `analyzePackageByName`, whose other steps (npm provenance, fetching the attested source from
// GitHub) need the published package and run in n8n's own pipeline after `publish.yml`.
// Run after `npm run build`. `--keep DIR` leaves the tarball in DIR.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	SOURCE_FILE_PATTERNS,
	analyzePackage,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** What the tarball may hold besides dist/: what npm always adds, and the changelog. */
export const ALLOWED_TOP_LEVEL = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
	const keepAt = process.argv.includes('--keep')
		? path.resolve(process.argv[process.argv.indexOf('--keep') + 1])
		: undefined;
	const work = mkdtempSync(path.join(tmpdir(), 'sevenrooms-scan-'));
	try {
		const destination = keepAt ?? work;
		mkdirSync(destination, { recursive: true });
		const [packed] = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
				cwd: root,
				encoding: 'utf8',
			}),
		);
		const tarball = path.join(destination, packed.filename);
		const files = packed.files.map((file) => file.path);
		const unexpected = files.filter(
			(file) => !file.startsWith('dist/') && !ALLOWED_TOP_LEVEL.includes(file),
		);
		const missing = [
			...ALLOWED_TOP_LEVEL,
			...manifest.n8n.nodes,
			...manifest.n8n.credentials,
		].filter((file) => !files.includes(file));
		process.stdout.write(
			`tarball ${packed.filename}: ${kb(packed.size)} packed, ${kb(packed.unpackedSize)} unpacked, ${files.length} files\n`,
		);
		if (unexpected.length || missing.length)
			throw new Error(
				`The tarball holds what it should not (${unexpected.join(', ') || 'nothing'}) or lacks (${missing.join(', ') || 'nothing'})`,
			);
		if (manifest.dependencies && Object.keys(manifest.dependencies).length)
			throw new Error('package.json has runtime dependencies');

		const unpacked = path.join(work, 'package');
		mkdirSync(unpacked);
		execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
		// The scanner's two legs: the shipped JavaScript and package.json, then the source.
		const results = [
			['tarball', await analyzePackage(unpacked, ['**/*.js', 'package.json'])],
			['source', await analyzePackage(root, SOURCE_FILE_PATTERNS)],
		];
		let failed = false;
		for (const [leg, result] of results) {
			process.stdout.write(
				`scanner, ${leg}: ${result.passed ? 'passed' : `FAILED: ${result.message}`}\n`,
			);
			if (result.details) process.stdout.write(`${result.details}\n`);
			failed ||= !result.passed;
		}
		if (failed) process.exitCode = 1;
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

await main();
