import type { IDataObject } from 'n8n-workflow';

import { reservationOf } from '../../nodes/SevenRooms/api/v2_4/shapes';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { sevenRooms24Credentials, triggerHarness } from '../../dev/engine';
import { sandboxClient } from '../../dev/sandboxClient';

const TYPE = 'n8n-nodes-sevenrooms.sevenRoomsPollTrigger';

describe("API 2.4's visit and bill, made plain", () => {
	const complete = (fields: IDataObject) =>
		reservationOf(
			{ id: 'r1', status_simple: 'Complete', date: '2026-10-10', ...fields },
			'America/New_York',
		);

	it('reads amounts written as numbers, numeric strings, "None" or null', () => {
		type Loose = string | number | null | undefined;
		const spend = (total: Loose, onsite: Loose) =>
			complete({ total_payment: total, onsite_payment: onsite }).spend;
		expect(spend(1303.09, 'None')).toEqual({ amount: 1303.09, currency: null });
		expect(spend('84.50', null)).toEqual({ amount: 84.5, currency: null });
		expect(spend('1,303.09', null)).toEqual({ amount: 1303.09, currency: null });
		expect(spend('None', '105.15')).toEqual({ amount: 105.15, currency: null });
		expect(spend(null, 0)).toEqual({ amount: 0, currency: null });
		expect(spend('None', 'None')).toBeNull();
		expect(spend(null, undefined)).toBeNull();
		expect(spend('n/a', '')).toBeNull();
	});

	it('reads the venue clock of seated and left times on the service date, after midnight the next day', () => {
		const visit = complete({ seated_time: '7:00:00 PM', left_time: '12:45:00 AM' });
		expect(visit.seated_at).toBe('2026-10-10T23:00:00.000Z');
		expect(visit.completed_at).toBe('2026-10-11T04:45:00.000Z');
		expect(complete({ left_time: 'None', seated_time: null })).toMatchObject({
			seated_at: null,
			completed_at: null,
		});
	});

	it('keeps a rating as a number, and no score as null', () => {
		expect(complete({ rating: 4.2 }).rating).toBe(4.2);
		expect(complete({ rating: '8' }).rating).toBe(8);
		expect(complete({ rating: 'None' }).rating).toBeNull();
		expect(complete({ rating: 0 }).rating).toBeNull();
	});
});

describe('After the Visit on API 2.4 against the sandbox', () => {
	let sandbox: Sandbox;
	let call: ReturnType<typeof sandboxClient>;
	let ahead = 0;
	const trigger = (visitEvents: string[]) =>
		triggerHarness(
			TYPE,
			{
				authentication: 'api24',
				venueTimeZone: 'America/New_York',
				event: 'afterVisit',
				visitEvents,
				filters: {},
			},
			sevenRooms24Credentials(sandbox.url),
		);
	beforeAll(async () => {
		sandbox = await startSandbox({
			guests: 2000,
			rateLimitPerMinute: 0,
			now: () => new Date(Date.now() + ahead),
		});
		call = sandboxClient(sandbox);
	});
	afterAll(async () => await sandbox.close());

	it('tells a visit with a loosely written bill and no left time once, its bill a number', async () => {
		// A seeded reservation whose 2.4 amounts are numeric strings and whose left_time stays "None".
		const seeded = [...sandbox.state.reservations.values()].find((reservation) => {
			const n = Number(reservation.id.slice(4));
			return n % 12 === 4 && ['booked', 'confirmed'].includes(reservation.status);
		});
		expect(seeded).toBeDefined();
		const poll = trigger(['completed']);
		await poll.poll();
		await call('PATCH', `/reservations/${seeded!.id}`, {
			status: 'completed',
			spend: { amount: 212.3 },
		});
		const items = (await poll.poll()).filter((item) => item.id === seeded!.id);
		expect(items).toEqual([
			expect.objectContaining({
				event: 'visit.completed',
				total_payment: '212.30',
				spend: { amount: 212.3, currency: sandbox.state.venues.get(seeded!.venue_id)?.currency },
				completed_at: null,
			}),
		]);
		ahead += 30 * 60_000;
		await call('PATCH', `/reservations/${seeded!.id}`, { notes: 'Paid by card' });
		expect((await poll.poll()).filter((item) => item.id === seeded!.id)).toEqual([]);
	});

	it('finds a rating that did not move `updated`, by reading the last service dates again', async () => {
		const poll = trigger(['rated']);
		await poll.poll();
		const booked = await call('POST', '/reservations', {
			venue_id: 'ven_nyc',
			party_size: 2,
			start_time: new Date(Math.ceil((Date.now() + ahead) / 60_000) * 60_000).toISOString(),
			guest_id: 'gst_000050',
		});
		const id = String(booked.data.id);
		await call('PATCH', `/reservations/${id}`, { status: 'completed', spend: { amount: 50 } });
		expect(await poll.poll()).toEqual([]);
		sandbox.setFaults({ ratingKeepsUpdated: true });
		try {
			await call('PATCH', `/reservations/${id}`, { rating: 3 });
			ahead += 16 * 60_000;
			const found = (await poll.poll()).filter((item) => item.id === id);
			expect(found.map((item) => [item.event, item.rating])).toEqual([['visit.rated', 3]]);
			ahead += 16 * 60_000;
			expect((await poll.poll()).filter((item) => item.id === id)).toEqual([]);
		} finally {
			sandbox.setFaults({ ratingKeepsUpdated: false });
		}
	});
});
