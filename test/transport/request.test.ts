/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling, runs in Node beside n8n, never inside it (Node globals) */
import nock from 'nock';
import { NodeApiError } from 'n8n-workflow';

import { apiRequest, retryPolicy } from '../../nodes/SevenRooms/transport';
import { TEST_BASE_URL, SENTINEL_CLIENT_VALUE, createExecuteContext } from './fakeContext';

const defaults = { ...retryPolicy };

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	jest.useRealTimers();
	Object.assign(retryPolicy, defaults);
});
afterAll(() => nock.enableNetConnect());

/** Lets real I/O (nock's replies) run while timers are fake, until `done` holds. */
async function settle(done: () => boolean = () => false) {
	for (let i = 0; i < 2_000 && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
}

/** The transport logs before every wait: the request has been answered and the timer is set. */
const waiting = (logs: unknown[][]) => () =>
	logs.some(([message]) => String(message).includes('retrying'));

/** What a dropped connection looks like to the HTTP client. */
const connectionReset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

function fastRetries() {
	Object.assign(retryPolicy, {
		backoffBaseMs: 1,
		backoffMaxMs: 5,
		unavailableMinMs: 1,
		unavailableMaxMs: 5,
		rateLimitedFallbackMs: 1,
		rateLimitedMinMs: 1,
	});
}

describe('apiRequest', () => {
	it('sends the bearer token and the query, and returns the body', async () => {
		const { context } = createExecuteContext({ parameters: {} });
		const scope = nock(TEST_BASE_URL, { reqheaders: { authorization: 'Bearer token-1' } })
			.get('/guests')
			.query({ 'updated_at[gte]': '2026-11-23T10:00:00Z', limit: '5' })
			.reply(200, { data: [{ id: 'g1' }], pagination: { next_cursor: null, limit: 5 } });
		const body = await apiRequest.call(context, 'GET', '/guests', {
			qs: { 'updated_at[gte]': '2026-11-23T10:00:00Z', limit: 5 },
		});
		expect(body?.data).toEqual([{ id: 'g1' }]);
		expect(scope.isDone()).toBe(true);
	});

	it('fetches a new token once on 401 and retries with it', async () => {
		const { context, tokens } = createExecuteContext({ parameters: {} });
		nock(TEST_BASE_URL, { reqheaders: { authorization: 'Bearer token-1' } })
			.get('/venues')
			.reply(401, { errors: [{ code: 'invalid_token', message: 'Token expired' }] });
		nock(TEST_BASE_URL, { reqheaders: { authorization: 'Bearer token-2' } })
			.get('/venues')
			.reply(200, { data: [] });
		await expect(apiRequest.call(context, 'GET', '/venues')).resolves.toEqual({ data: [] });
		expect(tokens).toEqual(['token-1', 'token-2']);
	});

	it('gives up after one refresh when the new token is rejected too', async () => {
		const { context, tokens } = createExecuteContext({ parameters: {} });
		nock(TEST_BASE_URL)
			.get('/venues')
			.times(2)
			.reply(401, { errors: [{ code: 'invalid_token', message: 'Token revoked' }] });
		const error = await apiRequest.call(context, 'GET', '/venues').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('401');
		expect((error as NodeApiError).message).toContain('Token revoked');
		expect(tokens).toHaveLength(2);
	});

	it('waits as long as Retry-After says on 429', async () => {
		jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
		const { context, logs } = createExecuteContext({ parameters: {} });
		nock(TEST_BASE_URL)
			.get('/guests')
			.reply(
				429,
				{ errors: [{ code: 'rate_limited', message: 'Slow down' }] },
				{ 'Retry-After': '7' },
			);
		const retried = nock(TEST_BASE_URL).get('/guests').reply(200, { data: [] });
		const result = apiRequest.call(context, 'GET', '/guests');
		await settle(waiting(logs));
		await jest.advanceTimersByTimeAsync(6_900);
		await settle();
		expect(retried.isDone()).toBe(false);
		await jest.advanceTimersByTimeAsync(200);
		await settle(() => retried.isDone());
		await expect(result).resolves.toEqual({ data: [] });
		expect(retried.isDone()).toBe(true);
	});

	it('waits 30 to 60 seconds on a 503 without Retry-After', async () => {
		jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
		const { context, logs } = createExecuteContext({ parameters: {} });
		nock(TEST_BASE_URL)
			.get('/venues')
			.reply(503, { errors: [{ code: 'unavailable', message: 'Busy' }] });
		const retried = nock(TEST_BASE_URL).get('/venues').reply(200, { data: [] });
		const result = apiRequest.call(context, 'GET', '/venues');
		await settle(waiting(logs));
		await jest.advanceTimersByTimeAsync(29_900);
		await settle();
		expect(retried.isDone()).toBe(false);
		await jest.advanceTimersByTimeAsync(30_200);
		await settle(() => retried.isDone());
		await expect(result).resolves.toEqual({ data: [] });
	});

	it('retries a connection reset with backoff', async () => {
		fastRetries();
		const { context } = createExecuteContext({ parameters: {} });
		nock(TEST_BASE_URL).get('/venues').replyWithError(connectionReset());
		nock(TEST_BASE_URL)
			.get('/venues')
			.reply(200, { data: [{ id: 'v1' }] });
		await expect(apiRequest.call(context, 'GET', '/venues')).resolves.toEqual({
			data: [{ id: 'v1' }],
		});
	});

	it('never retries a 422 and reports the errors array with the field', async () => {
		fastRetries();
		const { context } = createExecuteContext({ parameters: {} });
		const scope = nock(TEST_BASE_URL)
			.post('/reservations')
			.once()
			.reply(422, {
				errors: [
					{
						code: 'exceeds_capacity',
						message: 'Party of 9 exceeds table capacity 6',
						field: 'party_size',
					},
				],
			});
		const error = (await apiRequest
			.call(context, 'POST', '/reservations', { body: { party_size: 9 }, itemIndex: 3 })
			.catch((e: unknown) => e)) as NodeApiError;
		expect(scope.isDone()).toBe(true);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('422');
		expect(error.message).toContain('Party of 9 exceeds table capacity 6');
		expect(error.description).toContain('exceeds_capacity (field "party_size")');
		expect(error.context.itemIndex).toBe(3);
		expect(error.context.errors).toEqual([
			{
				code: 'exceeds_capacity',
				message: 'Party of 9 exceeds table capacity 6',
				field: 'party_size',
			},
		]);
	});

	it('keeps the same Idempotency-Key on every retry of a create', async () => {
		fastRetries();
		const { context } = createExecuteContext({ parameters: {} });
		const keys: string[] = [];
		const record = function (this: { req: { headers: Record<string, string> } }) {
			keys.push(this.req.headers['idempotency-key']);
		};
		nock(TEST_BASE_URL)
			.post('/guests')
			.reply(function () {
				record.call(this);
				return [
					503,
					{ errors: [{ code: 'unavailable', message: 'Busy' }] },
					{ 'Retry-After': '0' },
				];
			});
		nock(TEST_BASE_URL)
			.post('/guests')
			.reply(function () {
				record.call(this);
				return [500, { errors: [{ code: 'internal', message: 'Oops' }] }];
			});
		nock(TEST_BASE_URL)
			.post('/guests')
			.reply(function () {
				record.call(this);
				return [201, { data: { id: 'g9' } }];
			});
		await expect(
			apiRequest.call(context, 'POST', '/guests', {
				body: { email: 'a@b.co' },
				idempotencyKey: 'evt_123',
			}),
		).resolves.toEqual({ data: { id: 'g9' } });
		expect(keys).toEqual(['evt_123', 'evt_123', 'evt_123']);
	});

	it('stops after the last attempt and says it was unavailable', async () => {
		fastRetries();
		const { context } = createExecuteContext({ parameters: {} });
		nock(TEST_BASE_URL)
			.get('/venues')
			.times(retryPolicy.maxAttempts)
			.reply(
				503,
				{ errors: [{ code: 'unavailable', message: 'Heavy load' }] },
				{ 'Retry-After': '0' },
			);
		const error = (await apiRequest
			.call(context, 'GET', '/venues')
			.catch((e: unknown) => e)) as NodeApiError;
		expect(error.httpCode).toBe('503');
		expect(error.message).toContain('Heavy load');
		expect(nock.isDone()).toBe(true);
	});

	it('treats a 404 on a retried DELETE whose first answer was lost as deleted', async () => {
		fastRetries();
		const { context } = createExecuteContext({ parameters: {} });
		nock(TEST_BASE_URL).delete('/guests/g1').replyWithError(connectionReset());
		nock(TEST_BASE_URL)
			.delete('/guests/g1')
			.reply(404, { errors: [{ code: 'not_found', message: 'No guest' }] });
		await expect(apiRequest.call(context, 'DELETE', '/guests/g1')).resolves.toBeUndefined();
	});

	it('keeps the token and the client secret out of errors and logs', async () => {
		fastRetries();
		const { context, logs } = createExecuteContext({ parameters: {} });
		nock(TEST_BASE_URL)
			.get('/venues')
			.times(retryPolicy.maxAttempts)
			.replyWithError(connectionReset());
		const error = (await apiRequest
			.call(context, 'GET', '/venues')
			.catch((e: unknown) => e)) as NodeApiError;
		expect(error.message).toBe('Could not reach SevenRooms after 6 attempts');
		expect(error.description).toContain('network error ECONNRESET');
		const everything = JSON.stringify({
			error,
			message: error.message,
			description: error.description,
			cause: error.cause,
			logs,
		});
		expect(everything).not.toContain('token-1');
		expect(everything).not.toContain(SENTINEL_CLIENT_VALUE);
	});
});
