/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (starts n8n and its services; Node globals; Node modules and dev packages) */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	version: string;
};
export const PACKAGE_NAME = manifest.name;

let packed: string | undefined;

/**
 * The package as `npm publish` would upload it (run `npm run build` first); packed once per process,
 * or once per test run where `SEVENROOMS_TARBALL` names one already packed (the e2e tests' setup).
 */
export function packTarball(): string {
	const given = process.env.SEVENROOMS_TARBALL;
	if (given && existsSync(given)) return given;
	if (packed && existsSync(packed)) return packed;
	if (!existsSync(path.join(ROOT, 'dist')))
		throw new Error('dist/ is missing: run `npm run build` first');
	const destination = mkdtempSync(path.join(tmpdir(), 'sevenrooms-pack-'));
	const [result] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--silent', '--pack-destination', destination], {
			cwd: ROOT,
			encoding: 'utf8',
		}),
	) as Array<{ filename: string }>;
	packed = path.join(destination, result.filename);
	return packed;
}

/**
 * Installs the packed package into an n8n user folder the way n8n installs a community package
 * (n8n 2.41.1's `CommunityPackagesService.downloadPackage`; n8n 1.x ends in the same folder): the
 * tarball unpacked into `<user folder>/.n8n/nodes/node_modules/<name>`, its dev, peer and optional
 * dependencies stripped from its package.json, `npm install --ignore-scripts` there, and the package
 * recorded in `nodes/package.json`. n8n loads every package in that folder at start, as
 * `<name>.<node>` (`n8n-nodes-sevenrooms.sevenRooms`). Only the tarball stands in for `npm pack
 * <name>@<version>` from the registry. A package already there is replaced.
 */
export function installPackage(userFolder: string, tarball = packTarball()): string {
	const nodesFolder = path.join(userFolder, '.n8n', 'nodes');
	const packageFolder = path.join(nodesFolder, 'node_modules', PACKAGE_NAME);
	rmSync(packageFolder, { recursive: true, force: true });
	mkdirSync(packageFolder, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', packageFolder, '--strip-components=1']);

	const packageJsonPath = path.join(packageFolder, 'package.json');
	const packageJson = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as Record<string, unknown>;
	for (const field of ['devDependencies', 'peerDependencies', 'optionalDependencies'])
		delete packageJson[field];
	writeFileSync(packageJsonPath, JSON.stringify(packageJson, null, 2), 'utf8');
	execFileSync(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--loglevel=error',
		],
		{ cwd: packageFolder, stdio: 'pipe' },
	);

	const ledgerPath = path.join(nodesFolder, 'package.json');
	const ledger: { dependencies?: Record<string, string> } = existsSync(ledgerPath)
		? JSON.parse(readFileSync(ledgerPath, 'utf8'))
		: { name: 'installed-nodes', private: true };
	ledger.dependencies = { ...ledger.dependencies, [PACKAGE_NAME]: String(packageJson.version) };
	writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2), 'utf8');
	return packageFolder;
}
