import type { IDataObject } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { runWorkflow, sevenRoomsCredentials, sevenRoomsWorkflow } from '../../dev/engine';

/**
 * A local time typed for a venue whose time zone SevenRooms does not give (or gives as no zone):
 * before, it was read as UTC and booked hours off, and the missing zone was remembered for an
 * hour, so fixing the venue in SevenRooms changed nothing for that long.
 */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ guests: 5, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());
afterEach(() => jest.restoreAllMocks());

const setZone = (venueId: string, zone: string | undefined) => {
	const venue = sandbox.state.venues.get(venueId) as unknown as IDataObject;
	if (zone === undefined) delete venue.timezone;
	else venue.timezone = zone;
};

async function book(venueId: string, rows: IDataObject[], options: IDataObject = {}) {
	const result = await runWorkflow(
		sevenRoomsWorkflow(
			{
				resource: 'reservation',
				operation: 'create',
				venue: { __rl: true, mode: 'id', value: venueId },
				partySize: 2,
				startTime: '={{ $json.start }}',
				guestMode: 'new',
				guestFirstName: '={{ $json.name }}',
				options,
			},
			{ rows, continueOnFail: true },
		),
		{ credentialsHelper: sevenRoomsCredentials(sandbox.url) },
	);
	return result.outputOf('SevenRooms');
}

const bookedFor = (name: string) =>
	[...sandbox.state.reservations.values()].filter(
		(reservation) => sandbox.state.guests.get(reservation.guest_id)?.first_name === name,
	);

describe('a local time for a venue without a valid time zone', () => {
	it('fails the item, naming the venue and the Venue Time Zone option; never books it as UTC', async () => {
		setZone('ven_ldn', undefined);
		setZone('ven_dxb', 'Mars/Olympus');
		let offsetBooking = '';
		for (const venueId of ['ven_ldn', 'ven_dxb']) {
			const output = await book(venueId, [
				{ start: '2027-07-04T19:30', name: `Local ${venueId}` },
				{ start: '2027-07-04T19:30:00+01:00', name: `Offset ${venueId}` },
			]);
			expect(output[0].error).toBe(
				`Venue ${venueId} has no valid time zone in SevenRooms, so Start Time "2027-07-04T19:30" cannot be read as its local time`,
			);
			expect(output[0].description).toContain('Options → Venue Time Zone');
			expect(bookedFor(`Local ${venueId}`)).toEqual([]);
			// A time with its offset needs no zone.
			expect(output[1].start_time).toBe('2027-07-04T18:30:00.000Z');
			offsetBooking = String(output[1].id);
		}
		// Moving a reservation of such a venue: the same.
		const moved = await runWorkflow(
			sevenRoomsWorkflow(
				{
					resource: 'reservation',
					operation: 'update',
					reservationId: { __rl: true, mode: 'id', value: offsetBooking },
					updateFields: { startTime: '2027-07-05T20:00' },
					options: {},
				},
				{ continueOnFail: true },
			),
			{ credentialsHelper: sevenRoomsCredentials(sandbox.url) },
		);
		expect(moved.outputOf('SevenRooms')[0].error).toBe(
			'Venue ven_dxb has no valid time zone in SevenRooms, so Start Time "2027-07-05T20:00" cannot be read as its local time',
		);
		expect(sandbox.state.reservations.get(offsetBooking)?.start_time).toMatch(/^2027-07-04T18:30/);
		const named = await book('ven_ldn', [{ start: '2027-07-04T19:30', name: 'Named zone' }], {
			venueTimeZone: 'Europe/London',
		});
		expect(named[0].start_time).toBe('2027-07-04T18:30:00.000Z');
	});

	it('asks again for a zone SevenRooms gains, after a minute, not an hour', async () => {
		setZone('ven_nyc', undefined);
		const asked = () => sandbox.stats.requests['GET /venues/{id}']?.['200'] ?? 0;
		const before = asked();
		const first = await book('ven_nyc', [
			{ start: '2027-08-01T19:00', name: 'Before fix 1' },
			{ start: '2027-08-01T19:00', name: 'Before fix 2' },
		]);
		expect(first.map((item) => item.error)).toEqual([
			expect.stringContaining('Venue ven_nyc has no valid time zone'),
			expect.stringContaining('Venue ven_nyc has no valid time zone'),
		]);
		// Not asked per item: the answer is kept for a minute.
		expect(asked() - before).toBe(1);
		setZone('ven_nyc', 'America/New_York');
		const now = Date.now();
		jest.spyOn(Date, 'now').mockImplementation(() => now + 61_000);
		const fixed = await book('ven_nyc', [{ start: '2027-08-01T19:00', name: 'After fix' }]);
		expect(fixed[0].start_time).toBe('2027-08-01T23:00:00.000Z');
	});
});
