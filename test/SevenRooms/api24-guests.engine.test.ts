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
async function run(
	parameters: IDataObject,
	options: { continueOnFail?: boolean; rows?: IDataObject[] } = {},
) {
	const result = await runWorkflow(
		sevenRoomsWorkflow({ authentication: 'api24', ...parameters }, options),
		{ credentialsHelper: sevenRooms24Credentials(sandbox.url) },
	);
	return { result, output: result.outputOf('SevenRooms'), error: result.errorOf('SevenRooms') };
}

describe('Guests on API 2.4', () => {
	it('gets a client as a guest, its loose typing cleaned and its own fields kept', async () => {
		// gst_000001: the sandbox sends its phone as a number; gst_000002's `deleted` is "None".
		const first = (await run({ resource: 'guest', operation: 'get', guestId: id('gst_000001') }))
			.output[0];
		expect(first).toMatchObject({
			id: 'gst_000001',
			phone: expect.stringMatching(/^\+\d+$/),
			phone_number: expect.stringMatching(/^\+\d+$/),
			email_opt_in: expect.any(Boolean),
			updated_at: expect.stringMatching(/Z$/),
			reference_code: expect.any(String),
		});
		const second = (await run({ resource: 'guest', operation: 'get', guestId: id('gst_000002') }))
			.output[0];
		expect(second.deleted).toBeNull();
	});

	it('creates a client with every field 2.4 requires, and says which are missing', async () => {
		const { output } = await run(
			{
				resource: 'guest',
				operation: 'create',
				firstName: '={{ $json.first }}',
				lastName: 'Lovelace',
				email: '={{ $json.email }}',
				phone: '={{ $json.phone }}',
				additionalFields: { birthday: '1990-12-10', email_opt_in: true, tags: 'Guest Status:vip' },
			},
			{
				continueOnFail: true,
				rows: [
					{ first: 'Ada', email: 'ada.24@example.com', phone: '(212) 555-0171' },
					{ first: 'Bea', email: 'bea.24@example.com', phone: '' },
				],
			},
		);
		expect(output[0]).toMatchObject({
			first_name: 'Ada',
			phone: '+12125550171',
			birthday: '--12-10',
			birthday_month: 12,
			email_opt_in: true,
			tags: ['Guest Status:vip'],
		});
		expect(output[1].error).toBe('SevenRooms API 2.4 needs Phone to create a guest');
		// The create's reference went into external_user_id.
		expect(output[0].external_user_id).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('lists with filters 2.4 has, and filters opt-ins and birthday windows over the year end itself', async () => {
		const optedIn = (
			await run({
				resource: 'guest',
				operation: 'getAll',
				returnAll: true,
				filters: { emailOptIn: 'true' },
			})
		).output;
		const expected = [...sandbox.state.guests.values()].filter((guest) => guest.email_opt_in);
		expect(optedIn.length).toBe(expected.length);
		const window = (
			await run({
				resource: 'guest',
				operation: 'getAll',
				returnAll: true,
				filters: { birthdayStart: '12-28', birthdayEnd: '01-03' },
			})
		).output;
		const inWindow = [...sandbox.state.guests.values()].filter((guest) => {
			const day = guest.birthday?.slice(-5) ?? '';
			return day >= '12-28' || (day !== '' && day <= '01-03');
		});
		expect(window.map((guest) => guest.id).sort()).toEqual(
			inWindow.map((guest) => guest.id).sort(),
		);
		const limited = await run({
			resource: 'guest',
			operation: 'getAll',
			returnAll: false,
			limit: 7,
			filters: { emailOptIn: 'false' },
		});
		expect(limited.output).toHaveLength(7);
		expect(limited.output.every((guest) => guest.email_opt_in === false)).toBe(true);
	});

	it.each(['end', 'error'] as const)(
		'goes on past the search cap when it ends the list (%s)',
		async (mode) => {
			searchCap.objects = 40;
			sandbox.setFaults({ v24SearchCap: 40, v24SearchCapMode: mode });
			try {
				const { output, error } = await run({
					resource: 'guest',
					operation: 'getAll',
					returnAll: false,
					limit: 150,
				});
				expect(error).toBeUndefined();
				expect(new Set(output.map((guest) => guest.id)).size).toBe(150);
			} finally {
				searchCap.objects = 4000;
				sandbox.setFaults({ v24SearchCap: 4000, v24SearchCapMode: 'end' });
			}
		},
	);

	it('updates through /clients/updates: fields, added and removed tags, appended notes', async () => {
		await run({
			resource: 'guest',
			operation: 'update',
			guestId: id('gst_000030'),
			updateFields: { notes: 'Window seat' },
		});
		const { output, error } = await run({
			resource: 'guest',
			operation: 'update',
			guestId: id('gst_000030'),
			updateFields: {
				first_name: 'Renamed',
				addTags: 'Guest Status:vip',
				appendNotes: 'Allergic to nuts',
			},
		});
		expect(error).toBeUndefined();
		expect(output[0]).toMatchObject({
			first_name: 'Renamed',
			notes: 'Window seat\nAllergic to nuts',
			tags: expect.arrayContaining(['Guest Status:vip']),
		});
		const removed = await run({
			resource: 'guest',
			operation: 'update',
			guestId: id('gst_000030'),
			updateFields: { tags: 'Preferences:wine-lover' },
		});
		expect(removed.output[0].tags).toEqual(['Preferences:wine-lover']);
	});

	it('creates or updates by email, then phone', async () => {
		const existing = sandbox.state.guests.get('gst_000040')!;
		const upsert = (email: string, phone: string) =>
			run({
				resource: 'guest',
				operation: 'upsert',
				firstName: 'Pat',
				lastName: 'Doe',
				email,
				phone,
				additionalFields: { notes: 'upserted' },
			});
		const updated = (await upsert(String(existing.email), '+14155550140')).output[0];
		expect(updated).toMatchObject({
			id: 'gst_000040',
			upsert_action: 'updated',
			notes: 'upserted',
		});
		const created = (await upsert('pat.new.24@example.com', '+14155550141')).output[0];
		expect(created).toMatchObject({ upsert_action: 'created', email: 'pat.new.24@example.com' });
		const again = (await upsert('other.24@example.com', '+14155550141')).output[0];
		expect(again).toMatchObject({ id: created.id, upsert_action: 'updated' });
	});

	it('names delete honestly: it removes the personal data and the profile stays', async () => {
		const { output } = await run({
			resource: 'guest',
			operation: 'removePersonalData',
			guestId: id('gst_000050'),
		});
		expect(output[0]).toEqual({ id: 'gst_000050', personal_data_removed: true });
		const guest = sandbox.state.guests.get('gst_000050');
		expect(guest).toMatchObject({ first_name: null, email: null, phone: null });
	});
});

describe('Venues on API 2.4', () => {
	it('lists venues and a floor layout in the OAuth2 API words', async () => {
		const venues = (await run({ resource: 'venue', operation: 'getAll', returnAll: true })).output;
		expect(venues.map((venue) => venue.id).sort()).toEqual(['ven_dxb', 'ven_ldn', 'ven_nyc']);
		expect(venues.find((venue) => venue.id === 'ven_ldn')?.phone_number).toMatch(/^\+44/);
		const tables = (await run({ resource: 'venue', operation: 'getTables', venue: id('ven_nyc') }))
			.output;
		expect(tables[0]).toMatchObject({
			venue_id: 'ven_nyc',
			name: expect.any(String),
			min_party_size: expect.any(Number),
			max_party_size: expect.any(Number),
		});
	});

	it('refuses webhook operations and names the Poll Trigger', async () => {
		const { error } = await run({ resource: 'webhook', operation: 'getAll' });
		expect(error?.message).toBe('Webhooks are not available on API 2.4');
		expect(error?.description).toContain('SevenRooms Poll Trigger');
	});
});
