import { sleep } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { sevenRoomsCredentials, triggerHarness } from '../../dev/engine';
import { sandboxClient } from '../../dev/sandboxClient';
import { fakeDate } from '../clock';

const TYPE = 'n8n-nodes-sevenrooms.sevenRoomsPollTrigger';

describe('SevenRooms Poll Trigger: guest changes and audience sync', () => {
	let sandbox: Sandbox;
	let api: ReturnType<typeof sandboxClient>;
	beforeAll(async () => {
		sandbox = await startSandbox({ guests: 2000, rateLimitPerMinute: 0 });
		api = sandboxClient(sandbox);
	});
	afterAll(async () => await sandbox.close());

	it('starts from activation, then emits each change once across polls, without gaps', async () => {
		const trigger = triggerHarness(
			TYPE,
			{ event: 'guestChanged' },
			sevenRoomsCredentials(sandbox.url),
		);
		expect(await trigger.poll()).toEqual([]);

		await api('PATCH', '/guests/gst_000010', { notes: 'first change' });
		await api('PATCH', '/guests/gst_000011', { notes: 'first change' });
		const first = await trigger.poll();
		expect(first.map((guest) => guest.id).sort()).toEqual(['gst_000010', 'gst_000011']);
		expect(first.every((guest) => guest.notes === 'first change')).toBe(true);

		// n8n may run a poll twice: nothing new, nothing again.
		expect(await trigger.poll()).toEqual([]);
		expect(await trigger.poll()).toEqual([]);

		await api('PATCH', '/guests/gst_000010', { notes: 'second change' });
		const created = await api('POST', '/guests', {
			first_name: 'New',
			email: 'poll.new@example.com',
		});
		const second = await trigger.poll();
		expect(second.map((guest) => guest.id).sort()).toEqual(['gst_000010', created.data.id].sort());
		expect(second.find((guest) => guest.id === 'gst_000010')?.notes).toBe('second change');
	});

	it('marks subscribers subscribe or unsubscribe, and leaves out guests who never opted in', async () => {
		await api('PATCH', '/guests/gst_000021', { email_opt_in: true });
		await api('PATCH', '/guests/gst_000022', { email_opt_in: false });
		const trigger = triggerHarness(
			TYPE,
			{ event: 'audienceSync' },
			sevenRoomsCredentials(sandbox.url),
		);
		// Activation reads who is subscribed now.
		await trigger.poll();
		await api('PATCH', '/guests/gst_000020', { email_opt_in: true });
		await api('PATCH', '/guests/gst_000021', { email_opt_in: false });
		await api('PATCH', '/guests/gst_000022', { notes: 'changed, never subscribed' });
		const actions = async () =>
			Object.fromEntries(
				(await trigger.poll())
					.filter((guest) => ['gst_000020', 'gst_000021', 'gst_000022'].includes(String(guest.id)))
					.map((guest) => [guest.id, guest.audience_action]),
			);
		expect(await actions()).toEqual({ gst_000020: 'subscribe', gst_000021: 'unsubscribe' });

		// A subscriber's new details go out as subscribe (mail tools add or update); an unsubscribed
		// guest's later change is not a second unsubscribe.
		await api('PATCH', '/guests/gst_000020', { first_name: 'Renamed' });
		await api('PATCH', '/guests/gst_000021', { notes: 'still unsubscribed' });
		expect(await actions()).toEqual({ gst_000020: 'subscribe' });
	});

	it('shows recent guests in a manual test run without moving the cursor', async () => {
		const trigger = triggerHarness(
			TYPE,
			{ event: 'guestChanged' },
			sevenRoomsCredentials(sandbox.url),
		);
		await trigger.poll();
		const before = JSON.stringify(trigger.staticData());
		const sample = await trigger.poll('manual');
		expect(sample.length).toBeGreaterThan(0);
		expect(sample.length).toBeLessThanOrEqual(5);
		expect(JSON.stringify(trigger.staticData())).toBe(before);
	});

	it('emits a change once when n8n starts the next poll while the last one still runs', async () => {
		const trigger = triggerHarness(
			TYPE,
			{ event: 'guestChanged' },
			sevenRoomsCredentials(sandbox.url),
		);
		await trigger.poll();
		await api('PATCH', '/guests/gst_000041', { notes: 'changed during a slow poll' });
		// A poll over a large change outlasts its minute: n8n does not wait for it.
		sandbox.setFaults({ slowFraction: 1, slowMs: 300 });
		try {
			const overlapping = await Promise.all([trigger.poll(), trigger.poll()]);
			const emitted = overlapping.flat().filter((guest) => guest.id === 'gst_000041');
			expect(emitted).toHaveLength(1);
		} finally {
			sandbox.setFaults({ slowFraction: 0 });
		}
		expect((await trigger.poll()).filter((guest) => guest.id === 'gst_000041')).toEqual([]);
	});

	it('still unsubscribes a guest who opted out just before activation', async () => {
		await api('PATCH', '/guests/gst_000030', { email_opt_in: true });
		await api('PATCH', '/guests/gst_000030', { email_opt_in: false });
		// The API's clock is known to the second: activation comes a little later, as in real life.
		await sleep(1_100);
		const trigger = triggerHarness(
			TYPE,
			{ event: 'audienceSync' },
			sevenRoomsCredentials(sandbox.url),
		);
		// The audience read at activation no longer has them; their change is in the polls' overlap.
		await trigger.poll();
		const items = (await trigger.poll()).filter((guest) => guest.id === 'gst_000030');
		expect(items.map((guest) => guest.audience_action)).toEqual(['unsubscribe']);
	});

	it('keeps its state small when a large audience changes', async () => {
		const trigger = triggerHarness(
			TYPE,
			{ event: 'audienceSync' },
			sevenRoomsCredentials(sandbox.url),
		);
		await trigger.poll();
		const expected = new Map<string, string>();
		for (let n = 100; n < 400; n++) {
			const id = `gst_${String(n).padStart(6, '0')}`;
			const wasSubscribed = sandbox.state.guests.get(id)?.email_opt_in === true;
			const subscribes = n % 2 === 0;
			if (subscribes) expected.set(id, 'subscribe');
			else if (wasSubscribed) expected.set(id, 'unsubscribe');
			await api('PATCH', `/guests/${id}`, { email_opt_in: subscribes });
		}
		const items = (await trigger.poll()).filter((guest) =>
			/^gst_000[1-3]\d\d$/.test(String(guest.id)),
		);
		expect(new Map(items.map((guest) => [String(guest.id), guest.audience_action]))).toEqual(
			expected,
		);
		// The overlap window's ids (about 40 bytes a recent change) and 12 bytes a subscriber.
		const subscribers = [...sandbox.state.guests.values()].filter(
			(guest) => guest.email_opt_in,
		).length;
		expect(JSON.stringify(trigger.staticData()).length).toBeLessThan(
			300 * 60 + subscribers * 12 + 200,
		);
	});
});

