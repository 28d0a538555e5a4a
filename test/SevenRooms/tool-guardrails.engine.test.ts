import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { sevenRooms24Credentials, sevenRoomsCredentials, withTools } from '../../dev/engine';
import type { AgentTool } from '../../dev/engine';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { addVenue, conciergeTools, daysAhead, fillVenue } from './booking.helpers';

/**
 * What an unattended assistant cannot do with the concierge tools, and the sentences it gets
 * instead: no time that is taken (with the nearest free ones), none in the past, no party larger
 * than a table, and no other guest's profile from a name or a near-miss email.
 */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ guests: 200, rateLimitPerMinute: 0 });
	addVenue(sandbox, { id: 'ven_guard', timezone: 'America/New_York', tables: [4] });
});
afterAll(async () => await sandbox.close());

const errorOf = (answer: unknown) => String((answer as { error?: string }).error ?? '');

describe.each(['oAuth2', 'api24'] as const)('the concierge tools on %s', (api) => {
	const turn = async (use: (tools: Record<string, AgentTool>) => Promise<void>) =>
		await withTools(
			conciergeTools(api, 'ven_guard'),
			api === 'api24' ? sevenRooms24Credentials(sandbox.url) : sevenRoomsCredentials(sandbox.url),
			use,
		);
	const guest = {
		first_name: 'Grace',
		last_name: 'Hopper',
		email: `grace.${api}@example.com`,
		phone: '+12125550177',
	};
	const offset = api === 'api24' ? 20 : 12;

	it('answer a time someone else took with the nearest free times that day', async () => {
		const date = daysAhead('America/New_York', offset);
		const at = (time: string) =>
			DateTime.fromISO(`${date}T${time}`, { zone: 'America/New_York' }).toUTC().toISO() as string;
		fillVenue(sandbox, 'ven_guard', at('19:00'), 120);
		await turn(async (tools) => {
			const answer = await tools.book_table.call({
				...guest,
				party_size: 2,
				start_time: at('19:30'),
			});
			expect(errorOf(answer)).toContain(
				`No table for 2 at 19:30 on ${date}: that time is taken. Free that day: 17:00, 17:30, 21:00 and 21:30.`,
			);
			// A window inside the full evening: nothing, and where the free times are.
			const full = (await tools.check_availability.call({
				date,
				party_size: 2,
				earliest_time: '18:00',
				latest_time: '20:30',
			})) as IDataObject[];
			expect(full).toEqual([
				{
					available: false,
					message: `Nothing is free for 2 on ${date} between 18:00 and 20:30. The nearest free times that day: 17:00, 17:30, 21:00, 21:30 and 22:00.`,
				},
			]);
		});
	});

	it('refuse the past and a party no table seats, saying why', async () => {
		const yesterday = DateTime.now().setZone('America/New_York').minus({ days: 1 });
		await turn(async (tools) => {
			const past = await tools.book_table.call({
				...guest,
				party_size: 2,
				start_time: yesterday.set({ hour: 19, minute: 0 }).toISO(),
			});
			expect(errorOf(past)).toMatch(/^The start time .* is in the past/);
			const pastDay = await tools.check_availability.call({
				date: yesterday.toISODate(),
				party_size: 2,
			});
			expect(errorOf(pastDay)).toContain(`${yesterday.toISODate()} is in the past at the venue`);
			const large = await tools.check_availability.call({
				date: daysAhead('America/New_York', offset + 1),
				party_size: 9,
			});
			expect(errorOf(large)).toContain(
				'No table at this venue seats a party of 9: its largest table seats 4',
			);
		});
		expect(
			[...sandbox.state.reservations.values()].filter(
				(reservation) => reservation.venue_id === 'ven_guard' && reservation.party_size > 1,
			),
		).toEqual([]);
	});

	it('find a guest by their exact email or phone only, and tell a model no more than it needs', async () => {
		const known = [...sandbox.state.guests.values()].find((each) => each.email && each.phone);
		if (!known?.email || !known.phone) throw new Error('The seed has a guest with email and phone');
		await turn(async (tools) => {
			const [found] = (await tools.find_guest.call({
				email: known.email?.toUpperCase(),
			})) as IDataObject[];
			expect(found).toMatchObject({ found: true, id: known.id, email: known.email });
			expect(Object.keys(found).sort()).toEqual(
				expect.arrayContaining(['email', 'first_name', 'found', 'id', 'last_name']),
			);
			expect(Object.keys(found)).not.toContain('notes');
			expect(Object.keys(found)).not.toContain('birthday');
			const byPhone = (await tools.find_guest.call({ phone: known.phone })) as IDataObject[];
			expect(byPhone.map((each) => each.id)).toEqual([known.id]);
			// Part of an address, or a name, finds nobody.
			const partial = (await tools.find_guest.call({
				email: known.email?.split('@')[0],
			})) as IDataObject[];
			expect(partial).toEqual([{ found: false, message: expect.stringContaining('No guest has') }]);
			const byName = await tools.find_guest.call({ email: '', phone: '' });
			expect(errorOf(byName)).toContain("Give the guest's email address or phone number");
		});
	});
});
