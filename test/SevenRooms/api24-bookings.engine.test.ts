import type { IDataObject } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { searchCap } from '../../nodes/SevenRooms/api/v2_4/lists';
import { runWorkflow, sevenRooms24Credentials, sevenRoomsWorkflow } from '../../dev/engine';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ guests: 300, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());

const id = (value: string) => ({ __rl: true, mode: 'id', value });
async function run(parameters: IDataObject, options: { continueOnFail?: boolean } = {}) {
	const result = await runWorkflow(
		sevenRoomsWorkflow({ authentication: 'api24', ...parameters }, options),
		{ credentialsHelper: sevenRooms24Credentials(sandbox.url) },
	);
	return { output: result.outputOf('SevenRooms'), error: result.errorOf('SevenRooms') };
}

const book = (fields: IDataObject = {}) =>
	run({
		resource: 'reservation',
		operation: 'create',
		venueTimeZone: 'America/New_York',
		venue: id('ven_nyc'),
		partySize: 4,
		startTime: '2027-07-04T19:30:00',
		guestMode: 'new',
		guestFirstName: 'Grace',
		guestLastName: 'Hopper',
		guestEmail: 'grace.24@example.com',
		guestPhone: '(212) 555-0143',
		additionalFields: { notes: 'Anniversary' },
		...fields,
	});

describe('Reservations on API 2.4', () => {
	it('books in the venue-local time and answers with UTC plus the local time', async () => {
		const emails = sandbox.stats.clientEmails.confirmation;
		const { output, error } = await book({ options: { sendClientEmail: false } });
		expect(error).toBeUndefined();
		expect(output[0]).toMatchObject({
			start_time: '2027-07-04T23:30:00.000Z',
			start_time_local: '2027-07-04T19:30:00-04:00',
			venue_timezone: 'America/New_York',
			date: '2027-07-04',
			arrival_time: '7:30 PM',
			party_size: 4,
			max_guests: 4,
			status: 'booked',
			notes: 'Anniversary',
		});
		expect(sandbox.stats.clientEmails.confirmation).toBe(emails);
	});

	it('files a 1:30 AM booking under the evening before, as 2.4 does', async () => {
		const { output } = await book({
			startTime: '2027-07-06T01:30:00',
			guestEmail: 'late.24@example.com',
			guestPhone: '+12125550144',
		});
		expect(output[0]).toMatchObject({
			date: '2027-07-05',
			start_time: '2027-07-06T05:30:00.000Z',
		});
	});

	it('books for an existing guest with the name and phone of their profile', async () => {
		const { output, error } = await book({
			guestMode: 'existing',
			guestId: 'gst_000012',
			startTime: '2027-07-10T18:00:00',
		});
		expect(error).toBeUndefined();
		expect(output[0]).toMatchObject({ guest_id: 'gst_000012', client_id: 'gst_000012' });
	});

	it('gets, lists by dates, updates and cancels', async () => {
		const created = (
			await book({ startTime: '2027-08-01T18:00:00', guestEmail: 'cycle.24@example.com' })
		).output[0];
		const reservationId = String(created.id);
		const zone = { venueTimeZone: 'America/New_York' };
		const got = await run({
			resource: 'reservation',
			operation: 'get',
			reservationId: id(reservationId),
			...zone,
		});
		expect(got.output[0]).toMatchObject({ id: reservationId, start_time: created.start_time });

		const listed = await run({
			resource: 'reservation',
			operation: 'getAll',
			returnAll: true,
			filters: {
				venue: id('ven_nyc'),
				startFrom: '2027-08-01T00:00:00Z',
				startTo: '2027-08-02T00:00:00Z',
			},
			...zone,
		});
		expect(listed.output.map((reservation) => reservation.id)).toEqual([reservationId]);

		const updated = await run({
			resource: 'reservation',
			operation: 'update',
			reservationId: id(reservationId),
			updateFields: { appendNotes: 'Window please', status: 'confirmed' },
			...zone,
		});
		expect(updated.error).toBeUndefined();
		expect(updated.output[0]).toMatchObject({
			notes: 'Anniversary\nWindow please',
			status: 'confirmed',
			status_code: 'CONFIRMED',
		});

		const cancelled = await run({
			resource: 'reservation',
			operation: 'cancel',
			reservationId: id(reservationId),
			...zone,
		});
		expect(cancelled.output[0]).toMatchObject({ id: reservationId, status: 'cancelled' });
	});

	it('says a reservation cannot be moved on 2.4', async () => {
		const { error } = await run({
			resource: 'reservation',
			operation: 'update',
			reservationId: id('res_000001'),
			updateFields: { status: 'cancelled' },
		});
		expect(error?.message).toBe('Status "cancelled" is set by Cancel on API 2.4');
	});

	it('reads every reservation of a Return All past the search cap', async () => {
		searchCap.objects = 20;
		sandbox.setFaults({ v24SearchCap: 20, v24CappedReservations: '/reservations' });
		try {
			const { output, error } = await run({
				resource: 'reservation',
				operation: 'getAll',
				returnAll: true,
				filters: { updatedSince: '2000-01-01T00:00:00Z' },
			});
			expect(error).toBeUndefined();
			expect(sandbox.state.reservations.size).toBeGreaterThan(30);
			expect(output.length).toBe(sandbox.state.reservations.size);
			expect(new Set(output.map((reservation) => reservation.id)).size).toBe(output.length);
		} finally {
			searchCap.objects = 4000;
			sandbox.setFaults({ v24SearchCap: 4000, v24CappedReservations: '/reservations/export' });
		}
	});

	it('fails clearly, never short, when more objects than the cap share one change time', async () => {
		searchCap.objects = 5;
		sandbox.setFaults({ v24SearchCap: 5, v24CappedReservations: '/reservations' });
		try {
			const { error } = await run({
				resource: 'reservation',
				operation: 'getAll',
				returnAll: true,
				filters: { updatedSince: '2000-01-01T00:00:00Z' },
			});
			expect(error?.message).toBe('SevenRooms stopped /reservations at 5 objects');
		} finally {
			searchCap.objects = 4000;
			sandbox.setFaults({ v24SearchCap: 4000, v24CappedReservations: '/reservations/export' });
		}
	});
});

