/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import path from 'node:path';

import { importDemo } from '../dev/demo';
import { N8nClient, OWNER, ROOT, startN8n } from '../dev/n8n';
import { startQueueMode } from '../dev/queueMode';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startSandbox } from '../sandbox/server';

/**
 * The demo: the local SevenRooms sandbox, and a real n8n with this package, a credential pointing
 * at the sandbox and the demo workflows (trigger ones active). With `--queue`, n8n runs in queue
 * mode: PostgreSQL and Redis on loopback, main, two workers and a webhook processor. Runs until Ctrl-C.
 */
async function main() {
	const queueMode = process.argv.includes('--queue');
	const sandbox = await startSandbox({
		port: Number(process.env.SANDBOX_PORT ?? 4010),
		guests: Number(process.env.SANDBOX_GUESTS ?? 5000),
	});
	const mainPort = Number(process.env.N8N_PORT ?? 5678);
	let lines: string[];
	let editorUrl: string;
	let outbox: string;
	let stopN8n: () => Promise<void>;
	if (queueMode) {
		const queue = await startQueueMode({
			root: path.join(ROOT, '.n8n-data/queue-mode'),
			fresh: false,
			mainPort,
			webhookPort: Number(process.env.N8N_WEBHOOK_PORT ?? 5680),
		});
		({ outbox, stop: stopN8n } = queue);
		editorUrl = queue.main.url;
		lines = [
			`webhook processor:  ${queue.webhook.url} (SevenRooms delivers here)`,
			`workers:            ${queue.workers.length}, sharing Redis and PostgreSQL (port ${queue.postgres.port})`,
		];
	} else {
		const userFolder = path.join(ROOT, '.n8n-data/demo');
		const n8n = await startN8n({ userFolder, port: mainPort, fresh: false });
		outbox = path.join(userFolder, 'outbox');
		stopN8n = n8n.stop;
		editorUrl = n8n.url;
		lines = [];
	}
	const stop = async () => {
		await stopN8n();
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());

	const client = new N8nClient(editorUrl);
	await client.signIn();
	await importDemo(client, sandbox.url, outbox);

	process.stdout.write(
		[
			'',
			`n8n editor:         ${editorUrl}`,
			`  login:            ${OWNER.email} / ${OWNER.password}`,
			...lines,
			`SevenRooms sandbox: ${sandbox.url} (client ${SANDBOX_CLIENT_ID} / ${SANDBOX_CLIENT_SECRET})`,
			`Workflow outputs:   ${outbox}`,
			'Press Ctrl-C to stop.',
			'',
		].join('\n'),
	);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
