import type { IDataObject } from 'n8n-workflow';

import { retryPolicy } from '../../nodes/SevenRooms/transport';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import {
	runWorkflow,
	sevenRooms24Credentials,
	sevenRoomsWorkflow,
	triggerHarness,
} from '../../dev/engine';

/**
 * API 2.4 has no Idempotency-Key and its own token: creates whose answers are lost, tokens that
 * expire or are revoked, credentials that are wrong.
 */
let sandbox: Sandbox;
const defaults = { ...retryPolicy };
beforeAll(async () => {
	sandbox = await startSandbox({ guests: 300, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());
afterEach(() => {
	sandbox.setFaults({ loseNextAnswers: 0, resetFraction: 0, tokenFailure: null });
	Object.assign(retryPolicy, defaults);
});

const id = (value: string) => ({ __rl: true, mode: 'id', value });
const quick = () => Object.assign(retryPolicy, { backoffBaseMs: 10, backoffMaxMs: 20 });
const all = <T>(values: Iterable<T>, keep: (value: T) => boolean) => [...values].filter(keep);

const createGuest = (email: string) => ({
	authentication: 'api24',
	resource: 'guest',
	operation: 'create',
	firstName: 'Lost',
	lastName: 'Answer',
	email,
	phone: '+14155550188',
});
const bookTable = (email: string, extra: IDataObject = {}) => ({
	authentication: 'api24',
	resource: 'reservation',
	operation: 'create',
	venueTimeZone: 'Europe/London',
	venue: id('ven_ldn'),
	partySize: 2,
	startTime: '2027-09-09T19:00:00',
	guestMode: 'new',
	guestFirstName: 'Lost',
	guestLastName: 'Booking',
	guestEmail: email,
	guestPhone: '+442079460958',
	...extra,
});

describe('creates whose answer was lost (no Idempotency-Key on 2.4)', () => {
	it('books once: the booking is found by its external_id instead of booked again', async () => {
		quick();
		sandbox.setFaults({ loseNextAnswers: 1 });
		const result = await runWorkflow(sevenRoomsWorkflow(bookTable('lost.book@example.com')), {
			credentialsHelper: sevenRooms24Credentials(sandbox.url),
		});
		expect(result.errorOf('SevenRooms')).toBeUndefined();
		expect(sandbox.stats.faultsInjected.lost_answer).toBeGreaterThanOrEqual(1);
		const booked = all(
			sandbox.state.reservations.values(),
			(reservation) =>
				sandbox.state.guests.get(reservation.guest_id)?.email === 'lost.book@example.com',
		);
		expect(booked).toHaveLength(1);
		expect(result.outputOf('SevenRooms')[0]).toMatchObject({
			id: booked[0].id,
			idempotent_replay: true,
			start_time_local: '2027-09-09T19:00:00+01:00',
		});
	});

	it('creates a guest once: found by its external_user_id', async () => {
		quick();
		sandbox.setFaults({ loseNextAnswers: 1 });
		const result = await runWorkflow(sevenRoomsWorkflow(createGuest('lost.guest@example.com')), {
			credentialsHelper: sevenRooms24Credentials(sandbox.url),
		});
		expect(result.errorOf('SevenRooms')).toBeUndefined();
		expect(
			all(sandbox.state.guests.values(), (guest) => guest.email === 'lost.guest@example.com'),
		).toHaveLength(1);
	});

	it('adds a party to the waitlist once: found by the party on the venue waitlist', async () => {
		quick();
		sandbox.setFaults({ loseNextAnswers: 1 });
		const before = sandbox.state.waitlist.size;
		const result = await runWorkflow(
			sevenRoomsWorkflow({
				authentication: 'api24',
				resource: 'waitlist',
				operation: 'add',
				venue: id('ven_nyc'),
				partySize: 5,
				guestMode: 'new',
				guestFirstName: 'Lost',
				guestLastName: 'Party',
				guestPhone: '+12125550177',
				options: { shiftPersistentId: 'ven_nyc-DINNER-1443199311.5' },
			}),
			{ credentialsHelper: sevenRooms24Credentials(sandbox.url) },
		);
		expect(result.errorOf('SevenRooms')).toBeUndefined();
		expect(sandbox.state.waitlist.size).toBe(before + 1);
	});

	it("n8n's Retry On Fail re-runs a pass whose answers were lost without creating twice", async () => {
		// No transport attempts left: the lost answers fail the node, and n8n runs it again.
		Object.assign(retryPolicy, { maxAttempts: 1 });
		const rows = [
			{ email: 'fay.retry24@example.com', phone: '+442079460901' },
			{ email: 'gus.retry24@example.com', phone: '+442079460902' },
		];
		sandbox.setFaults({ loseNextAnswers: 2 });
		const result = await runWorkflow(
			sevenRoomsWorkflow(bookTable('={{ $json.email }}', { guestPhone: '={{ $json.phone }}' }), {
				rows,
				loopBatchSize: 2,
				settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 },
			}),
			{ credentialsHelper: sevenRooms24Credentials(sandbox.url) },
		);
		expect(result.errorOf('SevenRooms')).toBeUndefined();
		for (const { email } of rows) {
			const booked = all(
				sandbox.state.reservations.values(),
				(reservation) => sandbox.state.guests.get(reservation.guest_id)?.email === email,
			);
			expect(booked).toHaveLength(1);
		}
	});
});

describe('the 2.4 token', () => {
	const venues = sevenRoomsWorkflow({
		authentication: 'api24',
		resource: 'venue',
		operation: 'getAll',
		returnAll: true,
	});

	it('is fetched once, stored by n8n and reused; renewed after a revocation and near its expiry', async () => {
		const credentialsHelper = sevenRooms24Credentials(sandbox.url);
		for (let run = 0; run < 3; run++)
			expect(
				(await runWorkflow(venues, { credentialsHelper })).errorOf('SevenRooms'),
			).toBeUndefined();
		expect(credentialsHelper.preAuthentications).toHaveLength(1);
		const stored = credentialsHelper.store.get('cred-sevenrooms');
		expect(stored?.sessionToken).toBe(credentialsHelper.preAuthentications[0].sessionToken);

		sandbox.revokeTokens();
		expect(
			(await runWorkflow(venues, { credentialsHelper })).errorOf('SevenRooms'),
		).toBeUndefined();
		expect(credentialsHelper.preAuthentications).toHaveLength(2);

		// Two minutes before its expiry (on the API's clock) the token is renewed before use.
		credentialsHelper.store.set('cred-sevenrooms', {
			...credentialsHelper.store.get('cred-sevenrooms'),
			sessionExpiresAt: new Date(Date.now() + 2 * 60_000).toISOString(),
		});
		expect(
			(await runWorkflow(venues, { credentialsHelper })).errorOf('SevenRooms'),
		).toBeUndefined();
		expect(credentialsHelper.preAuthentications).toHaveLength(3);
	});

	it('names a wrong secret without showing it', async () => {
		const wrongValue = 'not-the-secret-1234';
		const credentialsHelper = sevenRooms24Credentials(sandbox.url, { clientSecret: wrongValue });
		const error = (await runWorkflow(venues, { credentialsHelper })).errorOf('SevenRooms');
		expect(error?.message).toBe(
			'SevenRooms rejected the credential: could not get an access token',
		);
		expect(error?.description).toContain('"HTTP 401"');
		expect(JSON.stringify(error)).not.toContain(wrongValue);
	});

	it('maps a failing token endpoint like a rejected credential, without its page', async () => {
		sandbox.setFaults({ tokenFailure: 'html' });
		const error = (
			await runWorkflow(venues, { credentialsHelper: sevenRooms24Credentials(sandbox.url) })
		).errorOf('SevenRooms');
		expect(error?.description).toContain('"HTTP 502"');
		expect(`${error?.message} ${error?.description}`).not.toMatch(/<|html|nginx/i);
	});
});

describe('lists', () => {
	it('end on their first empty page, whatever cursors the pages after it would name', async () => {
		sandbox.setFaults({ endlessEmptyPages: true });
		const requests = () =>
			Object.values(sandbox.stats.requests)
				.flatMap((byStatus) => Object.values(byStatus))
				.reduce((sum, count) => sum + count, 0);
		const before = requests();
		const result = await runWorkflow(
			sevenRoomsWorkflow({
				authentication: 'api24',
				resource: 'guest',
				operation: 'getAll',
				returnAll: true,
			}),
			{ credentialsHelper: sevenRooms24Credentials(sandbox.url) },
		);
		sandbox.setFaults({ endlessEmptyPages: false });
		expect(result.errorOf('SevenRooms')).toBeUndefined();
		expect(result.outputOf('SevenRooms')).toHaveLength(sandbox.state.guests.size);
		// 300 guests are one page of 400 (at most two, by the route's page size), then the empty one;
		// the token may be fetched once.
		expect(requests() - before).toBeLessThanOrEqual(4);
	});
});

describe('the SevenRooms Trigger on 2.4', () => {
	it('refuses to activate and names the Poll Trigger', async () => {
		const trigger = triggerHarness(
			'n8n-nodes-sevenrooms.sevenRoomsTrigger',
			{ authentication: 'api24', events: ['reservation.created'] },
			sevenRooms24Credentials(sandbox.url),
		);
		expect(await trigger.hook('checkExists')).toBe(false);
		await expect(trigger.hook('create')).rejects.toMatchObject({
			message: 'SevenRooms API 2.4 has no webhooks',
			description: expect.stringContaining('SevenRooms Poll Trigger'),
		});
		expect(await trigger.hook('delete')).toBe(true);
	});
});
