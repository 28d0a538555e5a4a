import type { IDataObject } from 'n8n-workflow';

import { sevenRooms24Credentials, sevenRoomsCredentials, withTools } from '../../dev/engine';
import type { AgentTool } from '../../dev/engine';
import { TOOL_DESCRIPTIONS } from '../../nodes/SevenRooms/actions/toolDescriptions';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { addVenue, conciergeTools, daysAhead } from './booking.helpers';

/**
 * The demo's concierge tools (demo/concierge-mcp.json) as an AI agent calls them, through n8n-core's
 * own tool making: what a model is told, and what a booking conversation does to SevenRooms.
 */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ guests: 200, rateLimitPerMinute: 0 });
	addVenue(sandbox, { id: 'ven_tool', timezone: 'America/New_York', tables: [4] });
});
afterAll(async () => await sandbox.close());

describe.each(['oAuth2', 'api24'] as const)('the concierge tools on %s', (api) => {
	const credentials = () =>
		api === 'api24' ? sevenRooms24Credentials(sandbox.url) : sevenRoomsCredentials(sandbox.url);
	const turn = async (use: (tools: Record<string, AgentTool>) => Promise<void>) =>
		await withTools(conciergeTools(api, 'ven_tool'), credentials(), use);
	const liveAt = (start: string) =>
		[...sandbox.state.reservations.values()].filter(
			(reservation) =>
				reservation.venue_id === 'ven_tool' &&
				Date.parse(reservation.start_time) === Date.parse(start) &&
				reservation.status !== 'cancelled',
		);

	it('tell a model what each tool does, needs and returns, with named, described inputs', async () => {
		await turn(async (tools) => {
			expect(Object.keys(tools).sort()).toEqual([
				'book_table',
				'cancel_reservation',
				'check_availability',
				'find_guest',
				'get_reservation',
			]);
			expect(tools.check_availability.description).toBe(
				TOOL_DESCRIPTIONS['reservation:checkAvailability'],
			);
			expect(tools.book_table.description).toBe(TOOL_DESCRIPTIONS['reservation:create']);
			expect(tools.find_guest.description).toBe(TOOL_DESCRIPTIONS['guest:findByContact']);
			const required = (tool: AgentTool) =>
				Object.entries(tool.fields)
					.filter(([, field]) => !field.optional)
					.map(([name]) => name)
					.sort();
			expect(required(tools.check_availability)).toEqual(['date', 'party_size']);
			// As the demo has them: API 2.4's need of a phone is told by the node when it is missing.
			expect(required(tools.book_table)).toEqual(['party_size', 'start_time']);
			expect(required(tools.find_guest)).toEqual([]);
			expect(required(tools.cancel_reservation)).toEqual(['reservation_id']);
			for (const tool of Object.values(tools))
				for (const [name, field] of Object.entries(tool.fields)) {
					expect(name).toMatch(/^[a-z_]{2,30}$/);
					expect(field.description?.length).toBeGreaterThan(15);
				}
		});
	});

	it('book an offered time once however often asked, and again after it was cancelled', async () => {
		const date = daysAhead('America/New_York', 9 + (api === 'api24' ? 1 : 0));
		const guest = {
			first_name: 'Ada',
			last_name: 'Lovelace',
			email: `ada.${api}@example.com`,
			phone: '+12125550188',
		};
		let slot: IDataObject = {};
		let first = '';
		await turn(async (tools) => {
			const free = (await tools.check_availability.call({
				date,
				party_size: 2,
				earliest_time: '19:00',
				latest_time: '21:00',
			})) as IDataObject[];
			expect(free.map((each) => each.local_time)).toEqual([
				'19:00',
				'19:30',
				'20:00',
				'20:30',
				'21:00',
			]);
			slot = free[0];
			expect(slot).toMatchObject({ date, type: 'book', shift_name: 'Dinner', party_size: 2 });
			const booked = (await tools.book_table.call({
				...guest,
				party_size: 2,
				start_time: slot.start_time,
			})) as IDataObject[];
			first = String(booked[0].id);
			expect(booked[0]).toMatchObject({
				status: 'booked',
				start_time_local: expect.stringMatching(/T19:00:00/),
			});
			// The model books again in the same turn, with other notes: the same reservation.
			const again = (await tools.book_table.call({
				...guest,
				party_size: 2,
				start_time: slot.start_time,
				notes: 'window please',
			})) as IDataObject[];
			expect(again[0]).toMatchObject({ id: first, idempotent_replay: true });
			const after = (await tools.check_availability.call({
				date,
				party_size: 2,
				earliest_time: '19:00',
				latest_time: '21:00',
			})) as IDataObject[];
			expect(after.map((each) => each.local_time)).toEqual(['20:30', '21:00']);
		});
		// A later turn (another execution) asks once more: still one reservation.
		await turn(async (tools) => {
			const again = (await tools.book_table.call({
				...guest,
				party_size: 2,
				start_time: slot.start_time,
			})) as IDataObject[];
			expect(again[0].id).toBe(first);
			expect(liveAt(String(slot.start_time))).toHaveLength(1);
			const cancelled = (await tools.cancel_reservation.call({
				reservation_id: first,
			})) as IDataObject[];
			expect(cancelled[0]).toMatchObject({ id: first, status: 'cancelled' });
			const free = (await tools.check_availability.call({
				date,
				party_size: 2,
				earliest_time: '19:00',
				latest_time: '19:00',
			})) as IDataObject[];
			expect(free.map((each) => each.start_time)).toEqual([slot.start_time]);
			// The guest changes their mind back: a new booking, once.
			const rebooked = (await tools.book_table.call({
				...guest,
				party_size: 2,
				start_time: slot.start_time,
			})) as IDataObject[];
			expect(rebooked[0].id).not.toBe(first);
			expect(rebooked[0].status).toBe('booked');
			const twice = (await tools.book_table.call({
				...guest,
				party_size: 2,
				start_time: slot.start_time,
			})) as IDataObject[];
			expect(twice[0].id).toBe(rebooked[0].id);
			expect(liveAt(String(slot.start_time))).toHaveLength(1);
		});
	});
});
