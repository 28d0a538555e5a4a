import type { IDataObject } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { runWorkflow, sevenRoomsCredentials, sevenRoomsWorkflow } from '../../dev/engine';
import { autoMap, hintsOf, runV2 } from './mapper.helpers';

/**
 * A reservation's date and time in two columns, as sheets and exports keep them. Before, Map
 * Automatically took the Time column for Start Time and read a time without a date as today's:
 * the booking landed on the day the workflow ran, and only a hint said Date was ignored.
 */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ guests: 5, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());

const booking = (columns: IDataObject) => ({
	resource: 'reservation',
	operation: 'create',
	venue: { __rl: true, mode: 'id', value: 'ven_nyc' },
	columns,
	options: {},
});
const guest = (n: number) => ({
	Covers: 2,
	'First Name': `Dana${n}`,
	'Last Name': 'Columns',
	Phone: `(415) 555-01${String(n).padStart(2, '0')}`,
});

describe('Map Automatically: a date column and a time column', () => {
	it('joins them into Start Time in the venue’s zone, and says so', async () => {
		const { output, result } = await runV2(
			sandbox,
			booking(autoMap()),
			[
				{ ...guest(1), Date: '2027-07-04', Time: '19:30' },
				// a sheet's date cell as a date-time, a POS time with AM/PM
				{ ...guest(2), 'Booking Date': '2027-07-04T00:00:00', 'Reservation Time': '7:30 PM' },
			],
			{ continueOnFail: true },
		);
		expect(output.map((item) => item.error ?? item.start_time)).toEqual([
			'2027-07-04T23:30:00.000Z',
			'2027-07-04T23:30:00.000Z',
		]);
		expect(hintsOf(result)).toEqual(
			expect.arrayContaining([
				'Map Automatically joined the date of the column "Date" and the time of the column "Time" into Start Time.',
			]),
		);
		expect(hintsOf(result).join(' ')).not.toMatch(/ignored.*"Date"/);
	});

	it('keeps a full date-time and ignores the date column; a date alone is a full date-time or an error', async () => {
		const { output, result } = await runV2(
			sandbox,
			booking(autoMap()),
			[
				{ ...guest(3), Date: '2027-07-04', Time: '2027-07-05T20:00' },
				{ ...guest(4), Date: '2027-07-06 18:15' },
				{ ...guest(5), Date: '2027-07-06' },
			],
			{ continueOnFail: true },
		);
		expect(output.map((item) => item.error ?? item.start_time)).toEqual([
			'2027-07-06T00:00:00.000Z',
			'2027-07-06T22:15:00.000Z',
			'Start Time (column "Date") "2027-07-06" has no time of day',
		]);
		expect(hintsOf(result).join(' ')).toMatch(/ignored the input column "Date"/);
	});

	it('refuses a time without a date, and a date it would have to guess, naming the columns', async () => {
		const { output } = await runV2(
			sandbox,
			booking(autoMap()),
			[
				{ ...guest(6), Time: '19:30' },
				{ ...guest(7), Date: '', 'Arrival Time': '19:30' },
				{ ...guest(8), Date: '07/04/2027', Time: '19:30' },
			],
			{ continueOnFail: true },
		);
		expect(output.map((item) => item.error)).toEqual([
			'Start Time (column "Time") "19:30" has no date',
			'Start Time (column "Arrival Time") "19:30" has no date',
			'Start Time\'s date (column "Date") "07/04/2027" is not a date',
		]);
		expect(output[0].description).toContain('a column named Date');
		const booked = [...sandbox.state.reservations.values()].filter((reservation) =>
			/^Dana[678]$/.test(sandbox.state.guests.get(reservation.guest_id)?.first_name ?? ''),
		);
		expect(booked).toEqual([]);
	});
});

describe('a time without a date typed or mapped by hand', () => {
	it('is refused for Start Time in Map Each Column Manually and in version 1', async () => {
		const manual = await runV2(
			sandbox,
			booking({
				mappingMode: 'defineBelow',
				value: {
					party_size: 2,
					start_time: '={{ $json.Time }}',
					first_name: 'Eli',
					phone: '(415) 555-0199',
				},
				matchingColumns: [],
				schema: [],
			}),
			[{ Time: '19:30' }],
			{ continueOnFail: true },
		);
		expect(manual.output[0]).toMatchObject({
			error: 'Start Time "19:30" has no date',
			description: expect.stringContaining('{{ $json.Date }}T{{ $json.Time }}'),
		});
		const v1 = await runWorkflow(
			sevenRoomsWorkflow(
				{
					resource: 'reservation',
					operation: 'create',
					venue: { __rl: true, mode: 'id', value: 'ven_nyc' },
					partySize: 2,
					startTime: '={{ $json.Time }}',
					guestMode: 'new',
					guestFirstName: 'Flo',
					options: {},
				},
				{ rows: [{ Time: '7:30 PM' }, { Time: '1930' }], continueOnFail: true },
			),
			{ credentialsHelper: sevenRoomsCredentials(sandbox.url) },
		);
		expect(v1.outputOf('SevenRooms').map((item) => item.error)).toEqual([
			'Start Time "7:30 PM" has no date',
			'Start Time "1930" has no date',
		]);
	});
});
