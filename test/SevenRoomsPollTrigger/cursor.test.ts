/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node modules and dev packages) */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { retryPolicy } from '../../nodes/SevenRooms/transport';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { sevenRoomsCredentials, triggerHarness } from '../../dev/engine';
import { sandboxClient } from '../../dev/sandboxClient';

/**
 * Poll cursors against what a real API and a real n8n do: clocks that disagree, records dated in
 * the future, changes between polls, test clicks on an active trigger, polls that fail.
 */
const TYPE = 'n8n-nodes-sevenrooms.sevenRoomsPollTrigger';
const MINUTE = 60_000;
let sandbox: Sandbox;
let api: ReturnType<typeof sandboxClient>;
const defaults = { ...retryPolicy };

beforeAll(async () => {
	sandbox = await startSandbox({ guests: 3_000, rateLimitPerMinute: 0 });
	api = sandboxClient(sandbox);
});
afterAll(async () => await sandbox.close());
afterEach(() => {
	sandbox.setClock(0);
	sandbox.setFaults({ serverErrorFraction: 0 });
	Object.assign(retryPolicy, defaults);
});

const poller = (parameters: IDataObject) =>
	triggerHarness(TYPE, parameters, sevenRoomsCredentials(sandbox.url));
const requestCount = () =>
	Object.values(sandbox.stats.requests)
		.flatMap((byStatus) => Object.values(byStatus))
		.reduce((sum, count) => sum + count, 0);

describe('reservation events', () => {
	it('calls a reservation booked and changed between two polls "created", later changes "updated"', async () => {
		const trigger = poller({
			event: 'reservationChanged',
			reservationEvents: ['created', 'updated', 'cancelled'],
			filters: {},
		});
		await trigger.poll();
		const booked = await api('POST', '/reservations', {
			venue_id: 'ven_nyc',
			party_size: 2,
			start_time: '2027-05-01T23:00:00Z',
			guest_id: 'gst_000042',
		});
		await api('PATCH', `/reservations/${String(booked.data.id)}`, { notes: 'Birthday' });
		const first = (await trigger.poll()).filter((item) => item.id === booked.data.id);
		expect(first.map((item) => item.event)).toEqual(['reservation.created']);

		await api('PATCH', `/reservations/${String(booked.data.id)}`, { notes: 'Birthday, cake' });
		const second = (await trigger.poll()).filter((item) => item.id === booked.data.id);
		expect(second.map((item) => item.event)).toEqual(['reservation.updated']);
	});
});

describe('cursors on the API’s clock', () => {
	it.each([
		['5 minutes behind', -5 * MINUTE],
		['5 minutes ahead', 5 * MINUTE],
	])(
		'finds a change made right after activation when the API clock is %s',
		async (_label, skew) => {
			sandbox.setClock(skew);
			const trigger = poller({ event: 'guestChanged' });
			expect(await trigger.poll()).toEqual([]);
			await api('PATCH', '/guests/gst_000300', { notes: `skew ${skew}` });
			expect((await trigger.poll()).map((guest) => guest.id)).toContain('gst_000300');
		},
	);

	it('never moves the cursor past the API’s now for a record dated tomorrow', async () => {
		const trigger = poller({ event: 'guestChanged' });
		await trigger.poll();
		const tomorrow = new Date(Date.now() + 24 * 60 * MINUTE).toISOString();
		sandbox.touchGuest('gst_000400', tomorrow);
		expect((await trigger.poll()).map((guest) => guest.id)).toContain('gst_000400');
		const cursor = Date.parse(
			String((trigger.staticData().guestChanged as { cursor: string }).cursor),
		);
		expect(cursor).toBeLessThanOrEqual(Date.now() + 2 * MINUTE);

		await api('PATCH', '/guests/gst_000401', { notes: 'an ordinary change' });
		// The ordinary change comes out; the future record does not come out again.
		const next = (await trigger.poll()).map((guest) => guest.id);
		expect(next).toContain('gst_000401');
		expect(next).not.toContain('gst_000400');
	});
});

/**
 * The sandbox behind a proxy that calls `before` with each request's method and URL (path and
 * query) and waits for it before passing the request on: what happens at the API while the node
 * is in the middle of something.
 */
