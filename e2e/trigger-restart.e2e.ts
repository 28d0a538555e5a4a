/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import path from 'node:path';

import { signatureOf } from '../nodes/SevenRooms/helpers/signature';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { sandboxClient } from '../dev/sandboxClient';
import { N8nClient, ROOT, startN8n } from '../dev/n8n';
import type { N8nInstance } from '../dev/n8n';
import { until } from '../dev/until';

/**
 * One execution per event across an n8n restart, in a real n8n: SevenRooms redelivers an event the
 * trigger already started the workflow for after n8n came back (its answer was lost, say).
 */
const USER_FOLDER = path.join(ROOT, '.n8n-data/e2e-trigger-restart');
let sandbox: Sandbox;
let n8n: N8nInstance;
let client: N8nClient;

beforeAll(async () => {
	sandbox = await startSandbox({ guests: 100, rateLimitPerMinute: 0 });
	n8n = await startN8n({ userFolder: USER_FOLDER });
	client = new N8nClient(n8n.url);
	await client.signIn();
});

afterAll(async () => {
	await n8n?.stop();
	await sandbox?.close();
});

it('starts nothing for a redelivery after n8n restarted, and keeps starting new events', async () => {
	const credentialId = await client.createCredential('SevenRooms sandbox', 'sevenRoomsOAuth2Api', {
		environment: 'custom',
		baseUrl: sandbox.url,
		apiClientId: SANDBOX_CLIENT_ID,
		apiClientSecret: SANDBOX_CLIENT_SECRET,
	});
	const workflow = await client.createWorkflow({
		name: 'Reservations to the POS',
		nodes: [
			{
				id: 't',
				name: 'SevenRooms Trigger',
				type: 'n8n-nodes-sevenrooms.sevenRoomsTrigger',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '5e7e0a00-0000-4000-8000-0000000000a1',
				parameters: { events: ['reservation.created'], options: {} },
				credentials: { sevenRoomsOAuth2Api: { id: credentialId, name: 'SevenRooms sandbox' } },
			},
			{
				id: 'p',
				name: 'POS',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [240, 0],
				parameters: {},
			},
		],
		connections: { 'SevenRooms Trigger': { main: [[{ node: 'POS', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	});
	await client.activate(workflow.id, workflow.versionId);
	const subscription = await until(
		'the subscription',
		() => [...sandbox.state.webhooks.values()][0],
	);

	const api = sandboxClient(sandbox);
	await api('POST', '/reservations', {
		venue_id: 'ven_nyc',
		party_size: 2,
		start_time: '2027-02-14T00:30:00Z',
		guest_id: 'gst_000010',
	});
	await sandbox.flushWebhooks();
	await until('the first execution', async () => (await client.executionCount(workflow.id)) === 1);
	const executions = await client.executionSummaries(workflow.id);
	const first = await client.waitForExecution(executions[0].id);
	const event = first.outputOf('SevenRooms Trigger')[0];
	expect(event).toMatchObject({ type: 'reservation.created' });

	await n8n.stop();
	n8n = await startN8n({ userFolder: USER_FOLDER, fresh: false, port: n8n.port });
	client = new N8nClient(n8n.url);
	await client.signIn();

	// The same event (its id is what identifies it) again, signed afresh as SevenRooms' retries are.
	const redelivered = JSON.stringify(event);
	const t = Math.floor(Date.now() / 1000);
	const answer = await fetch(subscription.url, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			'X-SevenRooms-Signature': `t=${t},v1=${signatureOf(subscription.secret, t, redelivered)}`,
		},
		body: redelivered,
	});
	expect(answer.status).toBe(200);
	await new Promise((resolve) => setTimeout(resolve, 3_000));
	expect(await client.executionCount(workflow.id)).toBe(1);

	// A new event after the restart still starts the workflow.
	await api('POST', '/reservations', {
		venue_id: 'ven_nyc',
		party_size: 4,
		start_time: '2027-02-15T00:30:00Z',
		guest_id: 'gst_000011',
	});
	await sandbox.flushWebhooks();
	await until(
		'the execution of the new event',
		async () => (await client.executionCount(workflow.id)) === 2,
	);
});
