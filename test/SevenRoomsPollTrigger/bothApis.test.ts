import type { IDataObject } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { sevenRooms24Credentials, sevenRoomsCredentials, triggerHarness } from '../../dev/engine';
import { sandboxClient } from '../../dev/sandboxClient';
import { fakeDate } from '../clock';

const TYPE = 'n8n-nodes-sevenrooms.sevenRoomsPollTrigger';
const venue = (value: string) => ({ __rl: true, mode: 'id', value });

/**
 * The recipes on both APIs: the same workflow parameters (plus the Authentication and, on 2.4,
 * the venue's time zone, which 2.4 does not tell) give the same items.
 */
const APIS = [
	{ api: 'OAuth2 API', parameters: {}, credentials: sevenRoomsCredentials },
	{
		api: 'API 2.4',
		parameters: { authentication: 'api24' },
		credentials: sevenRooms24Credentials,
	},
];

describe.each(APIS)('Poll Trigger recipes on the $api', ({ parameters, credentials, api }) => {
	let sandbox: Sandbox;
	let call: ReturnType<typeof sandboxClient>;
	const trigger = (event: IDataObject, zone?: string) =>
		triggerHarness(
			TYPE,
			{ ...parameters, ...event, ...(api === 'API 2.4' && zone ? { venueTimeZone: zone } : {}) },
			credentials(sandbox.url),
		);
	beforeAll(async () => {
		sandbox = await startSandbox({ guests: 500, rateLimitPerMinute: 0 });
		call = sandboxClient(sandbox);
	});
	afterAll(async () => await sandbox.close());

	it('emits each guest change once, from activation on', async () => {
		const poll = trigger({ event: 'guestChanged' });
		expect(await poll.poll()).toEqual([]);
		await call('PATCH', '/guests/gst_000010', { notes: 'first change' });
		await call('PATCH', '/guests/gst_000011', { notes: 'first change' });
		const first = await poll.poll();
		expect(first.map((guest) => guest.id).sort()).toEqual(['gst_000010', 'gst_000011']);
		expect(first[0]).toMatchObject({ notes: 'first change', updated_at: expect.any(String) });
		expect(await poll.poll()).toEqual([]);
		await call('PATCH', '/guests/gst_000010', { notes: 'second change' });
		expect((await poll.poll()).map((guest) => guest.id)).toEqual(['gst_000010']);
	});

	it('syncs the email audience: subscribe, unsubscribe, and never-subscribed guests left out', async () => {
		await call('PATCH', '/guests/gst_000021', { email_opt_in: true });
		await call('PATCH', '/guests/gst_000022', { email_opt_in: false });
		const poll = trigger({ event: 'audienceSync' });
		await poll.poll();
		await call('PATCH', '/guests/gst_000020', { email_opt_in: true });
		await call('PATCH', '/guests/gst_000021', { email_opt_in: false });
		await call('PATCH', '/guests/gst_000022', { notes: 'changed, never subscribed' });
		// A change up to 2 minutes before activation (the previous test's) may come out too.
		const actions = async () =>
			Object.fromEntries(
				(await poll.poll())
					.filter((guest) => ['gst_000020', 'gst_000021', 'gst_000022'].includes(String(guest.id)))
					.map((guest) => [guest.id, guest.audience_action]),
			);
		expect(await actions()).toEqual({ gst_000020: 'subscribe', gst_000021: 'unsubscribe' });
		await call('PATCH', '/guests/gst_000020', { first_name: 'Renamed' });
		await call('PATCH', '/guests/gst_000021', { notes: 'still unsubscribed' });
		expect(await actions()).toEqual({ gst_000020: 'subscribe' });
	});

	it('tells created and cancelled reservations apart, with venue-local times', async () => {
		const poll = trigger(
			{ event: 'reservationChanged', reservationEvents: ['created', 'cancelled'], filters: {} },
			'Europe/London',
		);
		await poll.poll();
		const booked = await call('POST', '/reservations', {
			venue_id: 'ven_ldn',
			party_size: 2,
			start_time: '2027-07-01T18:00:00Z',
			guest_id: 'gst_000001',
		});
		expect(await poll.poll()).toEqual([
			expect.objectContaining({
				id: booked.data.id,
				event: 'reservation.created',
				start_time: expect.stringMatching(/^2027-07-01T18:00:00(\.000)?Z$/),
				start_time_local: '2027-07-01T19:00:00+01:00',
				venue_timezone: 'Europe/London',
			}),
		]);
		await call('PATCH', `/reservations/${String(booked.data.id)}`, { notes: 'high chair' });
		expect(await poll.poll()).toEqual([]);
		await call('POST', `/reservations/${String(booked.data.id)}/cancel`, { reason: 'ill' });
		expect(await poll.poll()).toEqual([
			expect.objectContaining({ id: booked.data.id, event: 'reservation.cancelled' }),
		]);
	});

	it('emits new waitlist entries of the venue once', async () => {
		const poll = trigger({ event: 'waitlistAdded', venue: venue('ven_dxb') }, 'Asia/Dubai');
		await poll.poll();
		const added = await call('POST', '/waitlist', {
			venue_id: 'ven_dxb',
			party_size: 3,
			guest_id: 'gst_000002',
		});
		await call('POST', '/waitlist', { venue_id: 'ven_nyc', party_size: 2, guest_id: 'gst_000003' });
		expect(await poll.poll()).toEqual([
			expect.objectContaining({
				id: added.data.id,
				venue_id: 'ven_dxb',
				venue_timezone: 'Asia/Dubai',
				party_size: 3,
				status: 'waiting',
			}),
		]);
		expect(await poll.poll()).toEqual([]);
	});
});

describe.each(APIS)('Birthday recipe on the $api', ({ parameters, credentials, api }) => {
	afterEach(() => jest.useRealTimers());

	it('finds birthdays a few days ahead across the year end, once per year', async () => {
		fakeDate(new Date('2026-12-30T12:00:00Z'));
		const sandbox = await startSandbox({
			guests: 3000,
			rateLimitPerMinute: 0,
			now: () => new Date(),
		});
		try {
			const poll = triggerHarness(
				TYPE,
				{
					...parameters,
					event: 'upcomingBirthday',
					venue: venue('ven_nyc'),
					daysAhead: 3,
					...(api === 'API 2.4' ? { venueTimeZone: 'America/New_York' } : {}),
				},
				credentials(sandbox.url),
			);
			const expected = [...sandbox.state.guests.values()]
				.filter((guest) => guest.birthday?.endsWith('01-02'))
				.map((guest) => guest.id)
				.sort();
			expect(expected.length).toBeGreaterThan(0);
			const first = await poll.poll();
			expect(first.map((guest) => guest.id).sort()).toEqual(expected);
			expect(first[0]).toMatchObject({
				birthday_date: '2027-01-02',
				days_until_birthday: 3,
				venue_timezone: 'America/New_York',
				email_opt_in: expect.any(Boolean),
			});
			expect(await poll.poll()).toEqual([]);
			jest.setSystemTime(new Date('2026-12-31T12:00:00Z'));
			const next = await poll.poll();
			expect(next.length).toBeGreaterThan(0);
			expect(next.every((guest) => String(guest.birthday).endsWith('01-03'))).toBe(true);
		} finally {
			await sandbox.close();
		}
	});
});
