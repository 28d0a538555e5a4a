import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { sandboxHttp } from './helpers';
import { booking, sandbox24 } from './helpers24';

/** Both dialects show the same objects: what one writes, the other reads. */
let sandbox: Sandbox;
let raw: string;
let bearer: string;
const v24 = sandbox24(() => sandbox);
const contract = sandboxHttp(() => sandbox);

beforeAll(async () => {
	sandbox = await startSandbox({ guests: 100, rateLimitPerMinute: 0 });
	raw = await v24.token();
	bearer = await contract.bearer();
});
afterAll(async () => await sandbox.close());

describe('guests and clients', () => {
	it('shows a 2.4 client in /guests, with its 2.4-only fields passed through', async () => {
		const created = await v24.call('POST', '/clients', {
			authorization: raw,
			form: {
				first_name: 'Both',
				last_name: 'Ways',
				email: 'both@example.com',
				phone_number: '+14155550600',
				birthday_day: '3',
				birthday_month: '7',
				external_user_id: 'crm-both',
				add_tags: 'Guest Status:regular',
				venue_group_marketing_opt_in: 'true',
			},
		});
		const id = created.body.data.id as string;
		const guest = await contract.call('GET', `/guests/${id}`, { bearer });
		expect(guest.body.data).toMatchObject({
			id,
			first_name: 'Both',
			email: 'both@example.com',
			phone: '+14155550600',
			birthday: '--07-03',
			email_opt_in: true,
			tags: ['regular'],
			external_user_id: 'crm-both',
		});
		const listed = await contract.call('GET', '/guests?email=both@example.com', { bearer });
		expect(listed.body.data.map((found: { id: string }) => found.id)).toEqual([id]);
	});

	it('shows a contract guest and its PATCH in 2.4', async () => {
		const created = await contract.call('POST', '/guests', {
			bearer,
			body: { first_name: 'Con', last_name: 'Tract', email: 'con@example.com', tags: ['vip'] },
		});
		const id = created.body.data.id as string;
		await contract.call('PATCH', `/guests/${id}`, { bearer, body: { notes: 'Patched' } });
		const client = (await v24.call('GET', `/clients/${id}`, { authorization: raw })).body.data;
		expect(client).toMatchObject({
			id,
			first_name: 'Con',
			notes: 'Patched',
			client_tags: [expect.objectContaining({ tag: 'vip', group_display: 'Guest Status' })],
		});
		const updated = Date.parse(`${client.updated}Z`);
		const patched = Date.parse(sandbox.state.guests.get(id)!.updated_at);
		expect(updated).toBe(patched);
	});
});

describe('reservations', () => {
	it('shows a 2.4 booking in the contract, and a contract cancel in 2.4', async () => {
		const before = sandbox.stats.webhookDeliveries.events;
		const booked = await v24.call('PUT', '/venues/ven_ldn/book', {
			authorization: raw,
			form: booking({ date: '2031-08-01', time: '8:00 PM', phone: '+442079460800' }),
		});
		const { reservation_id: id, client_id: clientId } = booked.body.data;
		expect(sandbox.stats.webhookDeliveries.events).toBe(before + 2);
		const reservation = await contract.call('GET', `/reservations/${id}`, { bearer });
		expect(reservation.body.data).toMatchObject({
			id,
			venue_id: 'ven_ldn',
			guest_id: clientId,
			party_size: 2,
			// London in August is UTC+1.
			start_time: '2031-08-01T19:00:00.000Z',
			status: 'booked',
		});
		await contract.call('POST', `/reservations/${id}/cancel`, { bearer, body: {} });
		const shown = (await v24.call('GET', `/reservations/${id}`, { authorization: raw })).body.data;
		expect(shown).toMatchObject({ status: 'CANCELED', status_simple: 'Canceled' });
	});

	it('shows a contract booking in 2.4 in venue-local time, and a 2.4 cancel in the contract', async () => {
		const created = await contract.call('POST', '/reservations', {
			bearer,
			body: {
				venue_id: 'ven_dxb',
				party_size: 2,
				start_time: '2031-08-02T16:00:00Z',
				guest_id: 'gst_000001',
			},
		});
		const id = created.body.data.id as string;
		const shown = (await v24.call('GET', `/reservations/${id}`, { authorization: raw })).body.data;
		expect(shown).toMatchObject({
			venue_id: 'ven_dxb',
			client_id: 'gst_000001',
			date: '2031-08-02',
			arrival_time: '8:00 PM',
			status: 'NOT_RECONCILED',
		});
		await v24.call('POST', `/reservations/${id}/cancel`, { authorization: raw, form: {} });
		const after = await contract.call('GET', `/reservations/${id}`, { bearer });
		expect(after.body.data).toMatchObject({
			status: 'cancelled',
			cancelled_at: expect.any(String),
		});
	});
});

describe('waitlist', () => {
	it('shows entries and status changes across dialects', async () => {
		const created = await v24.call('POST', '/waitlist', {
			authorization: raw,
			form: {
				venue_id: 'ven_nyc',
				first_name: 'Wait',
				last_name: 'Both',
				phone_number: '+14155550700',
				phone_number_locale: 'US',
				party_size: '2',
				shift_persistent_id: 'ven_nyc-DINNER-1443199311.5',
			},
		});
		const id = created.body.data.waitlist_entry.id as string;
		const entry = await contract.call('GET', `/waitlist/${id}`, { bearer });
		expect(entry.body.data).toMatchObject({ id, venue_id: 'ven_nyc', status: 'waiting' });
		await contract.call('PATCH', `/waitlist/${id}`, { bearer, body: { status: 'notified' } });
		const shown = await v24.call('GET', `/waitlist/${id}`, { authorization: raw });
		expect(shown.body.data.waitlist_entry.status).toBe('Table Ready');
	});
});

describe('tokens', () => {
	it('revokeTokens() revokes both dialects’ tokens', async () => {
		const [old24, oldBearer] = [await v24.token(), await contract.bearer()];
		sandbox.revokeTokens();
		expect((await v24.call('GET', '/venues', { authorization: old24 })).status).toBe(401);
		expect((await contract.call('GET', '/venues', { bearer: oldBearer })).status).toBe(401);
	});
});