describe('SevenRooms Poll Trigger: reservations and waitlist', () => {
	let sandbox: Sandbox;
	let api: ReturnType<typeof sandboxClient>;
	beforeAll(async () => {
		sandbox = await startSandbox({ guests: 300, rateLimitPerMinute: 0 });
		api = sandboxClient(sandbox);
	});
	afterAll(async () => await sandbox.close());

	it('tells created, updated and cancelled reservations apart, with venue-local times', async () => {
		const trigger = triggerHarness(
			TYPE,
			{ event: 'reservationChanged', reservationEvents: ['created', 'cancelled'], filters: {} },
			sevenRoomsCredentials(sandbox.url),
		);
		await trigger.poll();
		const booked = await api('POST', '/reservations', {
			venue_id: 'ven_ldn',
			party_size: 2,
			start_time: '2027-07-01T18:00:00Z',
			guest_id: 'gst_000001',
		});
		const created = await trigger.poll();
		expect(created).toEqual([
			expect.objectContaining({
				id: booked.data.id,
				event: 'reservation.created',
				start_time_local: '2027-07-01T19:00:00+01:00',
			}),
		]);

		await api('PATCH', `/reservations/${String(booked.data.id)}`, { notes: 'high chair' });
		expect(await trigger.poll()).toEqual([]);
		await api('POST', `/reservations/${String(booked.data.id)}/cancel`, { reason: 'ill' });
		expect(await trigger.poll()).toEqual([
			expect.objectContaining({ id: booked.data.id, event: 'reservation.cancelled' }),
		]);
	});

	it('emits new waitlist entries of the venue once', async () => {
		const trigger = triggerHarness(
			TYPE,
			{ event: 'waitlistAdded', venue: { __rl: true, mode: 'id', value: 'ven_dxb' } },
			sevenRoomsCredentials(sandbox.url),
		);
		await trigger.poll();
		const added = await api('POST', '/waitlist', {
			venue_id: 'ven_dxb',
			party_size: 3,
			guest_id: 'gst_000002',
		});
		await api('POST', '/waitlist', { venue_id: 'ven_nyc', party_size: 2, guest_id: 'gst_000003' });
		const items = await trigger.poll();
		expect(items).toEqual([
			expect.objectContaining({ id: added.data.id, venue_timezone: 'Asia/Dubai' }),
		]);
		expect(await trigger.poll()).toEqual([]);
	});
});

