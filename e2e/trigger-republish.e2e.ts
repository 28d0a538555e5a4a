/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { fingerprintOf } from '../nodes/SevenRooms/helpers/fingerprint';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { SIGNATURE_HEADER, signatureHeader } from '../sandbox/webhookDelivery';
import { N8nClient, ROOT, startN8n } from '../dev/n8n';
import type { N8nInstance } from '../dev/n8n';
import { until } from '../dev/until';

/**
 * A delivery whose execution outlives a re-publish of its workflow, in a real n8n: when that
 * execution ends, n8n saves the static data it loaded before the re-publish over the workflow's
 * whole. Deliveries signed by the subscription SevenRooms has now must still start executions.
 * The first delivery has no id, so the same run shows that its key reaches the execution and is
 * stored (a redelivery after a restart starts nothing).
 */
const USER_FOLDER = path.join(ROOT, '.n8n-data/e2e-trigger-republish');
const WEBHOOK_ID = '5e7e0a00-0000-4000-8000-0000000000b2';
let sandbox: Sandbox;
let n8n: N8nInstance;
let client: N8nClient;

/** A slow HTTP call: a request the workflow makes is answered only when the test says so. */
const held: Array<() => void> = [];
let onHeld: () => void = () => undefined;
const slowServer = http.createServer((request, response) => {
	request.resume();
	held.push(() => response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}'));
	onHeld();
});

beforeAll(async () => {
	sandbox = await startSandbox({ guests: 100, rateLimitPerMinute: 0 });
	await new Promise<void>((resolve) => slowServer.listen(0, '127.0.0.1', resolve));
	n8n = await startN8n({ userFolder: USER_FOLDER });
	client = new N8nClient(n8n.url);
	await client.signIn();
}, 300_000);

afterAll(async () => {
	held.forEach((release) => release());
	await n8n?.stop();
	await sandbox?.close();
	await new Promise((resolve) => slowServer.close(resolve));
});

/** The subscription SevenRooms has now (one per trigger URL). */
function currentSubscription() {
	const subscriptions = [...sandbox.state.webhooks.values()];
	expect(subscriptions).toHaveLength(1);
	return subscriptions[0];
}

/** A delivery as SevenRooms sends it: the body signed with the subscription's secret. */
async function deliver(body: string): Promise<number> {
	const { url, secret } = currentSubscription();
	const answer = await fetch(url, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			[SIGNATURE_HEADER]: signatureHeader(secret, Math.floor(Date.now() / 1000), body),
		},
		body,
	});
	return answer.status;
}

/** A reservation.created event's body, with `fields` (an id, or none). */
function booking(fields: Record<string, unknown>, reservationId: string): string {
	const data = { id: reservationId, venue_id: 'ven_nyc', party_size: 2 };
	return JSON.stringify({ ...fields, type: 'reservation.created', venue_id: 'ven_nyc', data });
}

function workflowNodes(credentialId: string, events: string[]) {
	return [
		{
			id: 't',
			name: 'SevenRooms Trigger',
			type: 'n8n-nodes-sevenrooms.sevenRoomsTrigger',
			typeVersion: 2,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: { events, options: {} },
			credentials: { sevenRoomsOAuth2Api: { id: credentialId, name: 'SevenRooms sandbox' } },
		},
		{
			id: 'h',
			name: 'Slow POS',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [240, 0],
			parameters: {
				url: `http://127.0.0.1:${(slowServer.address() as AddressInfo).port}/pos`,
				options: {},
			},
		},
	];
}
const connections = {
	'SevenRooms Trigger': { main: [[{ node: 'Slow POS', type: 'main', index: 0 }]] },
};

let workflowId = '';

/** Releases the slow POS call of every execution from now on. */
function posAnswersAtOnce() {
	held.splice(0).forEach((release) => release());
	onHeld = () => held.splice(0).forEach((release) => release());
}

