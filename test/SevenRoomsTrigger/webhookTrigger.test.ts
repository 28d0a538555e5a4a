/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node modules and dev packages) */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { SIGNATURE_HEADER, signatureHeader } from '../../sandbox/webhookDelivery';
import { sevenRoomsCredentials, triggerHarness } from '../../dev/engine';

const TYPE = 'n8n-nodes-sevenrooms.sevenRoomsTrigger';
let sandbox: Sandbox;
let receiver: http.Server;
let receiverUrl: string;
let onDelivery: (raw: string, headers: Record<string, string>) => Promise<number> = async () => 200;

beforeAll(async () => {
	sandbox = await startSandbox({
		guests: 100,
		rateLimitPerMinute: 0,
		webhookDelivery: { initialBackoffMs: 20, maxAttempts: 4 },
	});
	// Plays n8n's webhook server: raw body and headers go to the trigger node.
	receiver = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			void onDelivery(
				Buffer.concat(chunks).toString('utf8'),
				request.headers as Record<string, string>,
			).then((status) => {
				response.writeHead(status).end();
			});
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;
});
afterAll(async () => {
	await sandbox.close();
	await new Promise((resolve) => receiver.close(resolve));
});

function activeTrigger(events = ['reservation.created', 'reservation.cancelled'], options = {}) {
	return triggerHarness(TYPE, { events, options }, sevenRoomsCredentials(sandbox.url), {
		webhookBaseUrl: receiverUrl,
	});
}

/** The signature header SevenRooms sends with `raw`, made with `secret` at `t` (Unix seconds). */
function signed(secret: string, raw: string, t = Math.floor(Date.now() / 1000)) {
	return { [SIGNATURE_HEADER]: signatureHeader(secret, t, raw) };
}

describe('SevenRooms Trigger life cycle', () => {
	it('subscribes on activation with its own secret, unsubscribes on deactivation, and keeps the secret for the next activation', async () => {
		const trigger = activeTrigger();
		expect(await trigger.hook('checkExists')).toBe(false);
		expect(await trigger.hook('create')).toBe(true);
		const { webhookId, webhookSecret } = trigger.staticData() as {
			webhookId: string;
			webhookSecret: string;
		};
		const subscription = sandbox.state.webhooks.get(webhookId);
		expect(subscription).toMatchObject({
			events: ['reservation.created', 'reservation.cancelled'],
		});
		expect(subscription?.url.startsWith(receiverUrl)).toBe(true);
		expect(subscription?.secret).toBe(webhookSecret);
		expect(await trigger.hook('checkExists')).toBe(true);

		expect(await trigger.hook('delete')).toBe(true);
		expect(sandbox.state.webhooks.has(webhookId)).toBe(false);
		// A re-activation subscribes again with the same secret: an execution that started before
		// it and saves its copy of the static data afterwards writes back a secret that still works.
		expect(await trigger.hook('checkExists')).toBe(false);
		expect(await trigger.hook('create')).toBe(true);
		const again = sandbox.state.webhooks.get(String(trigger.staticData().webhookId));
		expect(again?.id).not.toBe(webhookId);
		expect(again?.secret).toBe(webhookSecret);
		expect(trigger.staticData().webhookSecret).toBe(webhookSecret);
		expect(await trigger.hook('delete')).toBe(true);
	});

	it('subscribes again when the subscription was deleted on the SevenRooms side', async () => {
		const trigger = activeTrigger();
		await trigger.hook('create');
		sandbox.state.webhooks.delete(String(trigger.staticData().webhookId));
		expect(await trigger.hook('checkExists')).toBe(false);
		expect(await trigger.hook('create')).toBe(true);
		expect(sandbox.state.webhooks.has(String(trigger.staticData().webhookId))).toBe(true);
		expect(await trigger.hook('delete')).toBe(true);
	});
});

