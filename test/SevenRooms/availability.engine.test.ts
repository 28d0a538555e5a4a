import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import {
	runWorkflow,
	sevenRooms24Credentials,
	sevenRoomsCredentials,
	sevenRoomsWorkflow,
} from '../../dev/engine';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { addVenue, daysAhead, fillVenue, nextDstChange } from './booking.helpers';

/**
 * Reservation → Check Availability on both APIs, where restaurants' clocks are hard: nights past
 * midnight, daylight-saving nights, a venue fourteen hours ahead of UTC, a party no table seats
 * and a full evening; and Create books exactly the time it offered.
 */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ guests: 100, rateLimitPerMinute: 0 });
	addVenue(sandbox, {
		id: 'ven_bar',
		timezone: 'America/New_York',
		open: '18:00',
		close: '03:00',
		tables: [2, 4],
	});
	addVenue(sandbox, { id: 'ven_kiri', timezone: 'Pacific/Kiritimati', tables: [6] });
	addVenue(sandbox, { id: 'ven_full', timezone: 'Europe/London', tables: [2, 2] });
});
afterAll(async () => await sandbox.close());

const ZONES: Record<string, string> = {
	ven_bar: 'America/New_York',
	ven_kiri: 'Pacific/Kiritimati',
	ven_full: 'Europe/London',
};

