import { DateTime } from 'luxon';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { booking, sandbox24 } from './helpers24';

/** 2.4 reservations: booking, its duplicate check, updates, cancellation and the lists. */
let sandbox: Sandbox;
let authorization: string;
const { token, call, all } = sandbox24(() => sandbox);

beforeAll(async () => {
	sandbox = await startSandbox({ guests: 200, rateLimitPerMinute: 0 });
	authorization = await token();
});
afterAll(async () => await sandbox.close());

let phoneSerial = 100;
/** A booking by a new guest (its own phone), so the duplicate check only sees its own. */
const fresh = (fields: Record<string, string> = {}) =>
	booking({ phone: `+1415555${String(++phoneSerial).padStart(4, '0')}`, ...fields });

async function book(form: Record<string, string>, venue = 'ven_nyc') {
	return await call('PUT', `/venues/${venue}/book`, { authorization, form });
}
async function get(id: string) {
	return (await call('GET', `/reservations/${id}`, { authorization })).body.data;
}

describe('PUT /venues/{venue_id}/book', () => {
	it('answers the four ids; the reservation reads in venue-local time', async () => {
		const answer = await book(fresh({ time: '7:30 PM', external_id: 'order-1' }));
		expect(answer.body).toEqual({
			status: 200,
			data: {
				reservation_id: expect.any(String),
				reservation_reference_code: expect.stringMatching(/^[0-9A-Z]{8}$/),
				client_id: expect.any(String),
				client_reference_code: expect.any(String),
			},
		});
		const { reservation_id: id, reservation_reference_code: code } = answer.body.data;
		const reservation = await get(id);
		expect(reservation).toMatchObject({
			id,
			reference_code: code,
			date: '2031-03-14',
			arrival_time: '7:30 PM',
			real_datetime_of_slot: '2031-03-14 19:30:00',
			max_guests: 2,
			status: 'NOT_RECONCILED',
			status_display: 'Booked',
			status_simple: 'Incomplete',
			shift_category: 'DINNER',
			external_id: 'order-1',
			created: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/),
		});
		expect(await get(code)).toEqual(reservation);
		// New York in March 2031 is UTC-4: the stored start is 23:30 UTC.
		expect(sandbox.state.reservations.get(id)?.start_time).toBe('2031-03-14T23:30:00.000Z');
	});

	it('takes HH:MM too, and puts times before 6 AM on the evening before', async () => {
		const late = await book(fresh({ time: '01:30' }));
		const reservation = await get(late.body.data.reservation_id);
		expect(reservation).toMatchObject({
			date: '2031-03-14',
			arrival_time: '1:30 AM',
			real_datetime_of_slot: '2031-03-15 1:30:00',
		});
	});

	it('refuses a missing field or a phone that is not E.164 with {status, code, msg}', async () => {
		const form: Record<string, string> = fresh();
		delete form.party_size;
		expect((await book(form)).body).toEqual({
			status: 400,
			code: 400,
			msg: 'Missing required field: party_size',
		});
		expect((await book(fresh({ phone: '415-555-0100' }))).status).toBe(400);
		expect((await book(fresh({ time: '25:00' }))).status).toBe(400);
	});

	it('refuses a second booking of the client that day unless the check is bypassed', async () => {
		const first = fresh({ date: '2031-04-01', email: 'dup@example.com' });
		expect((await book(first)).status).toBe(200);
		const again = await book({ ...first, time: '21:00' });
		expect(again.body).toMatchObject({ status: 400, msg: expect.stringMatching(/Duplicate/) });
		const bypassed = await book({
			...first,
			time: '21:00',
			bypass_duplicate_reservation_check: 'true',
		});
		expect(bypassed.status).toBe(200);
		const onlyById = await book({
			...first,
			time: '17:00',
			double_bookings_only_client_id_check: 'true',
		});
		expect(onlyById.status).toBe(200);
		expect(onlyById.body.data.client_id).toBe(bypassed.body.data.client_id);
	});

	it('counts the confirmation emails it would send: send_client_email defaults to true', async () => {
		const before = sandbox.stats.clientEmails.confirmation;
		await book(fresh());
		await book(fresh({ send_client_email: 'false' }));
		expect(sandbox.stats.clientEmails.confirmation).toBe(before + 1);
	});
});

