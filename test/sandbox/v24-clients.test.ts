import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { sandbox24 } from './helpers24';

/** 2.4 clients: shapes, writes and filters. */
let sandbox: Sandbox;
let authorization: string;
const { token, call, all } = sandbox24(() => sandbox);

beforeAll(async () => {
	sandbox = await startSandbox({ guests: 200, rateLimitPerMinute: 0 });
	authorization = await token();
});
afterAll(async () => await sandbox.close());

const person = (fields: Record<string, string> = {}) => ({
	first_name: 'Grace',
	last_name: 'Hopper',
	email: 'grace@example.com',
	phone_number: '+12125550142',
	...fields,
});

async function create(fields: Record<string, string> = {}) {
	const answer = await call('POST', '/clients', { authorization, form: person(fields) });
	expect(answer.status).toBe(200);
	return answer.body.data as Record<string, unknown>;
}

describe('seeded clients', () => {
	it('show the vendor’s loose typing, the same every time', async () => {
		const first = await all('/clients/export?limit=400', authorization);
		const again = await all('/clients/export?limit=400', authorization);
		expect(again.items).toEqual(first.items);
		const clients = first.items;
		const some = (test: (client: Record<string, unknown>) => boolean) =>
			clients.filter(test).length;
		expect(some((client) => typeof client.phone_number === 'number')).toBeGreaterThan(20);
		expect(some((client) => typeof client.phone_number === 'string')).toBeGreaterThan(20);
		expect(some((client) => typeof client.address === 'object' && client.address !== null)).toBe(
			some((client) => client.postal_code === 11201),
		);
		expect(some((client) => client.deleted === 'None')).toBeGreaterThan(10);
		expect(some((client) => client.external_user_id === 'None')).toBeGreaterThan(10);
		for (const client of clients) {
			expect(client).not.toHaveProperty('timezone');
			expect(client.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
			expect(Array.isArray(client.client_tags)).toBe(true);
		}
		const tagged = clients.find((client) => (client.client_tags as unknown[]).length)!;
		expect((tagged.client_tags as unknown[])[0]).toEqual({
			tag: expect.any(String),
			tag_display: expect.any(String),
			group: expect.any(String),
			group_display: expect.any(String),
			color: expect.stringMatching(/^#[0-9a-f]{6}$/),
		});
	});
});

describe('POST /clients', () => {
	it('needs first_name, last_name, email and phone_number', async () => {
		for (const missing of ['first_name', 'last_name', 'email', 'phone_number']) {
			const form: Record<string, string> = person();
			delete form[missing];
			const answer = await call('POST', '/clients', { authorization, form });
			expect(answer.body).toEqual({
				status: 400,
				code: 400,
				msg: `Missing required field: ${missing}`,
			});
		}
	});

	it('stores any spelling of the phone as E.164, birthdays without a year, and tags', async () => {
		const client = await create({
			email: 'spelled@example.com',
			phone_number: '1 (415) 555-0199',
			birthday_day: '29',
			birthday_month: '2',
			external_user_id: 'crm-1',
			add_tags: 'Dietary:Vegan Only,Guest Status:vip',
			venue_group_marketing_opt_in: 'true',
		});
		expect(client).toMatchObject({
			phone_number: '+14155550199',
			phone_number_locale: 'US',
			birthday_day: 29,
			birthday_month: 2,
			external_user_id: 'crm-1',
			marketing_opt_in: true,
			marketing_opt_in_ts: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T[\d:.]{15}$/),
		});
		expect(client.client_tags).toEqual([
			expect.objectContaining({ tag: 'Vegan Only', group_display: 'Dietary' }),
			expect.objectContaining({ tag: 'vip', group_display: 'Guest Status' }),
		]);
		expect(sandbox.state.guests.get(client.id as string)).toMatchObject({
			phone: '+14155550199',
			birthday: '--02-29',
			email_opt_in: true,
			tags: ['Vegan Only', 'vip'],
		});
	});

	it('makes a second profile for the same email', async () => {
		const one = await create({ email: 'twice@example.com' });
		const two = await create({ email: 'twice@example.com' });
		expect(two.id).not.toBe(one.id);
		const found = await call('GET', '/clients?email=TWICE@example.com', { authorization });
		expect(found.body.data.results.map((client: { id: string }) => client.id)).toEqual([
			one.id,
			two.id,
		]);
	});
});

describe('POST /clients/updates', () => {
	it('takes a JSON array and answers each id with its reference code', async () => {
		const a = await create({ email: 'a@example.com' });
		const b = await create({ email: 'b@example.com', add_tags: 'Dietary:Nut Free' });
		const answer = await call('POST', '/clients/updates', {
			authorization,
			json: [
				{ client_id: a.id, notes: 'Window seat', birthday_month: 12, birthday_day: 24 },
				{ client_id: b.id, remove_tags: ['Dietary:Nut Free'], add_tags: 'VIP:Gold' },
			],
		});
		expect(answer.body).toEqual({
			status: 200,
			data: [
				{ client_id: a.id, client_reference_code: a.reference_code },
				{ client_id: b.id, client_reference_code: b.reference_code },
			],
		});
		const [first, second] = await Promise.all(
			[a.id, b.id].map(
				async (id) => (await call('GET', `/clients/${id}`, { authorization })).body.data,
			),
		);
		expect(first).toMatchObject({ notes: 'Window seat', birthday_month: 12, birthday_day: 24 });
		expect(second.client_tags).toEqual([
			expect.objectContaining({ tag: 'Gold', group_display: 'VIP' }),
		]);
	});

	it('takes one client as a form, and changes nothing when one client is unknown', async () => {
		const client = await create({ email: 'form@example.com' });
		const form = await call('POST', '/clients/updates', {
			authorization,
			form: { client_id: client.id as string, last_name: 'Formed' },
		});
		expect(form.body.data).toEqual([expect.objectContaining({ client_id: client.id })]);
		const refused = await call('POST', '/clients/updates', {
			authorization,
			json: [
				{ client_id: client.id, last_name: 'Never' },
				{ client_id: 'gst_999999', last_name: 'Ghost' },
			],
		});
		expect(refused.status).toBe(404);
		expect(sandbox.state.guests.get(client.id as string)?.last_name).toBe('Formed');
	});
});

describe('PUT /clients/{id}/remove_personal_data', () => {
	it('blanks the profile and answers {status, msg} without data', async () => {
		const client = await create({ email: 'forget@example.com', notes: 'Keeps' });
		const answer = await call('PUT', `/clients/${client.id}/remove_personal_data`, {
			authorization,
			form: { remove_notes: 'false' },
		});
		expect(answer.body).toEqual({ status: 200, msg: expect.any(String) });
		expect(sandbox.state.guests.get(client.id as string)).toMatchObject({
			first_name: null,
			email: null,
			phone: null,
		});
	});
});

describe('GET /clients filters', () => {
	it('filters by email, E.164 phone, external_user_id, tags and updated_since', async () => {
		const client = await create({
			email: 'filters@example.com',
			phone_number: '+442079460001',
			external_user_id: 'crm-filter',
			add_tags: 'Occasion:Proposal',
		});
		const ids = async (query: string) =>
			(await call('GET', `/clients?${query}`, { authorization })).body.data.results.map(
				(found: { id: string }) => found.id,
			);
		expect(await ids('email=filters@example.com')).toEqual([client.id]);
		expect(await ids(`phone=${encodeURIComponent('+442079460001')}`)).toEqual([client.id]);
		expect(await ids('external_user_id=crm-filter')).toEqual([client.id]);
		expect(await ids('tags=Occasion:Proposal')).toEqual([client.id]);
		expect(await ids('tags=proposal')).toEqual([client.id]);
		const updated = String(client.updated);
		expect(await ids(`updated_since=${updated}&email=filters@example.com`)).toEqual([client.id]);
		const later = new Date(Date.parse(`${updated}Z`) + 1000).toISOString().slice(0, 19);
		expect(await ids(`updated_since=${later}&email=filters@example.com`)).toEqual([]);
		expect((await call('GET', '/clients?sort_order=name', { authorization })).status).toBe(400);
	});

	it('reads birthday ranges without the year, and does not wrap December into January', async () => {
		const december = await create({
			email: 'dec@example.com',
			birthday_day: '30',
			birthday_month: '12',
		});
		const january = await create({
			email: 'jan@example.com',
			birthday_day: '2',
			birthday_month: '1',
		});
		const ids = async (query: string) =>
			(await all(`/clients/export?limit=400&${query}`, authorization)).items.map((c) => c.id);
		expect(await ids('birthday_start=1990-12-29&birthday_end=1990-12-31')).toContain(december.id);
		expect(await ids('birthday_start=2024-01-01&birthday_end=2024-01-03')).toContain(january.id);
		expect(await ids('birthday_start=2024-12-29&birthday_end=2025-01-03')).toEqual([]);
	});

	it('lists the most recently updated first with last_updated_descending', async () => {
		const newest = await create({ email: 'newest@example.com' });
		const page = await call('GET', '/clients?sort_order=last_updated_descending&limit=1', {
			authorization,
		});
		expect(page.body.data.results[0].id).toBe(newest.id);
	});
});