it('keeps accepting deliveries after an execution that ran across a re-publish ends', async () => {
	const credentialId = await client.createCredential('SevenRooms sandbox', 'sevenRoomsOAuth2Api', {
		environment: 'custom',
		baseUrl: sandbox.url,
		apiClientId: SANDBOX_CLIENT_ID,
		apiClientSecret: SANDBOX_CLIENT_SECRET,
	});
	const workflow = await client.createWorkflow({
		name: 'Reservations to a slow POS',
		nodes: workflowNodes(credentialId, ['reservation.created']),
		connections,
		settings: { executionOrder: 'v1' },
	});
	workflowId = workflow.id;
	await client.activate(workflow.id, workflow.versionId);
	await until('the subscription', () => sandbox.state.webhooks.size === 1);

	const reachedPos = new Promise<void>((resolve) => (onHeld = resolve));
	expect(await deliver(booking({ id: 'evt_slow' }, 'res_slow'))).toBe(200);
	await reachedPos; // its execution stored the event and now waits on the slow POS

	// Meanwhile the user adds an event to the trigger and publishes the workflow: n8n re-registers
	// the trigger (only a trigger whose settings changed), which unsubscribes and subscribes again.
	const before = currentSubscription().id;
	const edited = await client.request<{ versionId: string }>(
		'PATCH',
		`/rest/workflows/${workflow.id}`,
		{
			versionId: workflow.versionId,
			nodes: workflowNodes(credentialId, ['reservation.created', 'reservation.cancelled']),
			connections,
		},
	);
	expect(edited.status).toBe(200);
	await client.activate(workflow.id, edited.data.versionId);
	// n8n 2.41 applies a publication in the background.
	await until('the new subscription', () => {
		const now = [...sandbox.state.webhooks.values()];
		return now.length === 1 && now[0].id !== before && now[0].events.length === 2;
	});

	// The first execution ends now, and n8n saves the static data it loaded before the re-publish.
	const [first] = await client.executionSummaries(workflow.id);
	posAnswersAtOnce();
	expect((await client.waitForExecution(first.id)).status).toBe('success');

	// The next event, signed by the subscription SevenRooms has now, starts the workflow.
	expect(await deliver(booking({ id: 'evt_after_republish' }, 'res_next'))).toBe(200);
	await until('the execution of the next event', async () => {
		const executions = await client.executionSummaries(workflow.id);
		return executions.length === 2 && executions.every((run) => run.status === 'success');
	});
}, 300_000);

it('starts nothing for an id-less event redelivered after a restart', async () => {
	expect(workflowId).not.toBe('');
	posAnswersAtOnce();
	const count = await client.executionCount(workflowId);
	// An event without an id: the signed body is what identifies it.
	const idless = booking({}, 'res_idless');
	expect(await deliver(idless)).toBe(200);
	await until('its execution', async () => {
		const executions = await client.executionSummaries(workflowId);
		return executions.length === count + 1 && executions.every((run) => run.status === 'success');
	});
	// Its key reached the execution (n8n keeps it from the webhook to the node's execute), which
	// stored it with the static data.
	const saved = await client.request<{ staticData?: Record<string, { acceptedEvents?: object }> }>(
		'GET',
		`/rest/workflows/${workflowId}`,
	);
	const key = `body:${createHash('sha256').update(idless).digest('hex')}`;
	expect(
		JSON.stringify(saved.data.staticData?.['node:SevenRooms Trigger']?.acceptedEvents),
	).toContain(fingerprintOf(key));

	// So after a restart (the process's memory gone) its redelivery starts nothing.
	await n8n.stop();
	n8n = await startN8n({ userFolder: USER_FOLDER, fresh: false, port: n8n.port });
	client = new N8nClient(n8n.url);
	await client.signIn();
	expect(await deliver(idless)).toBe(200);
	// Nothing to wait for but time: a new execution would show within these seconds.
	await new Promise((resolve) => setTimeout(resolve, 3_000));
	expect(await client.executionCount(workflowId)).toBe(count + 1);
}, 300_000);
