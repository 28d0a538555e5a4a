/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; reads the source tree with Node modules and the TypeScript parser) */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The picture of the code, held against the code: every relative import (type-only ones too) of
 * nodes/, credentials/ and sandbox/ is read, and no lower layer of nodes/ may import a higher one,
 * and no files anywhere there may import each other in a circle.
 */
const root = path.resolve(__dirname, '../..');
const NODE_ROOT = 'nodes/SevenRooms/';

/**
 * What each layer of nodes/SevenRooms may import besides itself. From the top: the node files
 * (with v1/, v2/) and the credentials, methods/, actions/, then api/ with polling/ and webhooks/
 * beside it (neither imports the other), transport/, shared/, helpers/.
 */
const MAY_IMPORT: Record<string, string[]> = {
	credentials: [
		'node',
		'methods',
		'actions',
		'polling',
		'webhooks',
		'api',
		'transport',
		'shared',
		'helpers',
	],
	node: ['methods', 'actions', 'polling', 'webhooks', 'api', 'transport', 'shared', 'helpers'],
	methods: ['actions', 'polling', 'webhooks', 'api', 'transport', 'shared', 'helpers'],
	actions: ['polling', 'webhooks', 'api', 'transport', 'shared', 'helpers'],
	polling: ['api', 'transport', 'shared', 'helpers'],
	webhooks: ['api', 'transport', 'shared', 'helpers'],
	api: ['transport', 'shared', 'helpers'],
	transport: ['shared', 'helpers'],
	shared: ['helpers'],
	helpers: [],
};

function layerOf(file: string): string | undefined {
	if (file.startsWith('credentials/')) return 'credentials';
	if (!file.startsWith(NODE_ROOT)) return undefined;
	const [first, ...rest] = file.slice(NODE_ROOT.length).split('/');
	if (!rest.length || first === 'v1' || first === 'v2') return 'node';
	if (!(first in MAY_IMPORT)) throw new Error(`${file}: nodes/SevenRooms/${first}/ has no layer`);
	return first;
}

function sourceFiles(folder: string): string[] {
	return readdirSync(path.join(root, folder)).flatMap((name) => {
		const file = `${folder}/${name}`;
		if (statSync(path.join(root, file)).isDirectory()) return sourceFiles(file);
		return file.endsWith('.ts') ? [file] : [];
	});
}

/** Every module a file names: import/export … from, import x = require(), import(), require(), import('…').T. */
function specifiersOf(file: string): string[] {
	const source = ts.createSourceFile(
		file,
		readFileSync(path.join(root, file), 'utf8'),
		ts.ScriptTarget.Latest,
	);
	const found: string[] = [];
	const visit = (node: ts.Node) => {
		if (
			(ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
			node.moduleSpecifier &&
			ts.isStringLiteral(node.moduleSpecifier)
		)
			found.push(node.moduleSpecifier.text);
		else if (ts.isExternalModuleReference(node) && ts.isStringLiteral(node.expression))
			found.push(node.expression.text);
		else if (
			ts.isCallExpression(node) &&
			(node.expression.kind === ts.SyntaxKind.ImportKeyword ||
				(ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
			node.arguments[0] &&
			ts.isStringLiteral(node.arguments[0])
		)
			found.push(node.arguments[0].text);
		else if (
			ts.isImportTypeNode(node) &&
			ts.isLiteralTypeNode(node.argument) &&
			ts.isStringLiteral(node.argument.literal)
		)
			found.push(node.argument.literal.text);
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

function resolved(from: string, specifier: string): string | undefined {
	if (!specifier.startsWith('.')) return undefined;
	const target = path.posix.join(path.posix.dirname(from), specifier);
	return [`${target}.ts`, `${target}/index.ts`, target].find(
		(candidate) => candidate.endsWith('.ts') && existsSync(path.join(root, candidate)),
	);
}

const files = ['nodes', 'credentials', 'sandbox'].flatMap(sourceFiles).sort();
const imports = new Map(
	files.map((file) => [
		file,
		[
			...new Set(
				specifiersOf(file)
					.map((specifier) => resolved(file, specifier))
					.filter((target): target is string => target !== undefined),
			),
		].sort(),
	]),
);

/** Tarjan's strongly connected components: each one of more than one file (or a file importing itself) is a circle. */
function circles(): string[][] {
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const found: string[][] = [];
	const connect = (file: string) => {
		index.set(file, index.size);
		low.set(file, index.get(file)!);
		stack.push(file);
		for (const target of imports.get(file) ?? []) {
			if (!index.has(target)) {
				connect(target);
				low.set(file, Math.min(low.get(file)!, low.get(target)!));
			} else if (stack.includes(target)) {
				low.set(file, Math.min(low.get(file)!, index.get(target)!));
			}
		}
		if (low.get(file) !== index.get(file)) return;
		const component: string[] = [];
		let member: string;
		do {
			member = stack.pop()!;
			component.push(member);
		} while (member !== file);
		if (component.length > 1 || imports.get(file)?.includes(file)) found.push(component.sort());
	};
	for (const file of files) if (!index.has(file)) connect(file);
	return found;
}

describe('the layers of the code', () => {
	it('reads the imports of nodes/, credentials/ and sandbox/', () => {
		expect(files.length).toBeGreaterThan(100);
		expect(imports.get(`${NODE_ROOT}api/index.ts`)).toContain(`${NODE_ROOT}transport/index.ts`);
		expect(imports.get('sandbox/server.ts')).toContain('sandbox/pipeline.ts');
	});

	it('has no import from a lower layer of nodes/ into a higher one', () => {
		const upward: string[] = [];
		for (const [file, targets] of imports) {
			const layer = layerOf(file);
			if (!layer) continue;
			for (const target of targets) {
				const targetLayer = layerOf(target);
				if (!targetLayer || targetLayer === layer || MAY_IMPORT[layer].includes(targetLayer))
					continue;
				upward.push(`${file} imports ${target} (${layer}/ may not import ${targetLayer}/)`);
			}
		}
		expect(upward).toEqual([]);
	});

	it('has no import circle in nodes/, credentials/ or sandbox/', () => {
		const described = circles().map(
			(members) =>
				`circle of ${members.length} files: ` +
				members
					.map(
						(file) =>
							`${file} -> ${imports
								.get(file)!
								.filter((target) => members.includes(target))
								.join(', ')}`,
					)
					.join('; '),
		);
		expect(described).toEqual([]);
	});
});
