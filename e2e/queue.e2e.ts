/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import { readdirSync } from 'node:fs';
import path from 'node:path';

import { signatureOf } from '../nodes/SevenRooms/helpers/signature';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { demoWorkflows } from '../dev/demo';
import { N8nClient, ROOT } from '../dev/n8n';
import { startQueueMode } from '../dev/queueMode';
import type { QueueMode } from '../dev/queueMode';
import { outboxItems } from '../dev/outbox';
import { until } from '../dev/until';

/**
 * The package on n8n's distributed engine: main, 2 workers and a webhook processor sharing Redis and
 * PostgreSQL. Webhook deliveries go to the webhook processor, poll triggers run on the main instance,
 * every execution runs on a worker.
 */
const EVENTS = 1_540; // with 30% duplicates: about 2,000 deliveries
const AUDIENCE = 20_000;
const SECOND_CHANGE = 50;

let sandbox: Sandbox;
let queue: QueueMode;
let client: N8nClient;
let credentialId: string;
const credential = () => ({
	sevenRoomsOAuth2Api: { id: credentialId, name: 'SevenRooms sandbox' },
});

function countBy(values: unknown[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const value of values) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
	return counts;
}

/** A node that writes its input items as one JSON file into the outbox (a POS or loyalty push). */
function outboxWriter(
	name: string,
	fileName: string,
	position: number,
): Array<Record<string, unknown>> {
	return [
		{
			id: `${name}-file`,
			name: `${name} File`,
			type: 'n8n-nodes-base.convertToFile',
			typeVersion: 1.1,
			position: [position, 0],
			parameters: { operation: 'toJson', options: {} },
		},
		{
			id: `${name}-write`,
			name: `Write ${name}`,
			type: 'n8n-nodes-base.readWriteFile',
			typeVersion: 1,
			position: [position + 220, 0],
			parameters: { operation: 'write', fileName: `=${queue.outbox}/${fileName}`, options: {} },
		},
	];
}

function chain(names: string[]) {
	return Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, n) => [name, { main: [[{ node: names[n + 1], type: 'main', index: 0 }]] }]),
	);
}

async function createActive(workflow: Record<string, unknown>): Promise<string> {
	const saved = await client.createWorkflow({ settings: { executionOrder: 'v1' }, ...workflow });
	await client.activate(saved.id, saved.versionId);
	return saved.id;
}

beforeAll(async () => {
	sandbox = await startSandbox({
		guests: AUDIENCE + 1_000,
		rateLimitPerMinute: 0,
		webhookDelivery: { duplicateFraction: 0.3, outOfOrderFraction: 0.5 },
	});
	queue = await startQueueMode({ root: path.join(ROOT, '.n8n-data/queue-e2e'), workers: 2 });
	client = new N8nClient(queue.main.url);
	await client.signIn();
	credentialId = await client.createCredential('SevenRooms sandbox', 'sevenRoomsOAuth2Api', {
		environment: 'custom',
		baseUrl: sandbox.url,
		apiClientId: SANDBOX_CLIENT_ID,
		apiClientSecret: SANDBOX_CLIENT_SECRET,
		rateLimitPerMinute: 6_000,
	});
}, 300_000);

afterAll(async () => {
	await queue?.stop();
	await sandbox?.close();
});