async function behindProxy(
	before: (method: string, url: string) => Promise<void>,
): Promise<{ url: string; close(): Promise<void> }> {
	const target = new URL(sandbox.url);
	const proxy = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			void before(request.method ?? 'GET', request.url ?? '/').then(() => {
				const upstream = http.request(
					{
						host: target.hostname,
						port: target.port,
						method: request.method,
						path: request.url,
						headers: { ...request.headers, host: target.host },
					},
					(answer) => {
						response.writeHead(answer.statusCode ?? 502, answer.headers);
						answer.pipe(response);
					},
				);
				upstream.end(Buffer.concat(chunks));
			});
		});
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
		close: () => new Promise((resolve) => proxy.close(() => resolve())),
	};
}

describe('the audience read at activation', () => {
	it('unsubscribes subscribers who opt out while it reads, however long the read takes', async () => {
		const subscribers = [...sandbox.state.guests.values()]
			.filter((guest) => guest.email_opt_in === true)
			.map((guest) => guest.id)
			.sort();
		const [early, late] = [subscribers[0], subscribers[subscribers.length - 1]];
		let audiencePages = 0;
		const proxy = await behindProxy(async (method, url) => {
			if (method !== 'GET' || !/^\/guests\?.*email_opt_in=true/.test(url)) return;
			audiencePages++;
			// Before the first page: a subscriber the read has yet to reach opts out.
			if (audiencePages === 1) await api('PATCH', `/guests/${late}`, { email_opt_in: false });
			if (audiencePages === 2) {
				// One the read already had opts out; then the read goes on for five minutes more
				// (a 50,000-guest audience at 120 requests a minute takes over three).
				await api('PATCH', `/guests/${early}`, { email_opt_in: false });
				sandbox.setClock(5 * MINUTE);
			}
		});
		try {
			const trigger = triggerHarness(
				TYPE,
				{ event: 'audienceSync' },
				sevenRoomsCredentials(proxy.url),
			);
			expect(await trigger.poll()).toEqual([]);
			expect(audiencePages).toBeGreaterThan(2);
			const actions = (await trigger.poll())
				.filter((guest) => guest.id === early || guest.id === late)
				.map((guest) => [guest.id, guest.audience_action]);
			expect(Object.fromEntries(actions)).toEqual({
				[early]: 'unsubscribe',
				[late]: 'unsubscribe',
			});
		} finally {
			await proxy.close();
		}
	});
});

describe('test clicks and failures', () => {
	it('samples the newest few with at most two requests, on a trigger that was active', async () => {
		const trigger = poller({ event: 'audienceSync' });
		await trigger.poll();
		await api('PATCH', '/guests/gst_000500', { email_opt_in: true });
		await trigger.poll();
		// n8n hands nodes proxied static data once it was saved: the test click must cope.
		const before = JSON.stringify(trigger.staticData());
		const requests = requestCount();
		const sample = await trigger.poll('manual');
		expect(requestCount() - requests).toBeLessThanOrEqual(2);
		expect(sample.length).toBeGreaterThan(0);
		expect(sample.length).toBeLessThanOrEqual(5);
		expect(sample[0]).toHaveProperty('audience_action');
		expect(JSON.stringify(trigger.staticData())).toBe(before);
	});

	it('leaves the cursor where it was when a poll cannot finish', async () => {
		const trigger = poller({ event: 'guestChanged' });
		await trigger.poll();
		await api('PATCH', '/guests/gst_000600', { notes: 'made while SevenRooms fails' });
		const before = JSON.stringify(trigger.staticData());
		Object.assign(retryPolicy, { maxAttempts: 1 });
		sandbox.setFaults({ serverErrorFraction: 1 });
		await expect(trigger.poll()).rejects.toThrow('SevenRooms answered HTTP 500');
		expect(JSON.stringify(trigger.staticData())).toBe(before);
		sandbox.setFaults({ serverErrorFraction: 0 });
		expect((await trigger.poll()).map((guest) => guest.id)).toContain('gst_000600');
	});

	it('falls back to UTC for a venue whose time zone the API names wrongly', async () => {
		const venue = sandbox.state.venues.get('ven_dxb');
		const zone = venue!.timezone;
		venue!.timezone = 'Mars/Olympus';
		try {
			const birthdays = await poller({
				event: 'upcomingBirthday',
				venue: { __rl: true, mode: 'id', value: 'ven_dxb' },
				daysAhead: 0,
			}).poll('manual');
			expect(birthdays.every((guest) => guest.venue_timezone === 'UTC')).toBe(true);
		} finally {
			venue!.timezone = zone;
		}
	});
});
