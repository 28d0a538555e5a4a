import type { INode } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { runWorkflow, sevenRoomsCredentials } from '../../dev/engine';
import type { WorkflowJson } from '../../dev/engine';
import { autoMap, guestsWithEmail, runV2 } from './mapper.helpers';

let sandbox: Sandbox;
beforeAll(async () => {
	// A few seeded guests only, so the rows' phones meet no one else's.
	sandbox = await startSandbox({ guests: 5, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());

describe('node version 2: reservations and API 2.4 through the resource mapper', () => {
	it('books a reservation from a POS-style row in the venue’s local time', async () => {
		const { output, error } = await runV2(
			sandbox,
			{
				resource: 'reservation',
				operation: 'create',
				venue: { __rl: true, mode: 'id', value: 'ven_nyc' },
				columns: autoMap(),
				options: {},
			},
			[
				{
					Covers: '4',
					'Reservation Time': '2027-07-04T19:30',
					'Guest First Name': 'Pia',
					'Guest Last Name': 'Pos',
					Phone: '(415) 555-2671',
					Occasion: 'birthday',
				},
			],
		);
		expect(error).toBeUndefined();
		expect(output[0]).toMatchObject({
			party_size: 4,
			start_time: '2027-07-04T23:30:00.000Z',
			tags: ['birthday'],
		});
	});

	it('says which column a reservation misses', async () => {
		const { output } = await runV2(
			sandbox,
			{
				resource: 'reservation',
				operation: 'create',
				venue: { __rl: true, mode: 'id', value: 'ven_nyc' },
				columns: autoMap(),
				options: {},
			},
			[
				{ Covers: 'two', Time: '2027-07-04T19:30', 'First Name': 'Q' },
				{ Covers: 2, 'First Name': 'R' },
			],
			{ continueOnFail: true },
		);
		expect(output[0].error).toBe('Party Size (column "Covers") "two" is not a number');
		expect(output[1].error).toBe('Start Time is empty');
	});

	it('creates or updates on API 2.4 by the chosen match column', async () => {
		const rows = [
			{
				first_name: 'Vic',
				last_name: 'Twofour',
				email: 'vic.24@example.com',
				Mobile: '(646) 555-0142',
			},
		];
		const parameters = {
			resource: 'guest',
			operation: 'upsert',
			columns: autoMap(['email']),
			options: {},
		};
		const first = await runV2(sandbox, parameters, rows, { api24: true });
		expect(first.error).toBeUndefined();
		expect(first.output[0]).toMatchObject({
			upsert_action: 'created',
			email: 'vic.24@example.com',
		});
		const again = await runV2(sandbox, parameters, [{ ...rows[0], last_name: 'Again' }], {
			api24: true,
		});
		expect(again.output[0]).toMatchObject({
			upsert_action: 'updated',
			id: first.output[0].id,
			last_name: 'Again',
		});
	});
});

describe('node version 1 workflows keep running', () => {
	it('runs a version-1 workflow JSON as saved before version 2', async () => {
		const saved: WorkflowJson = {
			nodes: [
				{
					id: 'trigger',
					name: 'Manual Trigger',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'sevenrooms',
					name: 'SevenRooms',
					type: 'n8n-nodes-sevenrooms.sevenRooms',
					typeVersion: 1,
					position: [200, 0],
					parameters: {
						operation: 'upsert',
						firstName: 'Vera',
						lastName: 'Version-One',
						email: 'vera.v1@example.com',
						phone: '(415) 555-0199',
						additionalFields: { tags: 'legacy', birthday: '--07-01' },
						options: {},
					},
					credentials: { sevenRoomsOAuth2Api: { id: 'cred-sevenrooms', name: 'SevenRooms' } },
				} as INode,
			],
			connections: {
				'Manual Trigger': { main: [[{ node: 'SevenRooms', type: 'main', index: 0 }]] },
			},
		};
		const credentialsHelper = sevenRoomsCredentials(sandbox.url);
		const first = await runWorkflow(saved, { credentialsHelper });
		expect(first.errorOf('SevenRooms')).toBeUndefined();
		expect(first.outputOf('SevenRooms')[0]).toMatchObject({
			upsert_action: 'created',
			first_name: 'Vera',
			phone: '+14155550199',
			tags: ['legacy'],
			birthday: '--07-01',
		});
		const again = await runWorkflow(saved, { credentialsHelper });
		expect(again.outputOf('SevenRooms')[0]).toMatchObject({ upsert_action: 'updated' });
		expect(guestsWithEmail(sandbox, 'vera.v1@example.com')).toHaveLength(1);
	});
});
