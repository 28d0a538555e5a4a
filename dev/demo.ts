/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node modules and dev packages) */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../sandbox/server';
import { ROOT } from './n8n';
import type { N8nClient } from './n8n';

export const DEMO_DIR = path.join(ROOT, 'demo');

/** The demo workflows with the credential id and the outbox folder filled in, by file name. */
export function demoWorkflows(
	credentialId: string,
	outbox: string,
): Record<string, Record<string, unknown>> {
	const workflows: Record<string, Record<string, unknown>> = {};
	for (const file of readdirSync(DEMO_DIR).filter((name) => name.endsWith('.json'))) {
		const text = readFileSync(path.join(DEMO_DIR, file), 'utf8')
			.replaceAll('__CREDENTIAL_ID__', credentialId)
			.replaceAll('__OUTBOX__', outbox);
		workflows[file.replace(/\.json$/, '')] = JSON.parse(text) as Record<string, unknown>;
	}
	return workflows;
}

/**
 * A SevenRooms credential for the sandbox and the demo workflows (trigger ones active), each made
 * once: a restart finds them and leaves them as they are.
 */
export async function importDemo(
	client: N8nClient,
	sandboxUrl: string,
	outbox: string,
): Promise<void> {
	const credentials = await client.request<Array<{ id: string; name: string }>>(
		'GET',
		'/rest/credentials',
	);
	const data = {
		environment: 'custom',
		baseUrl: sandboxUrl,
		clientId: SANDBOX_CLIENT_ID,
		clientSecret: SANDBOX_CLIENT_SECRET,
		rateLimitPerMinute: 120,
	};
	const credentialId =
		credentials.data.find((credential) => credential.name === 'SevenRooms sandbox')?.id ??
		(await client.createCredential('SevenRooms sandbox', 'sevenRoomsOAuth2Api', data));
	const existing = await client.request<Array<{ name: string }>>('GET', '/rest/workflows');
	const names = new Set((existing.data ?? []).map((workflow) => workflow.name));
	for (const [file, workflow] of Object.entries(demoWorkflows(credentialId, outbox))) {
		if (names.has(String(workflow.name))) continue;
		const saved = await client.createWorkflow(workflow);
		if (file !== 'guest-sync') await client.activate(saved.id, saved.versionId);
	}
}
