/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling, runs in Node beside n8n, never inside it (Node globals) */
import { DEFAULT_FAULTS } from '../../sandbox/faults';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { sandbox24 } from './helpers24';

/** 2.4 pages: limits, each route's end of list, cursors, and the search cap. */
let sandbox: Sandbox;
let authorization: string;
const { token, call, all } = sandbox24(() => sandbox);
const EVER = 'from_date=2000-01-01&to_date=2100-01-01';

beforeAll(async () => {
	sandbox = await startSandbox({ guests: 120, rateLimitPerMinute: 0 });
	authorization = await token();
});
afterAll(async () => await sandbox.close());
afterEach(() => sandbox.setFaults(DEFAULT_FAULTS));

const ids = (items: Array<Record<string, unknown>>) => items.map((item) => item.id);

describe('limit', () => {
	it('defaults to 30, clamps to 1–400 and says which it used (a string on client search)', async () => {
		const page = async (path: string) => (await call('GET', path, { authorization })).body.data;
		expect(await page(`/reservations?${EVER}`)).toMatchObject({ limit: 30 });
		expect((await page('/clients/export')).results).toHaveLength(30);
		expect(await page(`/reservations?${EVER}&limit=1000`)).toMatchObject({ limit: 400 });
		expect(await page(`/reservations?${EVER}&limit=0`)).toMatchObject({ limit: 1 });
		expect(await page('/clients')).toMatchObject({ limit: '30' });
		expect(await page('/clients/export')).toMatchObject({ limit: 30 });
		const bad = await call('GET', '/clients?limit=many', { authorization });
		expect(bad.body).toMatchObject({ status: 400, code: 400 });
	});
});

describe('end of list, per route', () => {
	it('GET /clients: the last page says cursor ""', async () => {
		const { items, pages } = await all('/clients?limit=50', authorization);
		expect(items).toHaveLength(120);
		expect(pages.map((page) => page.cursor === '')).toEqual([false, false, true]);
	});

	it('GET /clients/export: every page with results has a cursor; the empty page repeats it', async () => {
		const { items, pages } = await all('/clients/export?limit=60', authorization);
		expect(items).toHaveLength(120);
		expect(pages).toHaveLength(3);
		expect(pages[2]).toEqual({ cursor: pages[1].cursor, limit: 60, results: [] });
		expect(new Set(ids(items)).size).toBe(120);
	});

	it('GET /reservations: the last page has no cursor key', async () => {
		const { items, pages } = await all(`/reservations?${EVER}&limit=7`, authorization);
		expect(items).toHaveLength(sandbox.state.reservations.size);
		expect(pages.at(-1)).not.toHaveProperty('cursor');
		expect(pages.slice(0, -1).every((page) => typeof page.cursor === 'string')).toBe(true);
	});

	it('GET /reservations/export: the last page says cursor null', async () => {
		const { items, pages } = await all(`/reservations/export?${EVER}&limit=7`, authorization);
		expect(items).toHaveLength(sandbox.state.reservations.size);
		expect(pages.at(-1)).toHaveProperty('cursor', null);
	});

	it('GET /waitlist: integer cursors, then an empty page with cursor null', async () => {
		const { items, pages } = await all(
			'/waitlist?venue_id=ven_nyc&limit=10',
			authorization,
			'waitlist_entries',
		);
		expect(items).toHaveLength(24);
		expect(pages.map((page) => page.cursor)).toEqual([10, 20, 24, null]);
		expect(pages[3]).toEqual({
			venue_id: 'ven_nyc',
			cursor: null,
			limit: 10,
			waitlist_entries: [],
		});
	});

	it('GET /venues: one page, cursor null', async () => {
		const { pages } = await all('/venues', authorization);
		expect(pages).toEqual([expect.objectContaining({ cursor: null })]);
	});
});

describe('cursors', () => {
	it('are base64 starting +/+/, so one sent back without URL-encoding fails', async () => {
		const first = await call('GET', '/clients?limit=5', { authorization });
		const cursor = first.body.data.cursor as string;
		expect(cursor.startsWith('+/+/')).toBe(true);
		const raw = await call('GET', `/clients?limit=5&cursor=${cursor}`, { authorization });
		expect(raw.body).toEqual({ status: 400, code: 400, msg: 'Invalid cursor' });
		const encoded = await call('GET', `/clients?limit=5&cursor=${encodeURIComponent(cursor)}`, {
			authorization,
		});
		expect(encoded.status).toBe(200);
	});

	it('belong to their filters and expire', async () => {
		const first = await call('GET', '/clients?limit=5&tags=vip', { authorization });
		const cursor = encodeURIComponent(first.body.data.cursor as string);
		expect((await call('GET', `/clients?limit=5&cursor=${cursor}`, { authorization })).status).toBe(
			400,
		);
		const brief = await startSandbox({ guests: 20, rateLimitPerMinute: 0, cursorTtlSeconds: 1 });
		try {
			const client = sandbox24(() => brief);
			const briefToken = await client.token();
			const page = await client.call('GET', '/clients?limit=2', { authorization: briefToken });
			await new Promise((resolve) => setTimeout(resolve, 1_100));
			const late = await client.call(
				'GET',
				`/clients?limit=2&cursor=${encodeURIComponent(page.body.data.cursor as string)}`,
				{ authorization: briefToken },
			);
			expect(late.body).toMatchObject({ status: 400, msg: 'Cursor has expired' });
		} finally {
			await brief.close();
		}
	});
});

describe('the search cap', () => {
	it('ends GET /clients silently at the cap; the export has none', async () => {
		sandbox.setFaults({ v24SearchCap: 25 });
		const search = await all('/clients?limit=10', authorization);
		expect(search.items).toHaveLength(25);
		expect(search.pages.map((page) => page.cursor === '')).toEqual([false, false, true]);
		expect((await all('/clients/export?limit=10', authorization)).items).toHaveLength(120);
	});

	it('in error mode, answers 400 for the page past the cap', async () => {
		sandbox.setFaults({ v24SearchCap: 20, v24SearchCapMode: 'error' });
		const first = await call('GET', '/clients?limit=20', { authorization });
		const cursor = encodeURIComponent(first.body.data.cursor as string);
		const past = await call('GET', `/clients?limit=20&cursor=${cursor}`, { authorization });
		expect(past.body).toMatchObject({
			status: 400,
			code: 400,
			msg: expect.stringMatching(/Export/),
		});
	});

	it('caps /reservations/export (the vendor\'s "Search"), or /reservations when told', async () => {
		sandbox.setFaults({ v24SearchCap: 12 });
		const count = async (path: string) =>
			(await all(`${path}?${EVER}&limit=5`, authorization)).items.length;
		expect(await count('/reservations/export')).toBe(12);
		expect(await count('/reservations')).toBe(sandbox.state.reservations.size);
		sandbox.setFaults({ v24CappedReservations: '/reservations' });
		expect(await count('/reservations')).toBe(12);
		expect(await count('/reservations/export')).toBe(sandbox.state.reservations.size);
	});

	it('is 4000 by default', async () => {
		const big = await startSandbox({ guests: 4100, rateLimitPerMinute: 0 });
		try {
			const client = sandbox24(() => big);
			const bigToken = await client.token();
			expect((await client.all('/clients?limit=400', bigToken)).items).toHaveLength(4000);
			expect((await client.all('/clients/export?limit=400', bigToken)).items).toHaveLength(4100);
		} finally {
			await big.close();
		}
	});
});