describe.each(['oAuth2', 'api24'] as const)('Check Availability on %s', (api) => {
	async function run(parameters: IDataObject) {
		const venue = String(parameters.venue);
		const result = await runWorkflow(
			sevenRoomsWorkflow(
				{
					authentication: api,
					resource: 'reservation',
					...(api === 'api24' ? { venueTimeZone: ZONES[venue] } : {}),
					...parameters,
					venue: { __rl: true, mode: 'id', value: venue },
				},
				{ typeVersion: 2 },
			),
			{
				credentialsHelper:
					api === 'api24'
						? sevenRooms24Credentials(sandbox.url)
						: sevenRoomsCredentials(sandbox.url),
			},
		);
		return { output: result.outputOf('SevenRooms'), error: result.errorOf('SevenRooms') };
	}
	const check = async (venue: string, date: string, partySize: number, window: IDataObject = {}) =>
		await run({ operation: 'checkAvailability', venue, date, partySize, ...window });
	/** Reservation → Create (node version 2) of a slot, as it came out, for a guest of its own. */
	const book = async (slot: IDataObject, name: string, phone: string) =>
		await run({
			operation: 'create',
			venue: String(slot.venue_id),
			columns: {
				mappingMode: 'defineBelow',
				value: {
					party_size: slot.party_size,
					start_time: slot.start_time,
					first_name: name,
					last_name: 'Test',
					email: `${name}.${api}@example.com`,
					phone,
				},
			},
			options: {},
		});
	const shift = api === 'api24' ? 7 : 0;

	it('puts out one small item per free time, and Create books exactly that one', async () => {
		const date = daysAhead('America/New_York', 3 + shift);
		const { output, error } = await check('ven_bar', date, 4, {
			earliestTime: '20:00',
			latestTime: '21:00',
		});
		expect(error).toBeUndefined();
		expect(output.map((slot) => slot.local_time)).toEqual(['20:00', '20:30', '21:00']);
		const [slot] = output;
		expect(slot).toEqual({
			venue_id: 'ven_bar',
			date,
			local_time: '20:00',
			start_time: DateTime.fromISO(`${date}T20:00`, { zone: 'America/New_York' }).toUTC().toISO(),
			start_time_local: expect.stringMatching(new RegExp(`^${date}T20:00:00-0[45]:00$`)),
			venue_timezone: 'America/New_York',
			party_size: 4,
			duration_minutes: 90,
			type: 'book',
			shift_id: expect.stringContaining('DINNER'),
			shift_name: 'Dinner',
			shift_category: 'dinner',
			...(api === 'api24' ? { time: '8:00 PM' } : {}),
		});
		expect(Object.keys(slot).length).toBeLessThan(16);
		const booked = await book(slot, 'kim', '+12125550150');
		expect(booked.error).toBeUndefined();
		expect(booked.output[0]).toMatchObject({
			start_time_local: slot.start_time_local,
			party_size: 4,
		});
		const after = await check('ven_bar', date, 4, { earliestTime: '20:00', latestTime: '21:00' });
		// The only table for four is taken from 20:00 for 90 minutes.
		expect(after.output).toEqual([]);
	});

	it('reads a window past midnight as the same night, and a daylight-saving night by the clock', async () => {
		const date = daysAhead('America/New_York', 4 + shift);
		const night = await check('ven_bar', date, 2, { earliestTime: '23:30', latestTime: '01:00' });
		expect(night.output.map((slot) => [slot.date, slot.local_time])).toEqual(
			['23:30', '00:00', '00:30', '01:00'].map((time) => [date, time]),
		);
		expect(night.output[1].start_time_local).toMatch(
			DateTime.fromISO(date).plus({ days: 1 }).toISODate() as string,
		);

		for (const direction of ['forward', 'back'] as const) {
			const { eve } = nextDstChange('America/New_York', direction);
			const dst = await check('ven_bar', eve, 2, { earliestTime: '23:00' });
			const times = dst.output.map((slot) => slot.local_time);
			expect(times).toEqual(
				direction === 'forward'
					? ['23:00', '23:30', '00:00', '00:30', '01:00', '01:30']
					: ['23:00', '23:30', '00:00', '00:30', '01:00', '01:30', '02:00'],
			);
			const starts = dst.output.map((slot) => Date.parse(String(slot.start_time)));
			expect(starts).toEqual([...starts].sort((a, b) => a - b));
			for (const slot of dst.output)
				expect(
					DateTime.fromISO(String(slot.start_time), { zone: 'America/New_York' }).toFormat('HH:mm'),
				).toBe(slot.local_time);
		}
	});

	it('books 19:00 as 19:00 on the day the clocks changed', async () => {
		const { day } = nextDstChange('America/New_York', api === 'api24' ? 'forward' : 'back');
		const [slot] = (await check('ven_bar', day, 2, { earliestTime: '19:00', latestTime: '19:00' }))
			.output;
		expect(slot.start_time_local).toMatch(`${day}T19:00:00`);
		const booked = await book(slot, 'dee', '+12125550151');
		expect(booked.output[0]).toMatchObject({
			start_time: slot.start_time,
			start_time_local: slot.start_time_local,
		});
	});

	it('keeps the dates of a venue fourteen hours ahead of UTC', async () => {
		const zone = 'Pacific/Kiritimati';
		const date = daysAhead(zone, 2 + shift);
		const { output } = await check('ven_kiri', date, 2, {
			earliestTime: '19:00',
			latestTime: '19:00',
		});
		expect(output).toHaveLength(1);
		expect(output[0]).toMatchObject({
			date,
			local_time: '19:00',
			start_time: `${date}T05:00:00.000Z`,
		});
		// Its today may be UTC's tomorrow: asked, never refused as past; its yesterday is refused.
		const today = DateTime.now().setZone(zone).minus({ hours: 6 }).toISODate() as string;
		expect((await check('ven_kiri', today, 2)).error).toBeUndefined();
		const yesterday = DateTime.fromISO(today).minus({ days: 1 }).toISODate() as string;
		expect((await check('ven_kiri', yesterday, 2)).error?.message).toBe(
			`${yesterday} is in the past at the venue, where it is ${today}`,
		);
	});

	it('says no table seats a party too large, and puts out nothing for a full evening', async () => {
		const date = daysAhead('Europe/London', 5 + shift);
		const tooLarge = await check('ven_full', date, 3);
		expect(tooLarge.error?.message).toBe(
			'No table at this venue seats a party of 3: its largest table seats 2',
		);
		fillVenue(
			sandbox,
			'ven_full',
			DateTime.fromISO(`${date}T16:00`, { zone: 'Europe/London' }).toUTC().toISO() as string,
			8 * 60,
		);
		const full = await check('ven_full', date, 2);
		expect(full.error).toBeUndefined();
		expect(full.output).toEqual([]);
	});
});
