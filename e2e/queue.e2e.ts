/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling, runs in Node beside n8n, never inside it (Node globals) */
import { randomUUID } from 'node:crypto';

import { startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { demoWorkflows } from '../dev/demo';
import type { N8nClient } from '../dev/n8n';
import { outboxItems } from '../dev/outbox';
import { until } from '../dev/until';
import { consoleOf, sharedQueueMode, signedInWithCredential } from './shared';
import type { SharedQueueMode } from './shared';
import { countBy, rebookWorkflow, waitlistPollWorkflow } from './queueWorkflows';

/**
 * The package on n8n's distributed engine: main, 2 workers and a webhook processor sharing Redis and
 * PostgreSQL, each with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true as the README advises for queue mode. Webhook deliveries go to the webhook processor, poll triggers run on the main instance,
 * every execution runs on a worker. SevenRooms retries as its contract says (any non-2xx, or no
 * answer in 10 s, with backoff for 24 hours), here on a clock 60 times faster, and sends a
 * subscription 8 deliveries at a time: a delivery the busy processor could not take comes again,
 * and the verdict is what arrived, not how fast (the rate is printed).
 *
 * 600 events (780 deliveries with the copies; 2,000 until the suite had to run often): each event
 * is checked on its own, and 600 sent faster than the processor takes them still take each path
 * hundreds of times (a copy while the original is in flight, a late one; on a busy machine a retry
 * after a 503 or no answer). The trigger's de-duplication at volume is also tested without n8n.
 */
const EVENTS = 600;
const AUDIENCE = 20_000;
const SECOND_CHANGE = 50;

let sandbox: Sandbox;
let queue: SharedQueueMode;
let client: N8nClient;
let credentialId: string;
const credential = () => ({
	sevenRoomsOAuth2Api: { id: credentialId, name: 'SevenRooms sandbox' },
});

async function createActive(workflow: Record<string, unknown>): Promise<string> {
	const saved = await client.createWorkflow({ settings: { executionOrder: 'v1' }, ...workflow });
	await client.activate(saved.id, saved.versionId);
	return saved.id;
}

/** Emits the cancellations, `perSecond` events a second; their ids in order. */
async function cancellations(perSecond: number): Promise<string[]> {
	const ids: string[] = [];
	for (let n = 0; n < EVENTS; n++) {
		const guestId = `gst_${String(20_001 + (n % 900)).padStart(6, '0')}`;
		const data = {
			id: `res_q${n}`,
			venue_id: 'ven_ldn',
			guest_id: guestId,
			party_size: 1 + (n % 6),
			status: 'cancelled',
		};
		ids.push(sandbox.emitEvent('reservation.cancelled', data, 'ven_ldn'));
		if (n % perSecond === perSecond - 1) await new Promise((resolve) => setTimeout(resolve, 1_000));
	}
	return ids;
}

beforeAll(async () => {
	sandbox = await startSandbox({
		guests: AUDIENCE + 1_000,
		rateLimitPerMinute: 0,
		webhookDelivery: {
			duplicateFraction: 0.3,
			outOfOrderFraction: 0.5,
			timeScale: 60,
			maxInFlight: 8,
		},
	});
	queue = await sharedQueueMode('queue');
	({ client, credentialId } = await signedInWithCredential(queue.main.url, sandbox.url, 6_000));
});

afterAll(async () => await sandbox?.close());

it('loses nothing and does nothing twice: 780 webhook deliveries, three poll triggers, a 20,000-guest audience sync', async () => {
	const rebook = await createActive(rebookWorkflow(credential(), randomUUID()));
	// Polls: the demo's audience sync, and new waitlist entries (the ones the webhook workflow makes).
	const audience = await createActive(demoWorkflows(credentialId, queue.outbox)['audience-sync']);
	const waitlist = await createActive(waitlistPollWorkflow(credential(), queue.outbox));
	const subscription = await until('the webhook subscription', () =>
		[...sandbox.state.webhooks.values()].find((webhook) =>
			webhook.events.includes('reservation.cancelled'),
		),
	);
	expect(subscription.url.startsWith(`${queue.webhook.url}/webhook/`)).toBe(true);

	// A bulk change inside SevenRooms: 20,000 guests flip their email opt-in. (Minutes on a busy
	// machine: 20,000 items through a worker, which then has the deliveries to run too.)
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
		1_200_000,
		() => `synced ${new Set(audienceIds()).size}`,
	);
	// Then the cancellations, while the polls go on: 10 events a second (13 deliveries with the
	// copies), more than one webhook processor on 2 shared cores takes, so they queue at SevenRooms
	// and some wait for its retries.
	const floodStarted = Date.now();
	const flood = cancellations(10).then(async (ids) => {
		await sandbox.flushWebhooks();
		return { ids, settledAt: Date.now() };
	});
	// A later interval: 50 of them change back, and only those come again.
	const changedBack = flipped.slice(0, SECOND_CHANGE);
	sandbox.updateGuests(changedBack, (guest) => ({ email_opt_in: !guest.email_opt_in }));
	await until(
		'the second change',
		() => audienceIds().length >= AUDIENCE + SECOND_CHANGE,
		1_200_000,
		() => `items ${audienceIds().length}`,
	);

	// Every delivery settles (acknowledged, or given up after the 24-hour window): none given up.
	const { ids: eventIds, settledAt } = await flood;
	const deliveries = sandbox.stats.webhookDeliveries;
	const seconds = (settledAt - floodStarted) / 1000;
	process.stdout.write(
		`queue mode: ${EVENTS + deliveries.duplicatesSent} deliveries settled in ${seconds.toFixed(0)} s (${((EVENTS + deliveries.duplicatesSent) / seconds).toFixed(1)} a second), ${deliveries.attempted} attempts, answers ${JSON.stringify(deliveries.answers)}\n`,
	);
	expect(`${deliveries.failed} failed, answers ${JSON.stringify(deliveries.answers)}`).toMatch(
		/^0 failed/,
	);
	expect(deliveries.acknowledged).toBe(EVENTS + deliveries.duplicatesSent);
	expect(deliveries.duplicatesSent).toBeGreaterThan(EVENTS * 0.25);

	// n8n's execution list: one webhook execution per event, each a success.
	await until(
		'the webhook executions',
		async () => (await client.executionCount(rebook)) >= EVENTS,
		1_200_000,
		() => `waitlist entries ${sandbox.state.waitlist.size}`,
	);
	// The sandbox: each event made exactly one waitlist entry.
	const entries = [...sandbox.state.waitlist.values()].filter((entry) =>
		String(entry.notes).startsWith('Rebook offer after'),
	);
	const perEvent = countBy(
		entries.map((entry) => /\(event (evt_[^)]+)\)/.exec(String(entry.notes))?.[1]),
	);
	expect([...perEvent.keys()].sort()).toEqual([...eventIds].sort());
	expect([...perEvent.values()].every((count) => count === 1)).toBe(true);

	// The waitlist poll emits every new entry (its next run after the last one), and only once:
	// waiting for that run is also a poll interval for anything late or twice to show.
	const emitted = () => countBy(outboxItems(queue.outbox, 'waitlist-').map((entry) => entry.id));
	await until(
		'the waitlist poll to emit every entry',
		() => entries.every((entry) => emitted().has(entry.id)),
		300_000,
		() => `emitted ${emitted().size} of ${entries.length}`,
	);
	expect(entries.every((entry) => emitted().get(entry.id) === 1)).toBe(true);
	expect(await client.executionCount(rebook)).toBe(EVENTS);
	expect(await client.executionCount(rebook, ['success'])).toBe(EVENTS);

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

	// Every execution of these workflows ran on a worker, and both workers took some.
	const workerLogs = queue.workers.map(consoleOf);
	const startedOnWorkers = new Set(
		workerLogs.flatMap((log) =>
			[...log.matchAll(/Worker started execution (\d+) /g)].map((match) => match[1]),
		),
	);
	// (n8n's own table: its execution list's pages can skip rows that started in the same millisecond)
	const runs = await queue.postgres.query(
		`SELECT id FROM execution_entity WHERE "workflowId" IN ('${rebook}', '${audience}', '${waitlist}')`,
	);
	expect(runs.length).toBeGreaterThan(EVENTS + 2); // the events' and at least one run of each poll
	expect(runs.map((run) => String(run.id)).filter((id) => !startedOnWorkers.has(id))).toEqual([]);
	expect(workerLogs.every((log) => log.includes('Worker started execution'))).toBe(true);
	for (const id of [rebook, audience, waitlist]) await client.deactivate(id);
}, 3_600_000);