describe('SevenRooms Poll Trigger: upcoming birthdays', () => {
	const realNow = Date.now;
	afterEach(() => {
		Date.now = realNow;
		jest.useRealTimers();
	});

	async function birthdaySandbox(now: Date) {
		fakeDate(now);
		return await startSandbox({ guests: 3000, rateLimitPerMinute: 0, now: () => new Date() });
	}

	it('finds birthdays a few days ahead across the year end, once per year however often it polls', async () => {
		const sandbox = await birthdaySandbox(new Date('2026-12-30T12:00:00Z'));
		try {
			const trigger = triggerHarness(
				TYPE,
				{
					event: 'upcomingBirthday',
					venue: { __rl: true, mode: 'id', value: 'ven_nyc' },
					daysAhead: 3,
				},
				sevenRoomsCredentials(sandbox.url),
			);
			const expected = [...sandbox.state.guests.values()]
				.filter((guest) => guest.birthday?.endsWith('01-02'))
				.map((guest) => guest.id)
				.sort();
			expect(expected.length).toBeGreaterThan(0);
			const first = await trigger.poll();
			expect(first.map((guest) => guest.id).sort()).toEqual(expected);
			expect(first[0]).toMatchObject({
				birthday_date: '2027-01-02',
				days_until_birthday: 3,
				venue_timezone: 'America/New_York',
			});
			expect(await trigger.poll()).toEqual([]);
			expect(await trigger.poll()).toEqual([]);

			// The next day's poll moves on to January 3rd and still never repeats January 2nd.
			jest.setSystemTime(new Date('2026-12-31T12:00:00Z'));
			const next = await trigger.poll();
			expect(next.every((guest) => String(guest.birthday).endsWith('01-03'))).toBe(true);
			expect(next.some((guest) => expected.includes(String(guest.id)))).toBe(false);
		} finally {
			await sandbox.close();
		}
	});

	it("uses the venue's time zone for today: Dubai is already in the new year when New York is not", async () => {
		const sandbox = await birthdaySandbox(new Date('2026-12-31T21:00:00Z'));
		try {
			const today = async (venue: string) => {
				const trigger = triggerHarness(
					TYPE,
					{
						event: 'upcomingBirthday',
						venue: { __rl: true, mode: 'id', value: venue },
						daysAhead: 0,
					},
					sevenRoomsCredentials(sandbox.url),
				);
				return new Set((await trigger.poll()).map((guest) => String(guest.birthday).slice(-5)));
			};
			expect([...(await today('ven_dxb'))]).toEqual(['01-01']);
			expect([...(await today('ven_nyc'))]).toEqual(['12-31']);
		} finally {
			await sandbox.close();
		}
	});
});