describe('queue mode: main, 2 workers, 1 webhook processor on Redis and PostgreSQL', () => {
	it('loses nothing and does nothing twice: 2,000 webhook deliveries, three poll triggers, a 20,000-guest audience sync', async () => {
		// Webhook: a cancelled reservation puts the guest on the waitlist (a create, with its Idempotency-Key).
		const rebook = await createActive({
			name: 'Queue: cancelled reservation → waitlist',
			nodes: [
				{
					id: 'q1',
					name: 'Reservation Cancelled',
					type: 'n8n-nodes-sevenrooms.sevenRoomsTrigger',
					typeVersion: 2,
					position: [0, 0],
					webhookId: '5e7e0a00-0000-4000-8000-0000000000c1',
					parameters: { events: ['reservation.cancelled'], options: {} },
					credentials: credential(),
				},
				{
					id: 'q2',
					name: 'Add to Waitlist',
					type: 'n8n-nodes-sevenrooms.sevenRooms',
					typeVersion: 1,
					position: [240, 0],
					credentials: credential(),
					parameters: {
						resource: 'waitlist',
						operation: 'add',
						venue: { __rl: true, mode: 'id', value: '={{ $json.venue_id }}' },
						partySize: '={{ $json.data.party_size }}',
						guestMode: 'existing',
						guestId: '={{ $json.data.guest_id }}',
						additionalFields: {
							notes: '=Rebook offer after {{ $json.data.id }} (event {{ $json.id }})',
						},
					},
				},
			],
			connections: chain(['Reservation Cancelled', 'Add to Waitlist']),
		});
		// Polls: the demo's audience sync, and new waitlist entries (the ones the webhook workflow makes).
		const audience = await createActive(demoWorkflows(credentialId, queue.outbox)['audience-sync']);
		const waitlist = await createActive({
			name: 'Queue: new waitlist entries',
			nodes: [
				{
					id: 'w1',
					name: 'Waitlist Added',
					type: 'n8n-nodes-sevenrooms.sevenRoomsPollTrigger',
					typeVersion: 1,
					position: [0, 0],
					credentials: credential(),
					parameters: {
						pollTimes: { item: [{ mode: 'everyMinute' }] },
						event: 'waitlistAdded',
						venue: { __rl: true, mode: 'id', value: 'ven_ldn' },
					},
				},
				...outboxWriter('Waitlist', 'waitlist-{{ $now.toMillis() }}-{{ $execution.id }}.json', 240),
			],
			connections: chain(['Waitlist Added', 'Waitlist File', 'Write Waitlist']),
		});
		const subscription = await until(
			'the webhook subscription',
			() =>
				[...sandbox.state.webhooks.values()].find((webhook) =>
					webhook.events.includes('reservation.cancelled'),
				),
			60_000,
		);
		expect(subscription.url.startsWith(`${queue.webhook.url}/webhook/`)).toBe(true);

		// A bulk change inside SevenRooms: 20,000 guests flip their email opt-in.
		const flipped = Array.from(
			{ length: AUDIENCE },
			(_, n) => `gst_${String(n + 1).padStart(6, '0')}`,
		);
		const optedIn = new Map(flipped.map((id) => [id, !sandbox.state.guests.get(id)?.email_opt_in]));
		sandbox.updateGuests(flipped, (guest) => ({ email_opt_in: !guest.email_opt_in }));
		const audienceIds = () => outboxItems(queue.outbox, 'audience-').map((guest) => guest.id);
		await until(
			`the audience sync of ${AUDIENCE} guests`,
			() => new Set(audienceIds()).size >= AUDIENCE,
			300_000,
			() => `synced ${new Set(audienceIds()).size}`,
		);
		// Then the deliveries, 4 events a second (about 5 deliveries with the copies) while the polls
		// go on: one webhook processor on this 2-core machine, sharing it with the rest, takes about 7.
		const flood = (async () => {
			const ids: string[] = [];
			for (let n = 0; n < EVENTS; n++) {
				const guestId = `gst_${String(20_001 + (n % 900)).padStart(6, '0')}`;
				ids.push(
					sandbox.emitEvent(
						'reservation.cancelled',
						{
							id: `res_q${n}`,
							venue_id: 'ven_ldn',
							guest_id: guestId,
							party_size: 1 + (n % 6),
							status: 'cancelled',
						},
						'ven_ldn',
					),
				);
				if (n % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 5_000));
			}
			return ids;
		})();

		// A later interval: 50 of them change back, and only those come again.
		const changedBack = flipped.slice(0, SECOND_CHANGE);
		sandbox.updateGuests(changedBack, (guest) => ({ email_opt_in: !guest.email_opt_in }));
		await until(
			'the second change',
			() => audienceIds().length >= AUDIENCE + SECOND_CHANGE,
			200_000,
			() => `items ${audienceIds().length}`,
		);

		const eventIds = await flood;
		await sandbox.flushWebhooks();
		const deliveries = sandbox.stats.webhookDeliveries;
		// Every event acknowledged; the answers by status tell why when not.
		expect(`${deliveries.failed} failed, answers ${JSON.stringify(deliveries.answers)}`).toMatch(
			/^0 failed/,
		);
		expect(deliveries.acknowledged).toBe(EVENTS + deliveries.duplicatesSent);
		expect(deliveries.duplicatesSent).toBeGreaterThan(EVENTS * 0.25);

		// n8n's execution list: one webhook execution per event, each a success.
		await until(
			'the webhook executions',
			async () => (await client.executionCount(rebook)) >= EVENTS,
			300_000,
			() => `waitlist entries ${sandbox.state.waitlist.size}`,
		);
		// One poll interval more: nothing may come late or twice.
		await new Promise((resolve) => setTimeout(resolve, 70_000));
		expect(await client.executionCount(rebook)).toBe(EVENTS);
		expect(await client.executionCount(rebook, ['success'])).toBe(EVENTS);

		// The sandbox: each event made exactly one waitlist entry.
		const entries = [...sandbox.state.waitlist.values()].filter((entry) =>
			String(entry.notes).startsWith('Rebook offer after'),
		);
		const perEvent = countBy(
			entries.map((entry) => /\(event (evt_[^)]+)\)/.exec(String(entry.notes))?.[1]),
		);
		expect([...perEvent.keys()].sort()).toEqual([...eventIds].sort());
		expect([...perEvent.values()].every((count) => count === 1)).toBe(true);

		// The waitlist poll emitted each new entry exactly once, across all its intervals.
		const emittedEntries = countBy(outboxItems(queue.outbox, 'waitlist-').map((entry) => entry.id));
		expect(entries.every((entry) => emittedEntries.get(entry.id) === 1)).toBe(true);

		// The audience sync: each guest once per change, with the action of that change.
		const synced = outboxItems(queue.outbox, 'audience-');
		const emissions = countBy(synced.map((guest) => guest.id));
		expect(emissions.size).toBe(AUDIENCE);
		expect(flipped.every((id, n) => emissions.get(id) === (n < SECOND_CHANGE ? 2 : 1))).toBe(true);
		const lastAction = new Map(synced.map((guest) => [guest.id, guest.audience_action]));
		expect(
			flipped
				.slice(SECOND_CHANGE)
				.every((id) => lastAction.get(id) === (optedIn.get(id) ? 'subscribe' : 'unsubscribe')),
		).toBe(true);

		// Every execution ran on a worker (both took some): each poll run, and as many more as events.
		const workerLogs = queue.workers.map((worker) => worker.logs.join(''));
		const startedOnWorkers = new Set(
			workerLogs.flatMap((log) =>
				[...log.matchAll(/Worker started execution (\d+) /g)].map((match) => match[1]),
			),
		);
		const pollRuns = [
			...(await client.executionSummaries(audience)),
			...(await client.executionSummaries(waitlist)),
		];
		expect(pollRuns.every((execution) => startedOnWorkers.has(execution.id))).toBe(true);
		expect(startedOnWorkers.size).toBe(EVENTS + pollRuns.length);
		expect(workerLogs.every((log) => log.includes('Worker started execution'))).toBe(true);
		for (const id of [rebook, audience, waitlist]) await client.deactivate(id);
	}, 1_500_000);

	it('a copy the trigger cannot recognise (another process, its saved ids overwritten) is stopped by Remove Duplicates on the event id', async () => {
		const pos = await createActive({
			name: 'Queue: reservation changes → POS',
			nodes: [
				{
					id: 'p1',
					name: 'Reservation Updated',
					type: 'n8n-nodes-sevenrooms.sevenRoomsTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId: '5e7e0a00-0000-4000-8000-0000000000c2',
					parameters: { events: ['reservation.updated'], options: {} },
					credentials: credential(),
				},
				{
					id: 'p2',
					name: 'Remove Duplicates',
					type: 'n8n-nodes-base.removeDuplicates',
					typeVersion: 2,
					position: [240, 0],
					parameters: {
						operation: 'removeItemsSeenInPreviousExecutions',
						logic: 'removeItemsWithAlreadySeenKeyValues',
						dedupeValue: '={{ $json.id }}',
						options: {},
					},
				},
				...outboxWriter(
					'POS',
					"pos-{{ $('Reservation Updated').item.json.id }}-{{ $execution.id }}.json",
					480,
				),
			],
			connections: chain(['Reservation Updated', 'Remove Duplicates', 'POS File', 'Write POS']),
		});
		const subscription = await until(
			'the POS subscription',
			() =>
				[...sandbox.state.webhooks.values()].find((webhook) =>
					webhook.events.includes('reservation.updated'),
				),
			60_000,
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
					'X-SevenRooms-Signature': `t=${t},v1=${signatureOf(subscription.secret, t, body)}`,
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
				60_000,
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
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		expect(posFiles()).toHaveLength(1); // ... and Remove Duplicates kept the POS from a second push
		await client.deactivate(pos);
	});
});
