import path from 'node:path';

import { demoWorkflows } from '../e2e/demo';
import { N8nClient, OWNER, ROOT, startN8n } from '../e2e/n8n';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startSandbox } from '../sandbox/server';

/**
 * The demo: the local SevenRooms sandbox, and a real n8n with this package, a credential pointing
 * at the sandbox and the demo workflows (trigger ones active). Runs until Ctrl-C.
 */
async function main() {
	const sandboxPort = Number(process.env.SANDBOX_PORT ?? 4010);
	const n8nPort = Number(process.env.N8N_PORT ?? 5678);
	const sandbox = await startSandbox({ port: sandboxPort, guests: Number(process.env.SANDBOX_GUESTS ?? 5000) });
	const userFolder = path.join(ROOT, '.n8n-data/demo');
	const n8n = await startN8n({ userFolder, port: n8nPort, fresh: false });
	const stop = async () => {
		await n8n.stop();
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());

	const client = new N8nClient(n8n.url);
	await client.signIn();
	const credentials = await client.request<Array<{ id: string; name: string }>>('GET', '/rest/credentials');
	const data = { environment: 'custom', baseUrl: sandbox.url, clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET, rateLimitPerMinute: 120 };
	const credentialId =
		credentials.data.find((credential) => credential.name === 'SevenRooms sandbox')?.id ?? (await client.createCredential('SevenRooms sandbox', 'sevenRoomsOAuth2Api', data));
	const existing = await client.request<Array<{ name: string }>>('GET', '/rest/workflows');
	const names = new Set((existing.data ?? []).map((workflow) => workflow.name));
	for (const [file, workflow] of Object.entries(demoWorkflows(credentialId, path.join(userFolder, 'outbox')))) {
		if (names.has(String(workflow.name))) continue;
		const saved = await client.createWorkflow(workflow);
		if (file !== 'guest-sync') await client.activate(saved.id, saved.versionId);
	}

	process.stdout.write(
		[
			'',
			`n8n editor:        ${n8n.url}`,
			`  login:           ${OWNER.email} / ${OWNER.password}`,
			`SevenRooms sandbox: ${sandbox.url} (client ${SANDBOX_CLIENT_ID} / ${SANDBOX_CLIENT_SECRET})`,
			`Workflow outputs:  ${path.join(userFolder, 'outbox')}`,
			'Press Ctrl-C to stop.',
			'',
		].join('\n'),
	);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