describe('POST /reservations/{id}', () => {
	it('changes notes, external_id, tags and status, and ignores date, time and party_size', async () => {
		const { reservation_id: id } = (await book(fresh())).body.data;
		const answer = await call('POST', `/reservations/${id}`, {
			authorization,
			form: {
				notes: 'Allergic to shellfish',
				external_id: 'order-2',
				add_tags: 'Occasion:Birthday',
				status: 'CUSTOM_STATUS_27',
				date: '2031-05-01',
				time: '18:00',
				party_size: '6',
			},
		});
		expect(answer.body.data).toMatchObject({
			notes: 'Allergic to shellfish',
			external_id: 'order-2',
			tags: [expect.objectContaining({ tag: 'Birthday', group_display: 'Occasion' })],
			status: 'CUSTOM_STATUS_27',
			status_display: 'Running Late',
			date: '2031-03-14',
			arrival_time: '7:00 PM',
			max_guests: 2,
		});
	});

	it('refuses CANCELED and NO_ENTRY, and unknown ids, with 400', async () => {
		const { reservation_id: id } = (await book(fresh())).body.data;
		const canceled = await call('POST', `/reservations/${id}`, {
			authorization,
			form: { status: 'CANCELED' },
		});
		expect(canceled.body).toEqual({
			status: 400,
			code: 400,
			msg: 'CANCELED is not a valid status',
		});
		const noEntry = await call('POST', `/reservations/${id}`, {
			authorization,
			form: { status: 'NO_ENTRY' },
		});
		expect(noEntry.status).toBe(400);
		expect((await call('GET', '/reservations/res_999999', { authorization })).body).toEqual({
			status: 400,
			code: 400,
			msg: 'Invalid reservation ID',
		});
	});
});

describe('POST /reservations/{id}/cancel', () => {
	it('answers the four ids once, then 400', async () => {
		const booked = (await book(fresh())).body.data;
		const cancel = () =>
			call('POST', `/reservations/${booked.reservation_id}/cancel`, {
				authorization,
				form: { send_client_email: 'false' },
			});
		expect((await cancel()).body).toEqual({ status: 200, data: booked });
		expect((await get(booked.reservation_id)).status).toBe('CANCELED');
		expect((await cancel()).status).toBe(400);
	});

	it('refuses after the start unless bypass_cancellation_cutoff', async () => {
		const past = (await book(fresh({ date: '2020-01-10' }))).body.data.reservation_id;
		const path = `/reservations/${past}/cancel`;
		expect((await call('POST', path, { authorization, form: {} })).status).toBe(400);
		const bypass = { bypass_cancellation_cutoff: 'true' };
		expect((await call('POST', path, { authorization, form: bypass })).status).toBe(200);
	});
});

describe('the lists', () => {
	it('find external_id on GET /reservations; /reservations/export ignores it', async () => {
		const { reservation_id: id } = (await book(fresh({ external_id: 'lookup-1' }))).body.data;
		const range = 'from_date=2031-03-01&to_date=2031-03-31';
		const list = await call('GET', `/reservations?${range}&external_id=lookup-1`, {
			authorization,
		});
		expect(list.body.data.results.map((found: { id: string }) => found.id)).toEqual([id]);
		const search = await all(`/reservations/export?${range}&external_id=lookup-1`, authorization);
		expect(search.items.length).toBeGreaterThan(1);
	});

	it('answer only the current service date when no date and no updated_since are given', async () => {
		const today = DateTime.now().setZone('America/New_York').minus({ hours: 6 }).toISODate()!;
		const { reservation_id: id } = (await book(fresh({ date: today, time: '22:45' }))).body.data;
		const { items } = await all('/reservations/export?venue_id=ven_nyc&limit=400', authorization);
		expect(items.map((item) => item.id)).toContain(id);
		expect(new Set(items.map((item) => item.date))).toEqual(new Set([today]));
		const since = await all(
			`/reservations?updated_since=2000-01-01T00:00:00&limit=400`,
			authorization,
		);
		expect(since.items.length).toBeGreaterThan(items.length);
	});

	it('filter by client, status and a single day’s shift_category', async () => {
		const booked = (await book(fresh({ date: '2031-06-02' }))).body.data;
		const ids = async (query: string) =>
			(await all(`/reservations?${query}`, authorization)).items.map((item) => item.id);
		expect(await ids(`updated_since=2000-01-01&client_id=${booked.client_id}`)).toEqual([
			booked.reservation_id,
		]);
		const day = 'from_date=2031-06-02&to_date=2031-06-02';
		expect(await ids(`${day}&status=NOT_RECONCILED&shift_category=DINNER`)).toEqual([
			booked.reservation_id,
		]);
		expect(await ids(`${day}&shift_category=LUNCH`)).toEqual([]);
		const range = await call('GET', '/reservations?from_date=2031-06-01&shift_category=DINNER', {
			authorization,
		});
		expect(range.status).toBe(400);
	});
});
