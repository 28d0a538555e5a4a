/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (runs git and the release script; Node globals; Node modules and dev packages) */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const script = path.resolve(__dirname, '../../scripts/release.mjs');
const identity = {
	GIT_AUTHOR_NAME: 'Release Test',
	GIT_AUTHOR_EMAIL: 'release-test@example.org',
	GIT_COMMITTER_NAME: 'Release Test',
	GIT_COMMITTER_EMAIL: 'release-test@example.org',
};

/** A throwaway repository with a package.json and a CHANGELOG.md, committed. */
function repository(changelog: string): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'sevenrooms-release-'));
	writeFileSync(
		path.join(dir, 'package.json'),
		`${JSON.stringify({ name: 'n8n-nodes-release-test', version: '0.1.0' }, null, '\t')}\n`,
	);
	writeFileSync(path.join(dir, 'CHANGELOG.md'), changelog);
	const git = (...args: string[]) =>
		execFileSync('git', args, { cwd: dir, env: { ...process.env, ...identity } });
	git('init', '-q');
	git('add', '.');
	git('commit', '-q', '-m', 'start');
	return dir;
}

const release = (dir: string, ...args: string[]) =>
	spawnSync('node', [script, ...args, '--skip-checks'], {
		cwd: dir,
		encoding: 'utf8',
		env: { ...process.env, ...identity },
	});

describe('npm run release', () => {
	it('bumps the version, moves the Unreleased notes under it, commits and tags', () => {
		const dir = repository(
			'# Changelog\n\n## Unreleased\n\n- Guest: Merge operation\n\n## 0.1.0\n\nFirst release.\n',
		);
		try {
			const result = release(dir, 'minor');
			expect(result.stderr).toBe('');
			expect(result.status).toBe(0);
			expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version).toBe(
				'0.2.0',
			);
			const changelog = readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8');
			expect(changelog).toMatch(
				/^# Changelog\n\n## Unreleased\n\n## 0\.2\.0 \(\d{4}-\d{2}-\d{2}\)\n\n- Guest: Merge operation\n\n## 0\.1\.0\n/,
			);
			const git = (...args: string[]) =>
				execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
			expect(git('tag', '--list')).toBe('v0.2.0');
			expect(git('log', '-1', '--format=%s')).toBe('Release 0.2.0');
			expect(git('status', '--porcelain')).toBe('');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('refuses without release notes or with uncommitted changes', () => {
		const dir = repository('# Changelog\n\n## Unreleased\n\n## 0.1.0\n\nFirst release.\n');
		try {
			const empty = release(dir, 'patch');
			expect(empty.status).toBe(1);
			expect(empty.stderr).toContain('empty');
			writeFileSync(
				path.join(dir, 'CHANGELOG.md'),
				'# Changelog\n\n## Unreleased\n\n- x\n\n## 0.1.0\n',
			);
			const dirty = release(dir, 'patch');
			expect(dirty.status).toBe(1);
			expect(dirty.stderr).toContain('uncommitted');
			expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version).toBe(
				'0.1.0',
			);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
