import nock from 'nock';

import { apiRequestAllItems } from '../../nodes/SevenRooms/transport';
import { TEST_BASE_URL, createExecuteContext } from './fakeContext';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('apiRequestAllItems', () => {
	it('follows next_cursor across pages until it is null', async () => {
		const { context } = createExecuteContext({ parameters: {} });
		nock(TEST_BASE_URL)
			.get('/guests')
			.query({ email_opt_in: 'true', limit: '200' })
			.reply(200, { data: [{ id: 1 }, { id: 2 }], pagination: { next_cursor: 'c2', limit: 200 } })
			.get('/guests')
			.query({ email_opt_in: 'true', limit: '200', cursor: 'c2' })
			.reply(200, { data: [{ id: 3 }], pagination: { next_cursor: 'c3', limit: 200 } })
			.get('/guests')
			.query({ email_opt_in: 'true', limit: '200', cursor: 'c3' })
			.reply(200, { data: [{ id: 4 }], pagination: { next_cursor: null, limit: 200 } });
		const guests = await apiRequestAllItems.call(context, '/guests', { email_opt_in: 'true' });
		expect(guests.map((guest) => guest.id)).toEqual([1, 2, 3, 4]);
		expect(nock.isDone()).toBe(true);
	});

	it('asks for no more than the limit and stops once it has enough', async () => {
		const { context } = createExecuteContext({ parameters: {} });
		nock(TEST_BASE_URL)
			.get('/guests')
			.query({ limit: '3' })
			.reply(200, {
				data: [{ id: 1 }, { id: 2 }, { id: 3 }],
				pagination: { next_cursor: 'more', limit: 3 },
			});
		const guests = await apiRequestAllItems.call(context, '/guests', {}, { limit: 3 });
		expect(guests).toHaveLength(3);
		expect(nock.isDone()).toBe(true);
	});

	it('reads past an empty page or two in the middle of a list', async () => {
		const { context } = createExecuteContext({ parameters: {} });
		const page = (data: object[], next: string | null) => ({
			data,
			pagination: { next_cursor: next, limit: 200 },
		});
		nock(TEST_BASE_URL)
			.get('/guests')
			.query({ limit: '200' })
			.reply(200, page([{ id: 1 }], 'c2'))
			.get('/guests')
			.query({ limit: '200', cursor: 'c2' })
			.reply(200, page([], 'c3'))
			.get('/guests')
			.query({ limit: '200', cursor: 'c3' })
			.reply(200, page([], 'c4'))
			.get('/guests')
			.query({ limit: '200', cursor: 'c4' })
			.reply(200, page([{ id: 2 }], null));
		const guests = await apiRequestAllItems.call(context, '/guests');
		expect(guests.map((guest) => guest.id)).toEqual([1, 2]);
	});

	it('tolerates a page without pagination or data', async () => {
		const { context } = createExecuteContext({ parameters: {} });
		nock(TEST_BASE_URL).get('/venues').query(true).reply(200, {});
		await expect(apiRequestAllItems.call(context, '/venues')).resolves.toEqual([]);
	});
});
