import { DateTime } from 'luxon';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { addVenue, daysAhead, nextDstChange } from '../SevenRooms/booking.helpers';
import { codeOf, sandboxHttp } from './helpers';
import { sandbox24 } from './helpers24';

/** Availability as both dialects serve it: from the opening hours, the tables and the bookings. */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ guests: 50, rateLimitPerMinute: 0 });
	addVenue(sandbox, { id: 'ven_one', timezone: 'Europe/Paris', tables: [4] });
	addVenue(sandbox, {
		id: 'ven_late',
		timezone: 'America/New_York',
		open: '18:00',
		close: '03:00',
		tables: [2, 6],
	});
});
afterAll(async () => await sandbox.close());

const http = sandboxHttp(() => sandbox);
const http24 = sandbox24(() => sandbox);
type Slot = { start_time: string; local_time: string; type: string; shift: { category: string } };

async function slots(venueId: string, query: Record<string, string>) {
	const answer = await http.call(
		'GET',
		`/venues/${venueId}/availability?${new URLSearchParams(query)}`,
		{ bearer: await http.bearer() },
	);
	return { status: answer.status, body: answer.body, slots: (answer.body.data ?? []) as Slot[] };
}

describe("the contract's availability", () => {
	it('offers every half hour of the evening, earliest first, until an hour before closing', async () => {
		const date = daysAhead('Europe/Paris', 3);
		const { status, slots: free } = await slots('ven_one', { date, party_size: '2' });
		expect(status).toBe(200);
		expect(free.map((slot) => slot.local_time)).toEqual([
			'17:00',
			'17:30',
			'18:00',
			'18:30',
			'19:00',
			'19:30',
			'20:00',
			'20:30',
			'21:00',
			'21:30',
			'22:00',
		]);
		const first = DateTime.fromISO(free[0].start_time, { zone: 'Europe/Paris' });
		expect(first.toISODate()).toBe(date);
		expect(free[0]).toMatchObject({
			duration_minutes: 90,
			shift: { name: 'Dinner', category: 'dinner' },
			type: 'book',
			table_ids: ['ven_one_t1'],
		});
	});

	it('stops offering what a booking takes and offers it again when it is cancelled', async () => {
		const date = daysAhead('Europe/Paris', 4);
		const window = { date, party_size: '3', start_time: '18:00', end_time: '21:00' };
		const before = (await slots('ven_one', window)).slots.map((slot) => slot.local_time);
		const at19 = (await slots('ven_one', window)).slots.find((slot) => slot.local_time === '19:00');
		const bearer = await http.bearer();
		const booked = await http.call('POST', '/reservations', {
			bearer,
			body: {
				venue_id: 'ven_one',
				party_size: 3,
				start_time: at19?.start_time,
				guest_id: 'gst_000002',
			},
		});
		expect(booked.status).toBe(201);
		// 90 minutes from 19:00 on the one table: 17:30 to 20:00 overlap it.
		expect((await slots('ven_one', window)).slots.map((slot) => slot.local_time)).toEqual([
			'20:30',
			'21:00',
		]);
		await http.call('POST', `/reservations/${booked.body.data.id}/cancel`, { bearer, body: {} });
		expect((await slots('ven_one', window)).slots.map((slot) => slot.local_time)).toEqual(before);
	});

	it('reads a window past midnight as the same night, and skips the hour daylight saving time skips', async () => {
		const date = daysAhead('America/New_York', 5);
		const night = await slots('ven_late', {
			date,
			party_size: '2',
			start_time: '23:30',
			end_time: '01:30',
		});
		expect(night.slots.map((slot) => slot.local_time)).toEqual([
			'23:30',
			'00:00',
			'00:30',
			'01:00',
			'01:30',
		]);
		expect(
			DateTime.fromISO(night.slots[1].start_time, { zone: 'America/New_York' }).toISODate(),
		).toBe(DateTime.fromISO(date).plus({ days: 1 }).toISODate());

		const spring = nextDstChange('America/New_York', 'forward');
		const dst = await slots('ven_late', { date: spring.eve, party_size: '2', start_time: '23:00' });
		const times = dst.slots.map((slot) => slot.local_time);
		expect(times).toEqual(['23:00', '23:30', '00:00', '00:30', '01:00', '01:30']);
		const starts = dst.slots.map((slot) => Date.parse(slot.start_time));
		expect(new Set(starts).size).toBe(starts.length);
	});

	it('refuses a past date, a window that ends before it starts, no party and a party no table seats', async () => {
		const past = await slots('ven_one', {
			date: DateTime.now().setZone('Europe/Paris').minus({ days: 2 }).toISODate() as string,
			party_size: '2',
		});
		expect([past.status, codeOf(past.body), past.body.errors[0].field]).toEqual([
			422,
			'invalid_field',
			'date',
		]);
		const date = daysAhead('Europe/Paris', 3);
		const backwards = await slots('ven_one', {
			date,
			party_size: '2',
			start_time: '21:00',
			end_time: '19:00',
		});
		expect([backwards.status, backwards.body.errors[0].field]).toEqual([422, 'start_time']);
		expect((await slots('ven_one', { date, party_size: '0' })).status).toBe(422);
		const tooBig = await slots('ven_one', { date, party_size: '5' });
		expect([tooBig.status, codeOf(tooBig.body)]).toEqual([422, 'exceeds_capacity']);
	});
});

describe("API 2.4's availability", () => {
	it('answers the same free times per shift, in 2.4 clock times', async () => {
		const date = daysAhead('Europe/Paris', 6);
		const contract = (await slots('ven_one', { date, party_size: '2' })).slots;
		const answer = await http24.call(
			'GET',
			`/venues/ven_one/availability?date=${date}&start_time=5:00 PM&end_time=11:00 PM&party_size=2`,
			{ authorization: await http24.token() },
		);
		const [dinner] = answer.body.data.availability as Array<{ times: Array<{ time: string }> }>;
		expect(dinner.times.map((time) => time.time)).toEqual(
			contract.map((slot) => DateTime.fromFormat(slot.local_time, 'HH:mm').toFormat('h:mm a')),
		);
		const tooBig = await http24.call(
			'GET',
			`/venues/ven_one/availability?date=${date}&start_time=17:00&end_time=23:00&party_size=5`,
			{ authorization: await http24.token() },
		);
		const times = (tooBig.body.data.availability as Array<{ times: unknown[] }>).flatMap(
			(shift) => shift.times,
		);
		expect(times).toEqual([]);
	});
});
