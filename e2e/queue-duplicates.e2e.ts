/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node modules and dev packages) */
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';

import { startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { signatureHeader } from '../sandbox/webhookDelivery';
import type { N8nClient } from '../dev/n8n';
import { until } from '../dev/until';
import { sharedQueueMode, signedInWithCredential } from './shared';
import type { SharedQueueMode } from './shared';
import { posWorkflow } from './queueWorkflows';

/**
 * Queue mode (main, 2 workers, a webhook processor on Redis and PostgreSQL): a copy of an event
 * that the trigger cannot recognise reaches another process, and Remove Duplicates keeps the
 * workflow's effect from happening twice, as the README advises for effects other than creates.
 */
let sandbox: Sandbox;
let queue: SharedQueueMode;
let client: N8nClient;
let credentialId: string;

beforeAll(async () => {
	sandbox = await startSandbox({ guests: 100, rateLimitPerMinute: 0 });
	queue = await sharedQueueMode('queue');
	({ client, credentialId } = await signedInWithCredential(queue.main.url, sandbox.url));
});

afterAll(async () => await sandbox?.close());

it('a copy the trigger cannot recognise (another process, its saved ids overwritten) is stopped by Remove Duplicates on the event id', async () => {
	const credential = { sevenRoomsOAuth2Api: { id: credentialId, name: 'SevenRooms sandbox' } };
	const saved = await client.createWorkflow({
		settings: { executionOrder: 'v1' },
		...posWorkflow(credential, queue.outbox, randomUUID()),
	});
	await client.activate(saved.id, saved.versionId);
	const pos = saved.id;
	const subscription = await until('the POS subscription', () =>
		[...sandbox.state.webhooks.values()].find((webhook) =>
			webhook.events.includes('reservation.updated'),
		),
	);
	const body = JSON.stringify({
		id: 'evt_pos_1',
		type: 'reservation.updated',
		created_at: new Date().toISOString(),
		venue_id: 'ven_nyc',
		data: { id: 'res_pos_1', venue_id: 'ven_nyc', party_size: 4 },
	});
	const deliver = async (url: string) => {
		const t = Math.floor(Date.now() / 1000);
		const answer = await fetch(url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				'X-SevenRooms-Signature': signatureHeader(subscription.secret, t, body),
			},
			body,
		});
		return answer.status;
	};
	const posFiles = () =>
		readdirSync(queue.outbox).filter((name) => name.startsWith('pos-evt_pos_1-'));
	let lastSeen: unknown;
	const runs = async (count: number) =>
		await until(
			`${count} POS executions`,
			async () => {
				const summaries = await client.executionSummaries(pos);
				lastSeen = summaries;
				return summaries.length >= count &&
					summaries.every((execution) => execution.status === 'success')
					? summaries
					: undefined;
			},
			300_000,
			() => JSON.stringify(lastSeen),
		);

	// First delivery, to the webhook processor: one execution, one push to the POS. n8n 2.41
	// activates after answering the REST call, so the subscription can exist before the trigger's
	// secret is saved: the trigger answers 503 until it is, and SevenRooms retries, as here.
	const first = await until('the first delivery answered', async () => {
		const status = await deliver(subscription.url);
		return status === 503 ? undefined : status;
	});
	expect(first).toBe(200);
	await runs(1);
	expect(posFiles()).toHaveLength(1);

	// What concurrent saves on two processes do to the trigger's saved ids, made deterministic:
	// the ids are gone, and the copy goes to the main instance, whose memory never saw the event.
	await queue.postgres.query(
		`UPDATE workflow_entity SET "staticData" = ("staticData"::jsonb #- '{node:Reservation Updated,acceptedEvents}')::json WHERE id = '${pos}'`,
	);
	expect(await deliver(subscription.url.replace(queue.webhook.url, queue.main.url))).toBe(200);
	const both = await runs(2);
	expect(both).toHaveLength(2); // the trigger let the copy through ...
	// ... and Remove Duplicates kept the POS from a second push: the second run wrote no file.
	expect(posFiles()).toHaveLength(1);
	await client.deactivate(pos);
});
