import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { sandboxClient } from '../../dev/sandboxClient';
import { sandbox24 } from './helpers24';

/** After the visit: the contract's seated_at, completed_at, spend, rating, feedback, and 2.4's view. */
let sandbox: Sandbox;
let api: ReturnType<typeof sandboxClient>;
const v24 = sandbox24(() => sandbox);
/** the API's data clock runs this far ahead, so a test can tell one write's time from the next */
let ahead = 0;

beforeAll(async () => {
	sandbox = await startSandbox({
		guests: 200,
		rateLimitPerMinute: 0,
		now: () => new Date(Date.now() + ahead),
	});
	api = sandboxClient(sandbox);
});
afterAll(async () => await sandbox.close());

let day = 0;
async function book(venue = 'ven_ldn') {
	const booked = await api('POST', '/reservations', {
		venue_id: venue,
		party_size: 2,
		start_time: `2027-08-${String(++day).padStart(2, '0')}T18:00:00Z`,
		guest_id: 'gst_000005',
	});
	expect(booked.status).toBe(201);
	return String(booked.data.id);
}

describe('the contract: after the visit', () => {
	it('starts with no visit, and dates seating and completion once, also straight to completed', async () => {
		const id = await book();
		const fresh = (await api('GET', `/reservations/${id}`)).data;
		expect(fresh).toMatchObject({
			seated_at: null,
			completed_at: null,
			spend: null,
			rating: null,
			feedback: null,
		});
		const completed = await api('PATCH', `/reservations/${id}`, {
			status: 'completed',
			spend: { amount: 84.5 },
		});
		expect(completed.data).toMatchObject({
			status: 'completed',
			seated_at: completed.data.updated_at,
			completed_at: completed.data.updated_at,
			spend: { amount: 84.5, currency: 'GBP' },
		});
		// A corrected bill keeps the completion time.
		const corrected = await api('PATCH', `/reservations/${id}`, { spend: { amount: 92 } });
		expect(corrected.data.completed_at).toBe(completed.data.completed_at);
		expect(corrected.data.spend).toEqual({ amount: 92, currency: 'GBP' });
	});

	it('takes a rating and feedback later, and refuses what is not one', async () => {
		const id = await book();
		await api('PATCH', `/reservations/${id}`, { status: 'completed' });
		const rated = await api('PATCH', `/reservations/${id}`, { rating: 2, feedback: 'Too loud' });
		expect(rated.data).toMatchObject({ rating: 2, feedback: 'Too loud' });
		for (const [body, field] of [
			[{ rating: 6 }, 'rating'],
			[{ rating: '5' }, 'rating'],
			[{ spend: { amount: -1 } }, 'spend'],
			[{ spend: 40 }, 'spend'],
			[{ spend: { amount: 40, currency: 'pounds' } }, 'spend'],
		] as const) {
			const refused = await api('PATCH', `/reservations/${id}`, body);
			expect(refused.status).toBe(422);
			expect(refused.data).toMatchObject({ errors: [{ code: 'invalid_field', field }] });
		}
	});

	it('moves updated_at with a rating, unless the fault says a rating alone leaves it', async () => {
		const id = await book();
		const completed = await api('PATCH', `/reservations/${id}`, { status: 'completed' });
		ahead += 60_000;
		const rated = await api('PATCH', `/reservations/${id}`, { rating: 5 });
		expect(rated.data.updated_at).not.toBe(completed.data.updated_at);
		sandbox.setFaults({ ratingKeepsUpdated: true });
		try {
			ahead += 60_000;
			const rerated = await api('PATCH', `/reservations/${id}`, { rating: 4, feedback: 'Fine' });
			expect(rerated.data.updated_at).toBe(rated.data.updated_at);
			const noted = await api('PATCH', `/reservations/${id}`, { rating: 3, notes: 'VIP' });
			expect(noted.data.updated_at).not.toBe(rated.data.updated_at);
		} finally {
			sandbox.setFaults({ ratingKeepsUpdated: false });
		}
	});
});

describe('API 2.4: the visit and its bill', () => {
	it('shows seated and left times on the venue clock and the bill as a number', async () => {
		const id = await book();
		await api('PATCH', `/reservations/${id}`, { status: 'seated' });
		await api('PATCH', `/reservations/${id}`, { status: 'completed', spend: { amount: 120.4 } });
		await api('PATCH', `/reservations/${id}`, { rating: 4 });
		const authorization = await v24.token();
		const shown = (await v24.call('GET', `/reservations/${id}`, { authorization })).body.data;
		const clock = /^\d{1,2}:\d{2}:\d{2} [AP]M$/;
		expect(shown).toMatchObject({
			status: 'COMPLETE',
			status_simple: 'Complete',
			seated_time: expect.stringMatching(clock),
			left_time: expect.stringMatching(clock),
			arrived_guests: 2,
			total_payment: 120.4,
			onsite_payment: 120.4,
			rating: 4,
			loyalty_id: sandbox.state.guests.get('gst_000005')?.loyalty_id ?? null,
		});
	});

	it('writes seeded reservations loosely: amounts as numeric strings, "None" for the unknown', async () => {
		const seeded = [...sandbox.state.reservations.values()].find((reservation) => {
			const n = Number(reservation.id.slice(4));
			return n % 3 === 1 && n % 4 !== 0 && ['booked', 'confirmed'].includes(reservation.status);
		});
		expect(seeded).toBeDefined();
		const authorization = await v24.token();
		const before = (await v24.call('GET', `/reservations/${seeded!.id}`, { authorization })).body
			.data;
		expect(before).toMatchObject({ total_payment: 'None', seated_time: 'None', rating: 'None' });
		await api('PATCH', `/reservations/${seeded!.id}`, {
			status: 'completed',
			spend: { amount: 64 },
		});
		const after = (await v24.call('GET', `/reservations/${seeded!.id}`, { authorization })).body
			.data;
		expect(after).toMatchObject({ total_payment: '64.00', onsite_payment: '64.00' });
	});

	it('dates a visit completed through 2.4 itself', async () => {
		const id = await book();
		const authorization = await v24.token();
		await v24.call('POST', `/reservations/${id}`, { authorization, form: { status: 'COMPLETE' } });
		const stored = sandbox.state.reservations.get(id);
		expect(stored?.completed_at).toBe(stored?.updated_at);
		expect(stored?.seated_at).toBe(stored?.updated_at);
	});
});
