/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (lists files with git; Node globals; Node modules and dev packages) */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
	dependencies?: Record<string, string>;
	devDependencies: Record<string, string>;
	peerDependencies: Record<string, string>;
};
const tracked = execFileSync(
	'git',
	['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.js', '*.mjs', '*.cjs'],
	{ cwd: root, encoding: 'utf8' },
)
	.split('\n')
	.filter(Boolean);
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const shipped = tracked.filter((file) => /^(nodes|credentials)\//.test(file));

/** The rules of n8n's community-node config that dev tooling (run beside n8n) may switch off. */
const DEV_MAY_BREAK = new Set([
	'no-restricted-globals',
	'no-restricted-imports',
	'no-dangerous-functions',
	'no-hardcoded-secrets',
	'require-node-api-error',
]);

describe('n8n-node lint covers the shipped code with every rule', () => {
	it("keeps n8n's own eslint.config.mjs (strict mode refuses any other)", () => {
		const template = read(
			'node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs',
		);
		const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
		expect(normalise(read('eslint.config.mjs'))).toBe(normalise(template));
	});

	it('has no eslint directive in nodes/ or credentials/', () => {
		expect(shipped.length).toBeGreaterThan(10);
		expect(shipped.filter((file) => /\beslint[-\s]/.test(read(file)))).toEqual([]);
	});

	it('lets dev tooling switch off only the rules about running inside n8n, each with a reason', () => {
		const problems: string[] = [];
		for (const file of tracked.filter((name) => !shipped.includes(name))) {
			for (const [, directive] of read(file).matchAll(/\/[*/]\s*(eslint-disable[^\n]*)/g)) {
				const [rules, reason] = directive
					.replace(/^eslint-disable(-next-line|-line)?/, '')
					.split('--');
				const names = rules
					.replace(/\*\/.*$/, '')
					.split(',')
					.map((rule) => rule.trim())
					.filter(Boolean);
				if (!names.length) problems.push(`${file}: disables every rule`);
				for (const name of names)
					if (!DEV_MAY_BREAK.has(name.replace('@n8n/community-nodes/', '')))
						problems.push(`${file}: ${name}`);
				if (!reason?.trim()) problems.push(`${file}: no reason given`);
			}
		}
		expect(problems).toEqual([]);
	});
});

describe('package.json and imports', () => {
	it('has no runtime dependencies, and n8n-workflow as its only peer', () => {
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});

	it('declares every package the repository imports (no phantom dependencies)', () => {
		const declared = new Set([
			...Object.keys(manifest.dependencies ?? {}),
			...Object.keys(manifest.devDependencies),
			...Object.keys(manifest.peerDependencies),
		]);
		const specifier =
			/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
		const undeclared: string[] = [];
		for (const file of tracked) {
			for (const [, name] of read(file).matchAll(specifier)) {
				if (name.startsWith('.') || name.startsWith('node:') || builtinModules.includes(name))
					continue;
				if (!/^(@[\w.-]+\/)?[\w.-]+(\/[\w./-]*)?$/.test(name)) continue; // prose, not an import
				const packageName = name.startsWith('@')
					? name.split('/').slice(0, 2).join('/')
					: name.split('/')[0];
				if (!declared.has(packageName)) undeclared.push(`${file}: ${name}`);
			}
		}
		expect(undeclared).toEqual([]);
	});
});