describe('Waitlist on API 2.4', () => {
	it('adds in the shift open now, gets, lists, updates and removes', async () => {
		const added = await run({
			resource: 'waitlist',
			operation: 'add',
			venueTimeZone: 'Asia/Dubai',
			venue: id('ven_dxb'),
			partySize: 3,
			guestMode: 'new',
			guestFirstName: 'Omar',
			guestLastName: 'Haddad',
			guestPhone: '+971501234567',
			options: { shiftPersistentId: 'ven_dxb-DINNER-1443199311.5' },
		});
		expect(added.error).toBeUndefined();
		const entry = added.output[0];
		expect(entry).toMatchObject({
			venue_id: 'ven_dxb',
			party_size: 3,
			status: 'waiting',
			phone_number: '+971501234567',
			joined_at: expect.stringMatching(/Z$/),
			joined_at_local: expect.stringMatching(/\+04:00$/),
		});
		const entryId = String(entry.id);
		const listed = await run({
			resource: 'waitlist',
			operation: 'getAll',
			venue: id('ven_dxb'),
			returnAll: true,
			venueTimeZone: 'Asia/Dubai',
		});
		expect(listed.output.map((item) => item.id)).toContain(entryId);
		const updated = await run({
			resource: 'waitlist',
			operation: 'update',
			waitlistId: id(entryId),
			updateFields: { status: 'notified', partySize: 4 },
		});
		expect(updated.output[0]).toMatchObject({
			status: 'notified',
			status_display: 'Table Ready',
			party_size: 4,
		});
		const removed = await run({
			resource: 'waitlist',
			operation: 'remove',
			waitlistId: id(entryId),
		});
		expect(removed.output[0]).toEqual({ id: entryId, removed: true });
		expect(sandbox.state.waitlist.has(entryId)).toBe(false);
	});
});
