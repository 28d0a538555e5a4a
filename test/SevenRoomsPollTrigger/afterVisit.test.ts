import type { IDataObject } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { sevenRooms24Credentials, sevenRoomsCredentials, triggerHarness } from '../../dev/engine';
import { sandboxClient } from '../../dev/sandboxClient';

const TYPE = 'n8n-nodes-sevenrooms.sevenRoomsPollTrigger';

/**
 * After the Visit on both APIs, against the sandbox: each event once per reservation however the
 * reservation changes later, across polls, restarts and polls run again; the guest, the bill and
 * the venue's times on every item.
 */
const APIS = [
	{ api: 'OAuth2 API', parameters: {}, credentials: sevenRoomsCredentials },
	{
		api: 'API 2.4',
		parameters: { authentication: 'api24', venueTimeZone: 'Europe/London' },
		credentials: sevenRooms24Credentials,
	},
];

describe.each(APIS)('After the Visit on the $api', ({ api, parameters, credentials }) => {
	let sandbox: Sandbox;
	let call: ReturnType<typeof sandboxClient>;
	/** the API's clock runs this far ahead of ours: later changes can be hours later */
	let ahead = 0;
	const later = (minutes: number) => (ahead += minutes * 60_000);
	const trigger = (visitEvents: string[], filters: IDataObject = {}, staticData?: IDataObject) =>
		triggerHarness(
			TYPE,
			{ ...parameters, event: 'afterVisit', visitEvents, filters },
			credentials(sandbox.url),
			{ staticData },
		);
	beforeAll(async () => {
		sandbox = await startSandbox({
			guests: 300,
			rateLimitPerMinute: 0,
			now: () => new Date(Date.now() + ahead),
		});
		call = sandboxClient(sandbox);
	});
	afterAll(async () => await sandbox.close());

	let serial = 0;
	/** A party at the London venue, seated at the API's now (its guest opted in to email). */
	async function booking(guestId = 'gst_000040') {
		await call('PATCH', `/guests/${guestId}`, { email_opt_in: true });
		const start = new Date(Date.now() + ahead + ++serial * 60_000);
		start.setUTCSeconds(0, 0);
		const booked = await call('POST', '/reservations', {
			venue_id: 'ven_ldn',
			party_size: 4,
			start_time: start.toISOString(),
			guest_id: guestId,
		});
		expect(booked.status).toBe(201);
		return String(booked.data.id);
	}
	const patch = async (id: string, body: IDataObject) => {
		const answer = await call('PATCH', `/reservations/${id}`, body);
		expect(answer.status).toBe(200);
	};
	const mine = (items: IDataObject[], ...ids: string[]) =>
		items.filter((item) => ids.includes(String(item.id)));

	it('tells a completed visit once, with the guest, the bill and venue-local times', async () => {
		const poll = trigger(['completed']);
		expect(await poll.poll()).toEqual([]);
		const id = await booking();
		// Booked to completed between two polls: it never was seen seated.
		await patch(id, { status: 'completed', spend: { amount: 84.5 } });
		const [visit, ...more] = mine(await poll.poll(), id);
		expect(more).toEqual([]);
		const guest = sandbox.state.guests.get('gst_000040')!;
		expect(visit).toMatchObject({
			event: 'visit.completed',
			venue_id: 'ven_ldn',
			venue_name: expect.stringContaining('London'),
			party_size: 4,
			status: 'completed',
			spend: { amount: 84.5, currency: 'GBP' },
			rating: null,
			venue_timezone: 'Europe/London',
			start_time_local: expect.stringMatching(/\+0[01]:00$/),
			completed_at: expect.any(String),
			completed_at_local: expect.stringMatching(/\+0[01]:00$/),
			guest: {
				id: 'gst_000040',
				first_name: guest.first_name,
				last_name: guest.last_name,
				email: guest.email,
				phone: guest.phone,
				email_opt_in: true,
				sms_opt_in: api === 'OAuth2 API' ? guest.sms_opt_in : null,
				visit_count: guest.visit_count,
				lifetime_value: {
					amount: guest.lifetime_value.amount,
					currency: api === 'OAuth2 API' ? guest.lifetime_value.currency : null,
				},
				loyalty_id: guest.loyalty_id,
				loyalty_tier: guest.loyalty_tier,
			},
		});
		expect(visit).not.toHaveProperty('guest_profile_error');

		// Run again, the bill corrected hours later, n8n restarted: nothing more.
		expect(mine(await poll.poll(), id)).toEqual([]);
		later(180);
		await patch(id, { spend: { amount: 92 } });
		expect(mine(await poll.poll(), id)).toEqual([]);
		const restarted = trigger(['completed'], {}, poll.savedStaticData());
		later(600);
		await patch(id, { notes: 'Left an umbrella' });
		expect(mine(await restarted.poll(), id)).toEqual([]);
	});

	it('tells a visit completed and rated between two polls twice, completed first; a new score again', async () => {
		const poll = trigger(['completed', 'rated']);
		await poll.poll();
		const id = await booking();
		await patch(id, { status: 'seated' });
		await patch(id, { status: 'completed', spend: { amount: 120 } });
		await patch(id, { rating: 5, feedback: 'Perfect anniversary dinner' });
		const items = mine(await poll.poll(), id);
		expect(items.map((item) => item.event)).toEqual(['visit.completed', 'visit.rated']);
		expect(items[1]).toMatchObject({
			rating: 5,
			feedback: api === 'OAuth2 API' ? 'Perfect anniversary dinner' : null,
			seated_at_local: expect.any(String),
		});
		later(60);
		await patch(id, { rating: 5, feedback: 'Perfect anniversary dinner!' });
		expect(mine(await poll.poll(), id)).toEqual([]);
		later(60);
		await patch(id, { rating: 2 });
		const changed = mine(await poll.poll(), id);
		expect(changed.map((item) => [item.event, item.rating])).toEqual([['visit.rated', 2]]);
	});

	it('sends no backlog: a visit completed before activation is not told, its later rating is', async () => {
		const before = await booking();
		await patch(before, { status: 'completed', spend: { amount: 40 } });
		const noShow = await booking();
		await patch(noShow, { status: 'no_show' });
		later(5);
		const poll = trigger(['completed', 'no_show', 'rated']);
		expect(await poll.poll()).toEqual([]);
		later(60);
		await patch(before, { rating: 4 });
		await patch(noShow, { notes: 'Called, will rebook' });
		const items = mine(await poll.poll(), before, noShow);
		expect(items.map((item) => [item.id, item.event])).toEqual([[before, 'visit.rated']]);
	});

	it('tells no-shows, and filters by venue, minimum spend and rating', async () => {
		const poll = trigger(['completed', 'no_show', 'rated'], {
			venue: { __rl: true, mode: 'id', value: 'ven_ldn' },
			minimumSpend: 100,
			ratingAtMost: 2,
		});
		await poll.poll();
		const [small, big, gone, loved] = [
			await booking(),
			await booking(),
			await booking(),
			await booking(),
		];
		await patch(small, { status: 'completed', spend: { amount: 60 } });
		await patch(big, { status: 'completed', spend: { amount: 260 } });
		await patch(gone, { status: 'no_show' });
		await patch(loved, { status: 'completed', rating: 5 });
		const elsewhere = await call('POST', '/reservations', {
			venue_id: 'ven_nyc',
			party_size: 2,
			start_time: '2027-09-01T23:00:00Z',
			guest_id: 'gst_000041',
		});
		await patch(String(elsewhere.data.id), { status: 'no_show' });
		const items = await poll.poll();
		expect(items.map((item) => [item.id, item.event])).toEqual([
			[big, 'visit.completed'],
			[gone, 'visit.no_show'],
		]);
		// The small bill corrected upwards passes Minimum Spend then, once.
		later(30);
		await patch(small, { spend: { amount: 140 } });
		await patch(loved, { rating: 1 });
		expect((await poll.poll()).map((item) => [item.id, item.event])).toEqual([
			[small, 'visit.completed'],
			[loved, 'visit.rated'],
		]);
	});

	it('sends a visit whose guest cannot be read, its opt-ins unknown', async () => {
		const poll = trigger(['completed']);
		await poll.poll();
		const id = await booking('gst_000042');
		await patch(id, { status: 'completed', spend: { amount: 30 } });
		// Erased since (GDPR): the profile is gone, the reservation stays.
		expect((await call('DELETE', '/guests/gst_000042')).status).toBe(204);
		const [visit] = mine(await poll.poll(), id);
		expect(visit).toMatchObject({
			event: 'visit.completed',
			guest: { id: 'gst_000042', email_opt_in: null, visit_count: null },
			guest_profile_error: expect.any(String),
		});
	});

	it('shows a sample on a test click and leaves its state alone', async () => {
		const poll = trigger(['completed', 'rated']);
		await poll.poll();
		const before = JSON.stringify(poll.staticData());
		const sample = await poll.poll('manual');
		expect(sample.length).toBeGreaterThan(0);
		expect(sample.length).toBeLessThanOrEqual(5);
		expect(
			sample.every((item) => ['visit.completed', 'visit.rated'].includes(String(item.event))),
		).toBe(true);
		expect(JSON.stringify(poll.staticData())).toBe(before);
	});
});
