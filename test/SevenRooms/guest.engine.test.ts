import { retryPolicy } from '../../nodes/SevenRooms/transport';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import {
	CREDENTIAL_ID,
	runWorkflow,
	sevenRoomsCredentials,
	sevenRoomsWorkflow,
} from '../../dev/engine';

let sandbox: Sandbox;
const defaults = { ...retryPolicy };
beforeAll(async () => {
	sandbox = await startSandbox({ guests: 1200, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());
afterEach(() => {
	sandbox.setFaults({
		unavailableFraction: 0,
		rateLimitedFraction: 0,
		resetFraction: 0,
		serverErrorFraction: 0,
	});
	Object.assign(retryPolicy, defaults);
});

const guestsWithEmail = (email: string) =>
	[...sandbox.state.guests.values()].filter((guest) => guest.email === email);

describe('Guest operations through the engine', () => {
	it('creates a guest with a local phone number sent as E.164, and n8n stores the token', async () => {
		const credentials = sevenRoomsCredentials(sandbox.url);
		const result = await runWorkflow(
			sevenRoomsWorkflow({
				resource: 'guest',
				operation: 'create',
				firstName: 'Ada',
				lastName: 'Lovelace',
				email: 'ada.engine@example.com',
				phone: '(415) 555-2671',
				additionalFields: { birthday: '12-10', tags: 'vip, wine-lover', email_opt_in: true },
			}),
			{ credentialsHelper: credentials },
		);
		expect(result.errorOf('SevenRooms')).toBeUndefined();
		const [guest] = result.outputOf('SevenRooms');
		expect(guest).toMatchObject({
			first_name: 'Ada',
			phone: '+14155552671',
			birthday: '--12-10',
			tags: ['vip', 'wine-lover'],
		});
		expect(guestsWithEmail('ada.engine@example.com')).toHaveLength(1);
		expect(credentials.store.get(CREDENTIAL_ID)?.oauthTokenData).toMatchObject({
			token_type: 'Bearer',
		});
	});

	it('gets, updates and deletes a guest', async () => {
		const credentials = sevenRoomsCredentials(sandbox.url);
		const id = 'gst_000100';
		const got = await runWorkflow(
			sevenRoomsWorkflow({
				resource: 'guest',
				operation: 'get',
				guestId: { __rl: true, mode: 'id', value: id },
			}),
			{ credentialsHelper: credentials },
		);
		expect(got.outputOf('SevenRooms')[0]).toMatchObject({ id });

		const updated = await runWorkflow(
			sevenRoomsWorkflow({
				resource: 'guest',
				operation: 'update',
				guestId: { __rl: true, mode: 'id', value: id },
				updateFields: { tags: 'vip', notes: 'Window seat' },
			}),
			{ credentialsHelper: credentials },
		);
		expect(updated.outputOf('SevenRooms')[0]).toMatchObject({
			id,
			tags: ['vip'],
			notes: 'Window seat',
		});
		expect(sandbox.state.guests.get(id)?.notes).toBe('Window seat');

		await runWorkflow(
			sevenRoomsWorkflow({
				resource: 'guest',
				operation: 'delete',
				guestId: { __rl: true, mode: 'id', value: id },
			}),
			{ credentialsHelper: credentials },
		);
		expect(sandbox.state.guests.has(id)).toBe(false);
	});

	it('returns every opted-in guest across several pages with Return All', async () => {
		const credentials = sevenRoomsCredentials(sandbox.url);
		sandbox.resetStats();
		const expected = [...sandbox.state.guests.values()].filter(
			(guest) => guest.email_opt_in,
		).length;
		expect(expected).toBeGreaterThan(400);
		const result = await runWorkflow(
			sevenRoomsWorkflow({
				resource: 'guest',
				operation: 'getAll',
				returnAll: true,
				filters: { emailOptIn: 'true' },
			}),
			{ credentialsHelper: credentials },
		);
		const guests = result.outputOf('SevenRooms');
		expect(guests).toHaveLength(expected);
		expect(new Set(guests.map((guest) => guest.id)).size).toBe(expected);
		expect(guests.every((guest) => guest.email_opt_in === true)).toBe(true);
		expect(sandbox.stats.requests['GET /guests']['200']).toBe(Math.ceil(expected / 200));
	});

	it('finds birthdays in a window that wraps the year end', async () => {
		const credentials = sevenRoomsCredentials(sandbox.url);
		const result = await runWorkflow(
			sevenRoomsWorkflow({
				resource: 'guest',
				operation: 'getAll',
				returnAll: true,
				filters: { birthdayStart: '12-30', birthdayEnd: '1-2' },
			}),
			{ credentialsHelper: credentials },
		);
		const days = new Set(
			result.outputOf('SevenRooms').map((guest) => String(guest.birthday).slice(-5)),
		);
		expect([...days].sort()).toEqual(expect.arrayContaining(['01-01']));
		expect([...days].every((day) => ['12-30', '12-31', '01-01', '01-02'].includes(day))).toBe(true);
	});

	it('Create or Update updates the guest who already has that email', async () => {
		const credentials = sevenRoomsCredentials(sandbox.url);
		const existing = sandbox.state.guests.get('gst_000200');
		const result = await runWorkflow(
			sevenRoomsWorkflow({
				resource: 'guest',
				operation: 'upsert',
				firstName: 'Renamed',
				email: existing?.email,
				additionalFields: { loyalty_tier: 'platinum' },
			}),
			{ credentialsHelper: credentials },
		);
		expect(result.outputOf('SevenRooms')[0]).toMatchObject({
			id: 'gst_000200',
			upsert_action: 'updated',
			first_name: 'Renamed',
			loyalty_tier: 'platinum',
		});
		expect(guestsWithEmail(String(existing?.email))).toHaveLength(1);
	});

	it('creates exactly one guest per row while the API fails with 503s, 429s and resets', async () => {
		Object.assign(retryPolicy, {
			backoffBaseMs: 5,
			backoffMaxMs: 20,
			unavailableMinMs: 5,
			unavailableMaxMs: 20,
			rateLimitedFallbackMs: 5,
			rateLimitedMinMs: 5,
		});
		sandbox.setFaults({
			unavailableFraction: 0.1,
			rateLimitedFraction: 0.05,
			serverErrorFraction: 0.05,
			resetFraction: 0.1,
			retryAfterSeconds: 0,
		});
		sandbox.resetStats();
		const rows = Array.from({ length: 60 }, (_, n) => ({
			first: `Retry${n}`,
			email: `retry.${n}@example.com`,
			phone: `+1 415 555 ${String(1000 + n)}`,
		}));
		const result = await runWorkflow(
			sevenRoomsWorkflow(
				{
					resource: 'guest',
					operation: 'create',
					firstName: '={{ $json.first }}',
					email: '={{ $json.email }}',
					phone: '={{ $json.phone }}',
				},
				{ rows },
			),
			{ credentialsHelper: sevenRoomsCredentials(sandbox.url) },
		);
		expect(result.errorOf('SevenRooms')).toBeUndefined();
		expect(result.outputOf('SevenRooms')).toHaveLength(60);
		for (const row of rows) expect(guestsWithEmail(row.email)).toHaveLength(1);
		expect(sandbox.stats.created.guests).toBe(60);
		// The faults really happened, including responses lost after the guest was created.
		expect(sandbox.stats.faultsInjected.reset_after_processing ?? 0).toBeGreaterThan(0);
		expect(sandbox.stats.idempotentReplays).toBeGreaterThan(0);
	});

	it('with Continue On Fail, bad rows get an error item naming the problem and the others are created', async () => {
		sandbox.resetStats();
		const rows = [
			{ first: 'Good', email: 'cof.good@example.com', phone: '020 7946 0958' },
			{ first: 'BadPhone', email: 'cof.badphone@example.com', phone: '12' },
			{ first: 'Duplicate', email: sandbox.state.guests.get('gst_000300')?.email, phone: '' },
			{ first: 'AlsoGood', email: 'cof.alsogood@example.com', phone: '' },
		];
		const result = await runWorkflow(
			sevenRoomsWorkflow(
				{
					resource: 'guest',
					operation: 'create',
					firstName: '={{ $json.first }}',
					email: '={{ $json.email }}',
					phone: '={{ $json.phone }}',
					options: { defaultPhoneCountry: 'GB' },
				},
				{ rows, continueOnFail: true },
			),
			{ credentialsHelper: sevenRoomsCredentials(sandbox.url) },
		);
		const items = result.items('SevenRooms');
		expect(items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(items[0].json).toMatchObject({ first_name: 'Good', phone: '+442079460958' });
		expect(items[1].json.error).toBe('Phone "12" is not a valid phone number');
		expect(items[2].json).toMatchObject({
			httpCode: '409',
			errors: [expect.objectContaining({ code: 'guest_exists', existing_id: 'gst_000300' })],
		});
		expect(items[3].json).toMatchObject({ first_name: 'AlsoGood' });
		// The bad phone never reached SevenRooms: 3 POSTs for 4 rows.
		const posts = Object.values(sandbox.stats.requests['POST /guests'] ?? {}).reduce(
			(sum, count) => sum + count,
			0,
		);
		expect(posts).toBe(3);
	});

	it('stops on a bad row without Continue On Fail and names the item', async () => {
		const result = await runWorkflow(
			sevenRoomsWorkflow({
				resource: 'guest',
				operation: 'create',
				firstName: 'X',
				email: 'not-an-email',
			}),
			{ credentialsHelper: sevenRoomsCredentials(sandbox.url) },
		);
		const error = result.errorOf('SevenRooms');
		expect(error?.message).toBe('Email "not-an-email" is not an email address');
	});

	it('keeps working when the token is revoked between runs: one new token, stored by n8n', async () => {
		const credentials = sevenRoomsCredentials(sandbox.url);
		const workflow = sevenRoomsWorkflow({
			resource: 'venue',
			operation: 'getAll',
			returnAll: true,
		});
		await runWorkflow(workflow, { credentialsHelper: credentials });
		const firstToken = (
			credentials.store.get(CREDENTIAL_ID)?.oauthTokenData as { access_token: string }
		).access_token;
		const issued = sandbox.stats.tokensIssued;
		sandbox.revokeTokens();
		const result = await runWorkflow(workflow, { credentialsHelper: credentials });
		expect(result.errorOf('SevenRooms')).toBeUndefined();
		expect(result.outputOf('SevenRooms')).toHaveLength(3);
		expect(sandbox.stats.tokensIssued).toBe(issued + 1);
		const secondToken = (
			credentials.store.get(CREDENTIAL_ID)?.oauthTokenData as { access_token: string }
		).access_token;
		expect(secondToken).not.toBe(firstToken);
	});

	it('reports a wrong client secret clearly, without the secret', async () => {
		const wrongValue = ['wrong', 'sandbox', 'value'].join('-');
		const result = await runWorkflow(
			sevenRoomsWorkflow({ resource: 'venue', operation: 'getAll', returnAll: true }),
			{
				credentialsHelper: sevenRoomsCredentials(sandbox.url, { clientSecret: wrongValue }),
			},
		);
		const error = result.errorOf('SevenRooms');
		expect(error?.message).toBe(
			'SevenRooms rejected the credential: could not get an access token',
		);
		expect(error?.description).toContain('invalid_client');
		expect(JSON.stringify(result.run.data)).not.toContain(wrongValue);
	});
});
