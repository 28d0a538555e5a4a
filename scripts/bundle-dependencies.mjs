// Build step after tsc: the package ships with no runtime `dependencies` (n8n Cloud and verified
// community nodes allow none), so every third-party module the compiled nodes import is bundled
// into the dist file that imports it, with esbuild. Everything else stays as tsc wrote it: the
// nodes' own modules keep requiring each other (one copy of each, so module state such as the
// rate limiter stays shared), and what n8n itself provides stays external.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/**
 * Provided by n8n at run time, so never bundled: the peer dependencies (n8n-workflow), Node's own
 * modules, and luxon, which n8n ships and lends to community nodes (it is on the allow-list of
 * n8n's `no-restricted-imports` rule; n8n puts its own node_modules on NODE_PATH for them).
 */
export const PROVIDED_BY_N8N = [...Object.keys(manifest.peerDependencies ?? {}), 'luxon'];

const packageOf = (specifier) =>
	specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];

export const isProvided = (specifier) =>
	specifier.startsWith('node:') ||
	builtinModules.includes(specifier) ||
	PROVIDED_BY_N8N.includes(packageOf(specifier));

const isRelative = (specifier) => specifier.startsWith('.') || path.isAbsolute(specifier);

/** The bare `require("…")` specifiers of a compiled file. */
export const requiresOf = (code) =>
	[...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);

const jsFiles = (dir) =>
	readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return jsFiles(full);
		return entry.name.endsWith('.js') ? [full] : [];
	});

const packageJsonOf = (name) =>
	JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));

/** The bundled packages' names, versions, licences and licence texts, shipped beside the code. */
function writeNotices(packages) {
	const sections = [...packages].sort().map((name) => {
		const { version, license } = packageJsonOf(name);
		const folder = path.join(root, 'node_modules', name);
		const texts = readdirSync(folder)
			.filter((file) => /^(licen[cs]e|notice|copying)/i.test(file))
			.map(
				(file) =>
					`### ${file}\n\n\`\`\`\n${readFileSync(path.join(folder, file), 'utf8').trim()}\n\`\`\`\n`,
			);
		return `## ${name} ${version} (${license})\n\n${texts.join('\n')}`;
	});
	writeFileSync(
		path.join(dist, NOTICES),
		`# Third-party code bundled into this package\n\n${sections.join('\n')}`,
	);
}

export const NOTICES = 'THIRD-PARTY-NOTICES.md';

async function main() {
	const bundled = [];
	const allPackages = new Set();
	for (const file of jsFiles(dist)) {
		const foreign = requiresOf(readFileSync(file, 'utf8')).filter(
			(specifier) => !isRelative(specifier) && !isProvided(specifier),
		);
		if (!foreign.length) continue;
		const packages = [...new Set(foreign.map(packageOf))];
		await build({
			entryPoints: [file],
			outfile: file,
			allowOverwrite: true,
			bundle: true,
			platform: 'node',
			format: 'cjs',
			// n8n 1.x runs on Node 20, 2.x on Node 24.
			target: 'node20',
			// tsc's source map is chained, so stack traces still point at the .ts source.
			sourcemap: 'linked',
			sourcesContent: false,
			legalComments: 'inline',
			minify: true,
			// n8n's rules forbid console output in a node (it belongs in n8n's logger); the bundled
			// library's two (a cache miss note, an as-you-type formatter's error) are dropped.
			drop: ['console'],
			banner: {
				js: `/* Bundled at build time (the package has no runtime dependencies): ${packages.map((name) => `${name} ${packageJsonOf(name).version} (${packageJsonOf(name).license})`).join(', ')}. Licence texts: dist/${NOTICES}. */`,
			},
			logLevel: 'warning',
			plugins: [
				{
					name: 'keep-own-modules-and-n8n-external',
					setup(plugin) {
						plugin.onResolve({ filter: /.*/ }, async ({ path: specifier, importer, kind }) => {
							if (kind === 'entry-point') return undefined;
							if (isProvided(specifier)) return { path: specifier, external: true };
							// The package's own files stay separate modules, required as tsc wrote them;
							// a bundled library's relative imports are part of the bundle.
							if (isRelative(specifier) && !importer.includes(`${path.sep}node_modules${path.sep}`))
								return { path: specifier, external: true };
							// A library's ES module build, so that esbuild keeps only what the code uses
							// (tsc's `require` would otherwise pick the whole CommonJS build).
							if (kind === 'require-call' && !isRelative(specifier))
								return await plugin.resolve(specifier, {
									kind: 'import-statement',
									resolveDir: path.dirname(importer),
								});
							return undefined;
						});
					},
				},
			],
		});
		bundled.push(`${path.relative(root, file)} (${packages.join(', ')})`);
		for (const name of packages) allPackages.add(name);
	}

	// Nothing but n8n's own modules, Node's and the package's own files may be required at run time.
	const leftovers = jsFiles(dist).flatMap((file) =>
		requiresOf(readFileSync(file, 'utf8'))
			.filter((specifier) => !isRelative(specifier) && !isProvided(specifier))
			.map((specifier) => `${path.relative(root, file)} requires ${specifier}`),
	);
	if (leftovers.length) throw new Error(`Not bundled:\n${leftovers.join('\n')}`);
	if (allPackages.size) writeNotices(allPackages);
	process.stdout.write(bundled.length ? `bundled: ${bundled.join('; ')}\n` : 'nothing to bundle\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