describe('SevenRooms Trigger deliveries', () => {
	it('starts exactly one execution per event despite duplicate and out-of-order deliveries', async () => {
		const started: Array<Record<string, unknown>> = [];
		const answers: number[] = [];
		// Duplicates and late deliveries, as the contract allows.
		const duplicating = await startSandbox({
			guests: 50,
			rateLimitPerMinute: 0,
			seed: 7,
			webhookDelivery: { duplicateFraction: 0.3, outOfOrderFraction: 0.3, initialBackoffMs: 20 },
		});
		try {
			const relay = triggerHarness(
				TYPE,
				{ events: ['reservation.created', 'reservation.cancelled'], options: {} },
				sevenRoomsCredentials(duplicating.url),
				{ webhookBaseUrl: receiverUrl },
			);
			await relay.hook('create');
			onDelivery = async (raw, headers) => {
				const answer = await relay.deliver(raw, headers);
				if (answer.started) started.push(...answer.items);
				answers.push(answer.status);
				return answer.status;
			};
			const ids = new Set<string>();
			for (let n = 0; n < 60; n++) {
				ids.add(
					duplicating.emitEvent(
						n % 3 ? 'reservation.created' : 'reservation.cancelled',
						{ id: `res_x${n}`, venue_id: 'ven_dxb', start_time: '2026-12-31T16:00:00.000Z' },
						'ven_dxb',
					),
				);
			}
			await duplicating.flushWebhooks();
			expect(duplicating.stats.webhookDeliveries.duplicatesSent).toBeGreaterThan(5);
			expect(started.map((event) => event.id).sort()).toEqual([...ids].sort());
			expect(answers.every((status) => status === 200)).toBe(true);
			// Dubai is UTC+4: the venue-local time is added next to the UTC one.
			expect((started[0].data as Record<string, unknown>).start_time_local).toBe(
				'2026-12-31T20:00:00+04:00',
			);
		} finally {
			await duplicating.close();
		}
	});

	it('answers 401 and starts nothing for forged, stale or unsigned deliveries, and 400 for a body that is not JSON', async () => {
		const trigger = activeTrigger();
		await trigger.hook('create');
		const secret = String(trigger.staticData().webhookSecret);
		const body = JSON.stringify({
			id: 'evt_forged',
			type: 'reservation.created',
			venue_id: 'ven_nyc',
			data: { id: 'res_1' },
		});
		const now = Math.floor(Date.now() / 1000);

		for (const headers of [
			signed('whsec_someone_else', body, now),
			signed(secret, body, now - 3600),
			{},
			{ 'X-SevenRooms-Signature': 'v1=abc' },
		]) {
			const answer = await trigger.deliver(body, headers);
			expect(answer).toMatchObject({ status: 401, started: false });
		}
		const tampered = await trigger.deliver(
			body.replace('res_1', 'res_2'),
			signed(secret, body, now),
		);
		expect(tampered).toMatchObject({ status: 401, started: false });

		const notJson = await trigger.deliver('{not json', signed(secret, '{not json', now));
		expect(notJson).toMatchObject({ status: 400, started: false });

		const genuine = await trigger.deliver(body, signed(secret, body, now));
		expect(genuine).toMatchObject({ started: true });
		// The secret is the trigger's own business: not in what the workflow gets.
		expect(JSON.stringify(genuine.items)).not.toContain(secret);
	});

	it('asks SevenRooms to retry (503) a delivery that comes before activation saved the secret, and accepts it once saved', async () => {
		const trigger = activeTrigger();
		await trigger.hook('create');
		// n8n 2.x saves the static data after the subscription exists: the first delivery can win.
		const secret = String(trigger.staticData().webhookSecret);
		delete trigger.staticData().webhookSecret;
		const body = JSON.stringify({
			id: 'evt_early',
			type: 'reservation.created',
			venue_id: 'ven_nyc',
			data: { id: 'res_1' },
		});
		const headers = signed(secret, body);

		const early = await trigger.deliver(body, headers);
		expect(early).toMatchObject({ status: 503, started: false, headers: { 'Retry-After': '5' } });
		expect(trigger.staticData().acceptedEvents).toBeUndefined(); // nothing marked as seen

		trigger.staticData().webhookSecret = secret;
		expect(await trigger.deliver(body, headers)).toMatchObject({ started: true });
	});

	it('acknowledges events of other types or venues without starting the workflow', async () => {
		const trigger = activeTrigger(['reservation.created'], {
			venue: { __rl: true, mode: 'id', value: 'ven_ldn' },
		});
		await trigger.hook('create');
		const secret = String(trigger.staticData().webhookSecret);
		const deliver = async (event: Record<string, unknown>) => {
			const raw = JSON.stringify(event);
			return await trigger.deliver(raw, signed(secret, raw));
		};
		expect(
			await deliver({ id: 'evt_a', type: 'reservation.created', venue_id: 'ven_nyc', data: {} }),
		).toMatchObject({ status: 200, started: false });
		expect(
			await deliver({ id: 'evt_b', type: 'guest.updated', venue_id: 'ven_ldn', data: {} }),
		).toMatchObject({ status: 200, started: false });
		expect(
			await deliver({
				id: 'evt_c',
				type: 'reservation.created',
				venue_id: 'ven_ldn',
				data: { start_time: '2026-07-01T18:00:00Z' },
			}),
		).toMatchObject({
			started: true,
			items: [
				expect.objectContaining({
					data: expect.objectContaining({ start_time_local: '2026-07-01T19:00:00+01:00' }),
				}),
			],
		});
	});

	it('keeps accepted events compact and only as long as SevenRooms can redeliver them', async () => {
		const trigger = activeTrigger();
		await trigger.hook('create');
		const secret = String(trigger.staticData().webhookSecret);
		const send = async (id: string) => {
			const raw = JSON.stringify({ id, type: 'reservation.created', data: {} });
			return await trigger.deliver(raw, signed(secret, raw));
		};
		// What version 0.1 saved still counts after an upgrade.
		trigger.staticData().recentEventIds = Array.from({ length: 2_000 }, (_, n) => `evt_old_${n}`);
		expect((await send('evt_old_5')).started).toBe(false);
		expect(trigger.staticData().recentEventIds).toBeUndefined();

		for (let n = 0; n < 500; n++)
			expect((await send(`evt_${n}_${'x'.repeat(40)}`)).started).toBe(true);
		// 2,500 long ids in a few dozen bytes each, not 50-character strings in a growing list.
		expect(JSON.stringify(trigger.staticData().acceptedEvents).length).toBeLessThan(
			2_500 * 13 + 200,
		);

		jest.useFakeTimers({ now: Date.now() + 26 * 3600_000 });
		try {
			expect((await send('evt_tomorrow')).started).toBe(true);
			// A day later, only the new hour is left in static data.
			expect(Object.keys(trigger.staticData().acceptedEvents as object)).toHaveLength(1);
		} finally {
			jest.useRealTimers();
		}
	});

	it('drops a redelivery even when the saved ids lost it to a concurrent save', async () => {
		const trigger = activeTrigger();
		await trigger.hook('create');
		const secret = String(trigger.staticData().webhookSecret);
		const raw = JSON.stringify({ id: 'evt_lost_update', type: 'reservation.created', data: {} });
		const send = async () => await trigger.deliver(raw, signed(secret, raw));
		jest.useFakeTimers({ now: Date.now() });
		try {
			expect((await send()).started).toBe(true);
			// n8n saves a request's copy of the static data whole: another delivery's save can drop
			// this id. A redelivery two hours later (at-least-once delivery) must still be dropped.
			trigger.staticData().acceptedEvents = {};
			jest.advanceTimersByTime(2 * 60 * 60_000);
			const again = await send();
			expect(again.started).toBe(false);
			expect(again.status).toBe(200);
		} finally {
			jest.useRealTimers();
		}
	});
});
