/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import type { ICredentialType, INodeType, IVersionedNodeType } from 'n8n-workflow';

const root = path.resolve(__dirname, '../..');
// Loaded the way n8n loads them: by path, at run time.
const load = createRequire(__filename);
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};

// What n8n loads: the built files package.json points at (run `npm run build` first).
describe('the built package', () => {
	it.each(manifest.n8n.nodes)('%s loads with a usable description, icon and codex', (file) => {
		const NodeClass = Object.values(load(path.join(root, file)) as Record<string, unknown>).find(
			(value) => typeof value === 'function',
		) as new () => INodeType | IVersionedNodeType;
		const instance = new NodeClass();
		// The action node is versioned: n8n gives new nodes its default version.
		const node = 'nodeVersions' in instance ? instance.getNodeType() : instance;
		const { description } = node;
		expect(description.name).toMatch(/^sevenRooms/);
		// The OAuth2 API unless the node's Authentication says API 2.4.
		expect(description.credentials).toEqual([
			{
				name: 'sevenRoomsOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
			{
				name: 'sevenRoomsApi',
				required: true,
				displayOptions: { show: { authentication: ['api24'] } },
			},
		]);
		expect(
			description.properties.find((property) => property.name === 'authentication')?.default,
		).toBe('oAuth2');
		expect(description.properties.length).toBeGreaterThan(0);
		const icon = description.icon as { light: string; dark: string };
		for (const variant of [icon.light, icon.dark])
			expect(
				existsSync(path.resolve(path.dirname(path.join(root, file)), variant.replace('file:', ''))),
			).toBe(true);
		expect(existsSync(path.join(root, file.replace(/\.js$/, '.json')))).toBe(true);
		if (description.name === 'sevenRooms') {
			expect(description.usableAsTool).toBe(true);
			expect(typeof node.execute).toBe('function');
		} else {
			expect(description.group).toEqual(['trigger']);
		}
	});

	it.each(manifest.n8n.credentials.filter((file) => file.includes('OAuth2')))(
		'%s loads and extends n8n OAuth2 with client credentials',
		(file) => {
			const exported = Object.values(load(path.join(root, file)) as Record<string, unknown>).find(
				(value) => typeof value === 'function',
			) as new () => ICredentialType;
			const credential = new exported();
			expect(credential.extends).toEqual(['oAuth2Api']);
			expect(credential.properties.find((property) => property.name === 'grantType')?.default).toBe(
				'clientCredentials',
			);
			expect(credential.test?.request.url).toBe('/venues');
			const icon = credential.icon as { light: string };
			expect(
				existsSync(
					path.resolve(path.dirname(path.join(root, file)), icon.light.replace('file:', '')),
				),
			).toBe(true);
		},
	);

	it.each(manifest.n8n.credentials.filter((file) => !file.includes('OAuth2')))(
		'%s loads with a token from POST /auth that n8n stores and renews',
		(file) => {
			const exported = Object.values(load(path.join(root, file)) as Record<string, unknown>).find(
				(value) => typeof value === 'function',
			) as new () => ICredentialType;
			const credential = new exported();
			expect(credential.name).toBe('sevenRoomsApi');
			expect(typeof credential.preAuthentication).toBe('function');
			expect(credential.properties.find((property) => property.typeOptions?.expirable)?.name).toBe(
				'sessionToken',
			);
			expect(credential.authenticate).toEqual({
				type: 'generic',
				properties: { headers: { Authorization: '={{$credentials.sessionToken}}' } },
			});
			expect(credential.test?.request.url).toBe('/venues');
		},
	);
});
