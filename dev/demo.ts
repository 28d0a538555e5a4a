/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node modules and dev packages) */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../sandbox/server';
import { ROOT } from './n8n';
import type { N8nClient } from './n8n';

export const DEMO_DIR = path.join(ROOT, 'demo');

/**
 * The demo workflows with the credential ids and the outbox folder filled in, by file name. The
 * API 2.4 ones (`__CREDENTIAL_ID_24__`) only when a 2.4 credential id is given.
 */
export function demoWorkflows(
	credentialId: string,
	outbox: string,
	credentialId24?: string,
): Record<string, Record<string, unknown>> {
	const workflows: Record<string, Record<string, unknown>> = {};
	for (const file of readdirSync(DEMO_DIR).filter((name) => name.endsWith('.json'))) {
		const raw = readFileSync(path.join(DEMO_DIR, file), 'utf8');
		if (raw.includes('__CREDENTIAL_ID_24__') && !credentialId24) continue;
		const text = raw
			.replaceAll('__CREDENTIAL_ID_24__', credentialId24 ?? '')
			.replaceAll('__CREDENTIAL_ID__', credentialId)
			.replaceAll('__OUTBOX__', outbox);
		workflows[file.replace(/\.json$/, '')] = JSON.parse(text) as Record<string, unknown>;
	}
	return workflows;
}

/** The API 2.4 credential of the demo: the sandbox's 2.4 dialect at `<sandbox url>/2_4`. */
export function credential24Data(sandboxUrl: string, rateLimitPerMinute = 120) {
	return {
		region: 'custom',
		baseUrl: `${sandboxUrl}/2_4`,
		clientId: SANDBOX_CLIENT_ID,
		clientSecret: SANDBOX_CLIENT_SECRET,
		rateLimitPerMinute,
	};
}

/**
 * SevenRooms credentials for the sandbox (OAuth2 API and API 2.4) and the demo workflows (trigger
 * ones active), each made once: a restart finds them and leaves them as they are.
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
	const credentialId24 =
		credentials.data.find((credential) => credential.name === 'SevenRooms sandbox (API 2.4)')?.id ??
		(await client.createCredential(
			'SevenRooms sandbox (API 2.4)',
			'sevenRoomsApi',
			credential24Data(sandboxUrl),
		));
	const existing = await client.request<Array<{ name: string }>>('GET', '/rest/workflows');
	const names = new Set((existing.data ?? []).map((workflow) => workflow.name));
	for (const [file, workflow] of Object.entries(
		demoWorkflows(credentialId, outbox, credentialId24),
	)) {
		if (names.has(String(workflow.name))) continue;
		const saved = await client.createWorkflow(workflow);
		if (file !== 'guest-sync') await client.activate(saved.id, saved.versionId);
	}
}
