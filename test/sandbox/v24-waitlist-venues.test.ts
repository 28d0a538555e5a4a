import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { sandbox24 } from './helpers24';

/** 2.4 waitlist and venues. */
let sandbox: Sandbox;
let authorization: string;
const { token, call } = sandbox24(() => sandbox);
const DINNER = 'ven_ldn-DINNER-1443199311.5';

beforeAll(async () => {
	sandbox = await startSandbox({ guests: 100, rateLimitPerMinute: 0 });
	authorization = await token();
});
afterAll(async () => await sandbox.close());

const entryForm = (fields: Record<string, string> = {}) => ({
	venue_id: 'ven_ldn',
	first_name: 'Walk',
	last_name: 'In',
	phone_number: '+442079460555',
	phone_number_locale: 'GB',
	party_size: '3',
	shift_persistent_id: DINNER,
	...fields,
});

describe('waitlist', () => {
	it('adds an entry (Joined Online by default) and answers it in data.waitlist_entry', async () => {
		const answer = await call('POST', '/waitlist', {
			authorization,
			form: entryForm({ quoted_wait_time: '20', notes: 'High chair' }),
		});
		expect(answer.body).toEqual({
			status: 200,
			data: {
				waitlist_entry: expect.objectContaining({
					id: expect.any(String),
					client_id: expect.any(String),
					party_size: 3,
					status: 'Joined Online',
					quoted_wait_time: 20,
					shift_persistent_id: DINNER,
					notes: 'High chair',
					start_wait_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
					arrival_time: expect.stringMatching(/^\d{1,2}:\d{2} [AP]M$/),
				}),
			},
		});
		expect(answer.body.data.waitlist_entry).not.toHaveProperty('venue_id');
	});

	it('needs every required field, and a shift of the venue', async () => {
		for (const missing of [
			'venue_id',
			'first_name',
			'last_name',
			'phone_number',
			'phone_number_locale',
			'party_size',
			'shift_persistent_id',
		]) {
			const form: Record<string, string> = entryForm();
			delete form[missing];
			const answer = await call('POST', '/waitlist', { authorization, form });
			expect([missing, answer.status]).toEqual([missing, 400]);
		}
		const wrongShift = entryForm({ shift_persistent_id: 'ven_nyc-DINNER-1443199311.5' });
		expect((await call('POST', '/waitlist', { authorization, form: wrongShift })).status).toBe(400);
	});

	it('reads opt-ins as the strings True/False: "true" is not True', async () => {
		const add = async (phone: string, optIn: string) => {
			const form = entryForm({ phone_number: phone, venue_group_marketing_opt_in: optIn });
			const answer = await call('POST', '/waitlist', { authorization, form });
			return sandbox.state.guests.get(answer.body.data.waitlist_entry.client_id)!;
		};
		expect((await add('+442079460601', 'True')).email_opt_in).toBe(true);
		expect((await add('+442079460602', 'true')).email_opt_in).toBe(false);
	});

	it('gets, changes and deletes an entry', async () => {
		const created = await call('POST', '/waitlist', {
			authorization,
			form: entryForm({ phone_number: '+442079460700' }),
		});
		const id = created.body.data.waitlist_entry.id as string;
		const changed = await call('PUT', `/waitlist/${id}`, {
			authorization,
			form: { status: 'Table Ready', party_size: '4', first_name: 'Walker' },
		});
		expect(changed.body.data.waitlist_entry).toMatchObject({
			status: 'Table Ready',
			party_size: 4,
			first_name: 'Walker',
		});
		expect(sandbox.state.waitlist.get(id)?.status).toBe('notified');
		expect((await call('DELETE', `/waitlist/${id}`, { authorization })).body).toEqual({
			status: 200,
		});
		expect((await call('GET', `/waitlist/${id}`, { authorization })).status).toBe(404);
		expect((await call('PUT', `/waitlist/${id}`, { authorization, form: {} })).status).toBe(404);
	});

	it('lists a venue’s entries, and needs venue_id', async () => {
		const page = await call('GET', '/waitlist?venue_id=ven_dxb,ven_ldn&limit=400', {
			authorization,
		});
		expect(page.body.data).toMatchObject({ venue_id: 'ven_dxb,ven_ldn', limit: 400 });
		expect(page.body.data.waitlist_entries.length).toBeGreaterThanOrEqual(48);
		expect((await call('GET', '/waitlist', { authorization })).status).toBe(400);
	});
});

describe('venues', () => {
	it('have no time zone field', async () => {
		const venue = (await call('GET', '/venues/ven_nyc', { authorization })).body.data;
		expect(venue).toMatchObject({
			id: 'ven_nyc',
			name: expect.any(String),
			venue_group_id: expect.any(String),
			currency_code: 'USD',
		});
		expect(JSON.stringify(venue)).not.toMatch(/time_?zone|America\//i);
		expect((await call('GET', '/venues/ven_xxx', { authorization })).status).toBe(404);
	});

	it('list their tables in data.tables, not paged', async () => {
		const answer = await call('GET', '/venues/ven_ldn/tables', { authorization });
		const tables = answer.body.data.tables as Array<Record<string, unknown>>;
		expect(Object.keys(answer.body.data)).toEqual(['tables']);
		expect(tables.length).toBe(
			[...sandbox.state.tables.values()].filter((table) => table.venue_id === 'ven_ldn').length,
		);
		expect(tables[0]).toEqual({
			id: expect.any(String),
			table_number: '1',
			party_size_min: expect.any(Number),
			party_size_max: expect.any(Number),
			seating_area_id: expect.any(String),
			seating_area_name: expect.any(String),
		});
	});

	it('answer availability per shift with free times, the same twice', async () => {
		const path =
			'/venues/ven_ldn/availability?date=2031-03-16&start_time=12:00&end_time=10:00 PM&party_size=2';
		const answer = await call('GET', path, { authorization });
		const shifts = answer.body.data.availability as Array<Record<string, unknown>>;
		// 2031-03-16 is a Sunday: the seeded venues open at noon then.
		expect(shifts.map((shift) => shift.shift_category)).toEqual(['LUNCH', 'DINNER']);
		expect(shifts[1]).toMatchObject({
			shift_persistent_id: DINNER,
			times: expect.arrayContaining([expect.objectContaining({ time: '7:00 PM', type: 'book' })]),
		});
		expect((await call('GET', path, { authorization })).body).toEqual(answer.body);
		const typesFor = async (party: number) =>
			(
				(await call('GET', path.replace('party_size=2', `party_size=${party}`), { authorization }))
					.body.data.availability as Array<{ times: Array<{ type: string }> }>
			)
				.flatMap((shift) => shift.times)
				.map((time) => time.type);
		// Large parties are requests the venue confirms; one no table seats is offered nothing.
		expect(new Set(await typesFor(8))).toEqual(new Set(['request']));
		expect(await typesFor(80)).toEqual([]);
		expect((await call('GET', '/venues/ven_ldn/availability', { authorization })).status).toBe(400);
	});
});
