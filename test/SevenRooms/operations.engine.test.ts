import type { IDataObject } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { runWorkflow, sevenRoomsCredentials, sevenRoomsWorkflow } from '../../dev/engine';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ guests: 300, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());

const id = (value: string) => ({ __rl: true, mode: 'id', value });
async function run(
	parameters: IDataObject,
	options: { continueOnFail?: boolean; rows?: IDataObject[] } = {},
) {
	const result = await runWorkflow(sevenRoomsWorkflow(parameters, options), {
		credentialsHelper: sevenRoomsCredentials(sandbox.url),
	});
	return { result, output: result.outputOf('SevenRooms'), error: result.errorOf('SevenRooms') };
}

describe('Reservation operations', () => {
	it('books in the venue-local time and answers with UTC plus the local time', async () => {
		const { output, error } = await run({
			resource: 'reservation',
			operation: 'create',
			venue: id('ven_nyc'),
			partySize: 4,
			startTime: '2027-07-04T19:30:00',
			guestMode: 'new',
			guestFirstName: 'Grace',
			guestLastName: 'Hopper',
			guestPhone: '(212) 555-0143',
			additionalFields: { notes: 'Anniversary', tags: 'anniversary' },
		});
		expect(error).toBeUndefined();
		// 19:30 in New York in July is 23:30 UTC.
		expect(output[0]).toMatchObject({
			start_time: '2027-07-04T23:30:00.000Z',
			start_time_local: '2027-07-04T19:30:00-04:00',
			venue_timezone: 'America/New_York',
			party_size: 4,
			tags: ['anniversary'],
		});
		const guest = sandbox.state.guests.get(String(output[0].guest_id));
		expect(guest?.phone).toBe('+12125550143');
	});

	it('gets, lists, updates and cancels a reservation', async () => {
		const created = (
			await run({
				resource: 'reservation',
				operation: 'create',
				venue: id('ven_ldn'),
				partySize: 2,
				startTime: '2027-08-01T18:00:00Z',
				guestMode: 'existing',
				guestId: 'gst_000010',
				options: { timeZone: 'utc' },
			})
		).output[0];
		const reservationId = String(created.id);
		expect(
			(await run({ resource: 'reservation', operation: 'get', reservationId: id(reservationId) }))
				.output[0],
		).toMatchObject({ id: reservationId, start_time_local: '2027-08-01T19:00:00+01:00' });

		const listed = (
			await run({
				resource: 'reservation',
				operation: 'getAll',
				returnAll: true,
				filters: { venue: id('ven_ldn'), guestId: 'gst_000010', startFrom: '2027-08-01T00:00:00Z' },
			})
		).output;
		expect(listed.map((reservation) => reservation.id)).toEqual([reservationId]);

		const update = await run({
			resource: 'reservation',
			operation: 'update',
			reservationId: id(reservationId),
			updateFields: { notes: 'Window please', startTime: '2027-08-01T20:00:00' },
		});
		expect(update.error?.message).toBeUndefined();
		const updated = update.output[0];
		expect(updated).toMatchObject({
			notes: 'Window please',
			start_time: '2027-08-01T19:00:00.000Z',
			start_time_local: '2027-08-01T20:00:00+01:00',
		});

		const cancelled = (
			await run({
				resource: 'reservation',
				operation: 'cancel',
				reservationId: id(reservationId),
				reason: 'Guest called',
			})
		).output[0];
		expect(cancelled).toMatchObject({ status: 'cancelled', cancelled_at: expect.any(String) });
	});

	it('reports an over-capacity party and a double-booked table clearly, and never sends a party of 0', async () => {
		const { output } = await run(
			{
				resource: 'reservation',
				operation: 'create',
				venue: id('={{ $json.venue }}'),
				partySize: '={{ $json.party }}',
				startTime: '={{ $json.start }}',
				guestMode: 'existing',
				guestId: 'gst_000011',
				additionalFields: { tableIds: '={{ $json.tables }}' },
				options: { timeZone: 'utc' },
			},
			{
				continueOnFail: true,
				rows: [
					{ venue: 'ven_dxb', party: 40, start: '2027-09-01T18:00:00Z', tables: '' },
					{ venue: 'ven_dxb', party: 2, start: '2027-09-02T18:00:00Z', tables: 'ven_dxb_t01' },
					{ venue: 'ven_dxb', party: 2, start: '2027-09-02T18:30:00Z', tables: 'ven_dxb_t01' },
					{ venue: 'ven_dxb', party: 0, start: '2027-09-03T18:00:00Z', tables: '' },
					{ venue: 'ven_dxb', party: 2, start: 'next tuesday', tables: '' },
					{ venue: '', party: 2, start: '2027-09-03T18:00:00Z', tables: '' },
				],
			},
		);
		expect(output[0]).toMatchObject({
			httpCode: '422',
			errors: [expect.objectContaining({ code: 'exceeds_capacity', field: 'party_size' })],
		});
		expect(output[1]).toMatchObject({ table_ids: ['ven_dxb_t01'] });
		expect(output[2]).toMatchObject({
			httpCode: '409',
			errors: [expect.objectContaining({ code: 'table_unavailable' })],
		});
		expect(output[2].description).toContain('already booked');
		expect(output[3].error).toBe('Party Size "0" must be a whole number of at least 1');
		expect(output[4].error).toBe('Start Time "next tuesday" is not a valid date and time');
		expect(output[5].error).toBe('Venue is empty: choose the venue to book');
	});
});

