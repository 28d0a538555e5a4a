import type { IDataObject } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import {
	runWorkflow,
	sevenRooms24Credentials,
	sevenRoomsCredentials,
	sevenRoomsWorkflow,
} from '../../dev/engine';

/**
 * Yes/no fields given as text (an expression, a sheet, a form): read as the column mapper reads
 * them on both APIs, anything else an error naming the field. Before, API 2.4 sent the consent as
 * `value === true`, so the text "true" withdrew it, and other text went out as it was.
 */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ guests: 40, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());

async function run(parameters: IDataObject, rows: IDataObject[], api24 = false) {
	const result = await runWorkflow(
		sevenRoomsWorkflow(api24 ? { authentication: 'api24', ...parameters } : parameters, {
			rows,
			continueOnFail: true,
		}),
		{
			credentialsHelper: api24
				? sevenRooms24Credentials(sandbox.url)
				: sevenRoomsCredentials(sandbox.url),
		},
	);
	return result.outputOf('SevenRooms');
}

const guestsOptedOut = () =>
	[...sandbox.state.guests.values()].filter((guest) => !guest.email_opt_in && guest.phone);

describe('yes/no fields given as text', () => {
	it('API 2.4, version 1: "true" from an expression gives consent, unknown text is refused', async () => {
		const [ada, bea, cy] = guestsOptedOut();
		const output = await run(
			{
				resource: 'guest',
				operation: 'update',
				guestId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				updateFields: { email_opt_in: '={{ $json.optIn }}' },
			},
			[
				{ id: ada.id, optIn: 'true' },
				{ id: bea.id, optIn: 'Yes' },
				{ id: cy.id, optIn: 'maybe' },
			],
			true,
		);
		expect(output[0]).toMatchObject({ id: ada.id, email_opt_in: true });
		expect(output[1]).toMatchObject({ id: bea.id, email_opt_in: true });
		expect(sandbox.state.guests.get(ada.id)?.email_opt_in).toBe(true);
		expect(output[2].error).toBe('Email Opt-In "maybe" is not true or false');
		expect(sandbox.state.guests.get(cy.id)?.email_opt_in).toBe(false);
	});

	it('OAuth2 API: the opt-ins go as true or false, never as the text typed', async () => {
		const output = await run(
			{
				resource: 'guest',
				operation: 'create',
				firstName: '={{ $json.first }}',
				email: '={{ $json.first }}.yesno@example.com',
				additionalFields: { email_opt_in: '={{ $json.email }}', sms_opt_in: '={{ $json.sms }}' },
			},
			[
				{ first: 'dee', email: 'TRUE', sms: 'no' },
				{ first: 'eve', email: 'opted in', sms: '2' },
			],
		);
		expect(output[0]).toMatchObject({ email_opt_in: true, sms_opt_in: false });
		expect(output[1].error).toBe('SMS Opt-In "2" is not true or false');
		expect(
			[...sandbox.state.guests.values()].some((guest) => guest.email === 'eve.yesno@example.com'),
		).toBe(false);
	});

	it('API 2.4: Email the Guest as text is read, not passed on', async () => {
		const before = { ...sandbox.stats.clientEmails };
		const booking = (first: string) => ({
			first,
			sendEmail: first === 'Gil' ? 'no' : 'perhaps',
		});
		const output = await run(
			{
				resource: 'reservation',
				operation: 'create',
				venueTimeZone: 'America/New_York',
				venue: { __rl: true, mode: 'id', value: 'ven_nyc' },
				partySize: 2,
				startTime: '2027-11-11T19:00:00',
				guestMode: 'new',
				guestFirstName: '={{ $json.first }}',
				guestLastName: 'Yesno',
				guestPhone: '+12125550177',
				options: { sendClientEmail: '={{ $json.sendEmail }}' },
			},
			[booking('Gil'), booking('Hal')],
			true,
		);
		expect(output[0].error).toBeUndefined();
		expect(output[0].id).toBeDefined();
		expect(output[1].error).toBe('Email the Guest "perhaps" is not true or false');
		expect(sandbox.stats.clientEmails).toEqual(before);
	});
});
