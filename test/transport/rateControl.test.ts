import type { IDataObject, IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { apiRequest, retryPolicy } from '../../nodes/SevenRooms/transport';
import { configuredLimit } from '../../nodes/SevenRooms/transport/rateControl';

/**
 * An API with a sliding 60 s limit, answering in-process: enough to watch the pace a client
 * settles on over many simulated minutes.
 */
function limitedApi(limit: number, { rateHeaders = true, retryAfter = true } = {}) {
	const accepted: number[] = [];
	const answers = { ok: 0, refused: 0 };
	return {
		answers,
		answer(): IN8nHttpFullResponse {
			const now = Date.now();
			while (accepted.length && accepted[0] <= now - 60_000) accepted.shift();
			const resetSeconds = accepted.length ? Math.ceil((accepted[0] + 60_000 - now) / 1000) : 0;
			const headers: IDataObject = {};
			if (accepted.length >= limit) {
				answers.refused++;
				if (rateHeaders) {
					Object.assign(headers, {
						'x-ratelimit-limit': String(limit),
						'x-ratelimit-remaining': '0',
					});
					headers['x-ratelimit-reset'] = String(resetSeconds);
				}
				if (retryAfter) headers['retry-after'] = String(resetSeconds);
				return {
					statusCode: 429,
					headers,
					body: { errors: [{ code: 'rate_limited', message: 'Slow down' }] },
				};
			}
			accepted.push(now);
			answers.ok++;
			if (rateHeaders) {
				Object.assign(headers, {
					'x-ratelimit-limit': String(limit),
					'x-ratelimit-remaining': String(limit - accepted.length),
					'x-ratelimit-reset': String(resetSeconds),
				});
			}
			return { statusCode: 200, headers, body: { data: [] } };
		},
	};
}

let clients = 0;

/** A node run whose HTTP goes to `api`, with the credential's Requests per Minute. */
function contextFor(
	api: ReturnType<typeof limitedApi>,
	requestsPerMinute: unknown,
): IExecuteFunctions {
	const credentialId = `rate-${++clients}`;
	return {
		getNode: () => ({
			id: 'n',
			name: 'SevenRooms',
			type: 'n8n-nodes-sevenrooms.sevenRooms',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			credentials: { sevenRoomsOAuth2Api: { id: credentialId, name: 'SevenRooms' } },
		}),
		getCredentials: async () => ({
			apiBaseUrl: 'https://sr.test',
			clientId: 'shared-client',
			rateLimitPerMinute: requestsPerMinute,
		}),
		getExecutionCancelSignal: () => undefined,
		logger: { debug: () => undefined, warn: () => undefined },
		helpers: {
			httpRequestWithAuthentication: async () => api.answer(),
			refreshOAuth2Token: async () => undefined,
		},
	} as unknown as IExecuteFunctions;
}

/** Runs `count` requests one after another per context, in fake time; returns simulated ms. */
async function runSequentially(contexts: IExecuteFunctions[], count: number): Promise<number> {
	const started = Date.now();
	let finished = 0;
	const workers = contexts.map(async (context) => {
		for (let n = 0; n < count; n++) await apiRequest.call(context, 'GET', '/guests');
		finished++;
	});
	while (finished < contexts.length) await jest.advanceTimersByTimeAsync(1_000);
	await Promise.all(workers);
	return Date.now() - started;
}

describe('rate control against an API limited below the setting', () => {
	beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-24T10:00:00Z') }));
	afterEach(() => {
		jest.useRealTimers();
		Object.assign(retryPolicy, { rateLimitBudgetMs: 10 * 60_000 });
	});

	it.each([
		['with rate-limit headers', { rateHeaders: true, retryAfter: true }],
		['with Retry-After only', { rateHeaders: false, retryAfter: true }],
		['with bare 429s', { rateHeaders: false, retryAfter: false }],
	])('settles on the API’s 30 a minute (setting 120) %s: ≤ 10 %% 429s', async (_label, api) => {
		const server = limitedApi(30, api);
		const ms = await runSequentially([contextFor(server, 120)], 200);
		expect(server.answers.ok).toBe(200);
		expect(server.answers.refused).toBeLessThanOrEqual(20);
		// And it does not crawl: 200 requests at 30 a minute take about 6.7 minutes.
		expect(ms).toBeLessThan(12 * 60_000);
	});

	it('has no 429 at all when the setting is the API’s limit', async () => {
		const server = limitedApi(30);
		await runSequentially([contextFor(server, 30)], 100);
		expect(server.answers).toEqual({ ok: 100, refused: 0 });
	});

	it('keeps two queue-mode workers sharing one client inside its budget through the headers', async () => {
		const server = limitedApi(30);
		await runSequentially([contextFor(server, 120), contextFor(server, 120)], 100);
		expect(server.answers.ok).toBe(200);
		expect(server.answers.refused).toBeLessThanOrEqual(20);
	});

	it('waits out 429s on time, not on an attempt count, and gives up after the budget', async () => {
		Object.assign(retryPolicy, { rateLimitBudgetMs: 5 * 60_000 });
		// Retry-After: 0 on every answer must neither spin nor escape the budget.
		const server = limitedApi(0, { rateHeaders: false, retryAfter: true });
		const context = contextFor(server, 120);
		const outcome = apiRequest.call(context, 'GET', '/guests').catch((error: Error) => error);
		let settled: unknown;
		void outcome.then((value) => (settled = value));
		for (let minute = 0; minute < 4 && settled === undefined; minute++) {
			await jest.advanceTimersByTimeAsync(60_000);
		}
		// Far more than 6 attempts, about one a second, and still waiting inside the budget.
		expect(settled).toBeUndefined();
		expect(server.answers.refused).toBeGreaterThan(6);
		expect(server.answers.refused).toBeLessThanOrEqual(4 * 60 + 1);
		for (let minute = 0; minute < 4 && settled === undefined; minute++) {
			await jest.advanceTimersByTimeAsync(60_000);
		}
		expect((settled as Error)?.message).toBe('SevenRooms rate limit reached');
	});
});

describe('the Requests per Minute setting', () => {
	it('is at least 1, and nothing usable means no fixed cap rather than a stall', () => {
		expect(configuredLimit(0.5)).toBe(1);
		expect(configuredLimit(120.7)).toBe(120);
		expect(configuredLimit(0)).toBeUndefined();
		expect(configuredLimit(-5)).toBeUndefined();
		expect(configuredLimit('abc')).toBeUndefined();
		expect(configuredLimit(Number.NaN)).toBeUndefined();
	});
});
