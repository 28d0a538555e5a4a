// `npm run release -- <patch|minor|major|x.y.z>`: checks (lint, build, n8n's scanner on the
// tarball), bumps the version, moves CHANGELOG.md's "Unreleased" notes under the new version,
// commits and tags `vX.Y.Z`. Pushing the tag (`git push --follow-tags`) makes
// .github/workflows/publish.yml build, test and publish it to npm with provenance, which n8n
// requires of verified community nodes. package.json's publishConfig asks npm for provenance on
// every publish, which npm can only give in CI, so a publish from a laptop fails.
// `--skip-checks` leaves the checks out (the test of this script uses it).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const cwd = process.cwd();
const args = process.argv.slice(2);
const bump = args.find((arg) => !arg.startsWith('--'));
const skipChecks = args.includes('--skip-checks');

const run = (command, commandArgs, options = {}) =>
	execFileSync(command, commandArgs, { cwd, encoding: 'utf8', stdio: 'pipe', ...options });
const fail = (message) => {
	process.stderr.write(`release: ${message}\n`);
	process.exit(1);
};

if (!bump || !/^(patch|minor|major|\d+\.\d+\.\d+(-[\w.]+)?)$/.test(bump))
	fail('say which version: npm run release -- patch | minor | major | 1.2.3');
if (run('git', ['status', '--porcelain']).trim())
	fail('the work tree has uncommitted changes; commit or stash them first');

const changelogPath = path.join(cwd, 'CHANGELOG.md');
const changelog = readFileSync(changelogPath, 'utf8');
const unreleased = /^## Unreleased[ \t]*\n([\s\S]*?)(?=^## )/m.exec(changelog);
if (!unreleased) fail('CHANGELOG.md has no "## Unreleased" section above the last release');
if (!unreleased[1].trim())
	fail('CHANGELOG.md\'s "## Unreleased" section is empty: write what changed first');

if (!skipChecks)
	for (const script of ['lint', 'build', 'scan'])
		run('npm', ['run', script, '--silent'], { stdio: 'inherit' });

run('npm', ['version', bump, '--no-git-tag-version', '--ignore-scripts']);
const { version } = JSON.parse(readFileSync(path.join(cwd, 'package.json'), 'utf8'));
const date = new Date().toISOString().slice(0, 10);
writeFileSync(
	changelogPath,
	changelog.replace(
		unreleased[0],
		`## Unreleased\n\n## ${version} (${date})\n\n${unreleased[1].trim()}\n\n`,
	),
);

const files = ['package.json', 'CHANGELOG.md'];
if (run('git', ['ls-files', 'package-lock.json']).trim()) files.push('package-lock.json');
run('git', ['add', ...files]);
run('git', ['commit', '-m', `Release ${version}`]);
run('git', ['tag', '-a', `v${version}`, '-m', `Release ${version}`]);
process.stdout.write(
	`Released ${version}: committed and tagged v${version}.\nPublish it with: git push --follow-tags\n`,
);
