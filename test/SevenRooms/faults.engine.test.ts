/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node modules and dev packages) */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { retryPolicy } from '../../nodes/SevenRooms/transport';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import {
	runWorkflow,
	sevenRoomsCredentials,
	sevenRoomsWorkflow,
	triggerHarness,
} from '../../dev/engine';

// Faults as the fault-injection suite is specified: 10% 503, 5% 429, resets, answers cut off
// halfway through their body, and slow answers.
const FAULTS = {
	unavailableFraction: 0.1,
	rateLimitedFraction: 0.05,
	resetFraction: 0.05,
	cutBodyFraction: 0.05,
	slowFraction: 0.02,
	slowMs: 50,
	retryAfterSeconds: 0,
};
const defaults = { ...retryPolicy };

describe('fault injection: nothing lost, nothing twice', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ guests: 10_000, rateLimitPerMinute: 0, seed: 1234 });
		Object.assign(retryPolicy, {
			backoffBaseMs: 2,
			backoffMaxMs: 10,
			unavailableMinMs: 2,
			unavailableMaxMs: 10,
			rateLimitedFallbackMs: 2,
			rateLimitedMinMs: 2,
			maxAttempts: 8,
		});
	});
	afterAll(async () => {
		Object.assign(retryPolicy, defaults);
		await sandbox.close();
	});
	beforeEach(() => {
		sandbox.setFaults(FAULTS);
		sandbox.resetStats();
	});

	it('syncs all 10,000 guests exactly once while a fifth of the requests fail', async () => {
		const result = await runWorkflow(
			sevenRoomsWorkflow({ resource: 'guest', operation: 'getAll', returnAll: true }),
			{ credentialsHelper: sevenRoomsCredentials(sandbox.url) },
		);
		expect(result.errorOf('SevenRooms')).toBeUndefined();
		const ids = result.outputOf('SevenRooms').map((guest) => guest.id);
		expect(ids).toHaveLength(10_000);
		expect(new Set(ids).size).toBe(10_000);
		expect(
			Object.values(sandbox.stats.faultsInjected).reduce((sum, count) => sum + count, 0),
		).toBeGreaterThan(5);
		expect(sandbox.stats.faultsInjected.cut_body ?? 0).toBeGreaterThan(0);
	});

	it('creates 1,000 reservations exactly once each, every item accounted for', async () => {
		const venues = ['ven_nyc', 'ven_ldn', 'ven_dxb'];
		const rows = Array.from({ length: 1000 }, (_, n) => ({
			venue: venues[n % 3],
			// Two hours apart per venue: every booking fits a table.
			start: new Date(Date.UTC(2027, 0, 1) + Math.floor(n / 3) * 2 * 3600_000).toISOString(),
			guest: `gst_${String(n + 1).padStart(6, '0')}`,
		}));
		const before = [...sandbox.state.reservations.values()].filter(
			(reservation) => reservation.source === 'api',
		).length;
		const result = await runWorkflow(
			sevenRoomsWorkflow(
				{
					resource: 'reservation',
					operation: 'create',
					venue: { __rl: true, mode: 'id', value: '={{ $json.venue }}' },
					partySize: 2,
					startTime: '={{ $json.start }}',
					guestMode: 'existing',
					guestId: '={{ $json.guest }}',
					options: { timeZone: 'utc' },
				},
				{ rows },
			),
			{ credentialsHelper: sevenRoomsCredentials(sandbox.url) },
		);
		expect(result.errorOf('SevenRooms')).toBeUndefined();
		const items = result.items('SevenRooms');
		expect(items).toHaveLength(1000);
		expect(items.map((item) => item.pairedItem)).toEqual(rows.map((_, item) => ({ item })));
		expect(new Set(items.map((item) => item.json.id)).size).toBe(1000);
		const created = [...sandbox.state.reservations.values()].filter(
			(reservation) => reservation.source === 'api',
		);
		expect(created.length - before).toBe(1000);
		expect(sandbox.stats.created.reservations).toBe(1000);
		expect(sandbox.stats.faultsInjected.reset_after_processing ?? 0).toBeGreaterThan(0);
		// Made, then its answer cut off midway: the retry with the same key is a replay.
		expect(sandbox.stats.faultsInjected.cut_body ?? 0).toBeGreaterThan(0);
	});

	it('turns 1,000 events delivered with 30% duplicates, shuffled, into 1,000 executions', async () => {
		sandbox.setFaults({});
		const deliveries = await startSandbox({
			guests: 10,
			rateLimitPerMinute: 0,
			seed: 99,
			webhookDelivery: { duplicateFraction: 0.3, outOfOrderFraction: 0.3, initialBackoffMs: 10 },
		});
		const started: string[] = [];
		const receiver = http.createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				void trigger
					.deliver(
						Buffer.concat(chunks).toString('utf8'),
						request.headers as Record<string, string>,
					)
					.then((answer) => {
						if (answer.started) started.push(...answer.items.map((event) => String(event.id)));
						response.writeHead(answer.status).end();
					});
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		const trigger = triggerHarness(
			'n8n-nodes-sevenrooms.sevenRoomsTrigger',
			{ events: ['reservation.updated'], options: {} },
			sevenRoomsCredentials(deliveries.url),
			{
				webhookBaseUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`,
			},
		);
		try {
			await trigger.hook('create');
			const sent = new Set<string>();
			for (let n = 0; n < 1000; n++)
				sent.add(
					deliveries.emitEvent(
						'reservation.updated',
						{ id: `res_${n}`, venue_id: 'ven_nyc' },
						'ven_nyc',
					),
				);
			await deliveries.flushWebhooks();
			expect(deliveries.stats.webhookDeliveries.duplicatesSent).toBeGreaterThan(200);
			expect(started).toHaveLength(1000);
			expect(new Set(started)).toEqual(sent);
		} finally {
			await deliveries.close();
			await new Promise((resolve) => receiver.close(resolve));
		}
	});
});