describe('Waitlist operations', () => {
	it('adds, gets, lists, updates and removes a waitlist entry', async () => {
		const added = (
			await run({
				resource: 'waitlist',
				operation: 'add',
				venue: id('ven_dxb'),
				partySize: 3,
				guestMode: 'new',
				guestFirstName: 'Omar',
				guestPhone: '050 765 4321',
				additionalFields: { quotedWaitMinutes: 20 },
				options: { defaultPhoneCountry: 'AE' },
			})
		).output[0];
		expect(added).toMatchObject({
			status: 'waiting',
			quoted_wait_minutes: 20,
			venue_timezone: 'Asia/Dubai',
			joined_at_local: expect.stringMatching(/\+04:00$/),
		});
		const entryId = String(added.id);
		expect(
			(await run({ resource: 'waitlist', operation: 'get', waitlistId: id(entryId) })).output[0],
		).toMatchObject({ id: entryId });
		const waiting = (
			await run({
				resource: 'waitlist',
				operation: 'getAll',
				venue: id('ven_dxb'),
				returnAll: true,
				filters: { status: 'waiting' },
			})
		).output;
		expect(waiting.map((entry) => entry.id)).toContain(entryId);
		expect(
			waiting.every((entry) => entry.status === 'waiting' && entry.venue_id === 'ven_dxb'),
		).toBe(true);
		expect(
			(
				await run({
					resource: 'waitlist',
					operation: 'update',
					waitlistId: id(entryId),
					updateFields: { status: 'notified' },
				})
			).output[0],
		).toMatchObject({ status: 'notified' });
		expect(
			(await run({ resource: 'waitlist', operation: 'remove', waitlistId: id(entryId) })).output[0],
		).toEqual({ id: entryId, removed: true });
		expect(sandbox.state.waitlist.has(entryId)).toBe(false);
	});
});

describe('Venue operations', () => {
	it('lists venues with their time zones, gets one, and returns its floor layout', async () => {
		const venues = (await run({ resource: 'venue', operation: 'getAll', returnAll: true })).output;
		expect(venues.map((venue) => venue.timezone).sort()).toEqual([
			'America/New_York',
			'Asia/Dubai',
			'Europe/London',
		]);
		expect(
			(await run({ resource: 'venue', operation: 'get', venue: id('ven_ldn') })).output[0],
		).toMatchObject({ id: 'ven_ldn', currency: 'GBP' });
		const tables = (await run({ resource: 'venue', operation: 'getTables', venue: id('ven_ldn') }))
			.output;
		expect(tables.length).toBe(
			[...sandbox.state.tables.values()].filter((table) => table.venue_id === 'ven_ldn').length,
		);
		expect(tables[0]).toMatchObject({ venue_id: 'ven_ldn', max_party_size: expect.any(Number) });
	});
});

describe('Webhook operations', () => {
	it('creates a subscription (showing its secret once), lists it without the secret, and deletes it', async () => {
		const created = (
			await run({
				resource: 'webhook',
				operation: 'create',
				url: 'https://example.com/hooks/sevenrooms',
				events: ['guest.created', 'guest.updated'],
			})
		).output[0];
		expect(created.secret).toMatch(/^whsec_/);
		const webhookId = String(created.id);
		const got = (await run({ resource: 'webhook', operation: 'get', webhookId: id(webhookId) }))
			.output[0];
		expect(got).toMatchObject({ id: webhookId, secret_set: true });
		expect(got.secret).toBeUndefined();
		const listed = (await run({ resource: 'webhook', operation: 'getAll', returnAll: true }))
			.output;
		expect(JSON.stringify(listed)).not.toContain(String(created.secret));
		await run({ resource: 'webhook', operation: 'delete', webhookId: id(webhookId) });
		expect(sandbox.state.webhooks.has(webhookId)).toBe(false);
	});

	it('refuses a URL that is not http(s) before calling SevenRooms', async () => {
		const { error } = await run({
			resource: 'webhook',
			operation: 'create',
			url: 'ftp://example.com',
			events: ['guest.created'],
		});
		expect(error?.message).toBe('URL "ftp://example.com" is not an http(s) address');
	});
});
