import { DEFAULT_FAULTS } from '../../sandbox/faults';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { codeOf, rateLimitOf, sandboxHttp } from './helpers';

/** Each knob the client's robustness tests turn, proven to do what it says. */
let sandbox: Sandbox;
const { token, bearer, call } = sandboxHttp(() => sandbox);

beforeAll(async () => {
	sandbox = await startSandbox({ guests: 300, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());
afterEach(() => {
	sandbox.setFaults(DEFAULT_FAULTS);
	sandbox.setRateLimit(0);
});

describe('answers', () => {
	it('sends JSON with its Content-Type, and a JSON 404/405 for unknown paths and methods', async () => {
		const token = await bearer();
		const venues = await call('GET', '/venues', { bearer: token });
		expect(venues.headers.get('content-type')).toBe('application/json');
		expect(venues.body.data).toHaveLength(3);

		const unknown = await call('GET', '/menus', { bearer: token });
		expect(unknown.status).toBe(404);
		expect(codeOf(unknown.body)).toBe('not_found');

		const head = await call('HEAD', '/venues', { bearer: token });
		expect(head.status).toBe(405);
		expect(head.headers.get('content-type')).toBe('application/json');
		expect(head.headers.get('allow')).toBe('GET');

		const put = await call('PUT', '/guests/gst_000001', { bearer: token, body: {} });
		expect(put.status).toBe(405);
		expect(codeOf(put.body)).toBe('method_not_allowed');
		expect(put.headers.get('allow')).toBe('GET, PATCH, DELETE');

		const malformed = await call('GET', '/guests/%E0%A4%A', { bearer: token });
		expect(malformed.status).toBe(400);
		expect(codeOf(malformed.body)).toBe('bad_request');

		const tokenGet = await call('GET', '/oauth/token');
		expect(tokenGet.status).toBe(405);
		expect(tokenGet.headers.get('content-type')).toBe('application/json');
	});
});

describe('rate limit headers', () => {
	it('reports limit, remaining and seconds until a request frees on every API answer', async () => {
		const token = await bearer();
		sandbox.setRateLimit(5);
		const first = await call('GET', '/venues', { bearer: token });
		expect(rateLimitOf(first.headers)).toMatchObject({ limit: 5, remaining: 4 });
		expect(rateLimitOf(first.headers).reset).toBeGreaterThanOrEqual(59);

		// Errors carry them too: not found, bad body, missing scope or token, injected faults.
		const notFound = await call('GET', '/guests/gst_999999', { bearer: token });
		expect(rateLimitOf(notFound.headers)).toMatchObject({ limit: 5, remaining: 3 });
		const unauthenticated = await call('GET', '/venues', { bearer: 'not-a-token' });
		expect(unauthenticated.status).toBe(401);
		expect(rateLimitOf(unauthenticated.headers).limit).toBe(5);
		sandbox.setFaults({ unavailableFraction: 1 });
		const unavailable = await call('GET', '/venues', { bearer: token });
		expect(unavailable.status).toBe(503);
		expect(rateLimitOf(unavailable.headers)).toMatchObject({ limit: 5, remaining: 3 });
		sandbox.setFaults({ unavailableFraction: 0 });

		for (let n = 0; n < 3; n++) await call('GET', '/venues', { bearer: token });
		const limited = await call('GET', '/venues', { bearer: token });
		expect(limited.status).toBe(429);
		const headers = rateLimitOf(limited.headers);
		expect(headers).toMatchObject({ limit: 5, remaining: 0 });
		// Seconds, not a unix time: the window frees its oldest request within the minute.
		expect(headers.reset).toBeGreaterThanOrEqual(59);
		expect(headers.reset).toBeLessThanOrEqual(60);
		expect(Number(limited.headers.get('retry-after'))).toBe(headers.reset);
	});

	it('lets exactly the limit through when requests arrive at once, and slides its window', async () => {
		const token = await bearer();
		sandbox.setRateLimit(10);
		const answers = await Promise.all(
			Array.from({ length: 40 }, () => call('GET', '/venues', { bearer: token })),
		);
		const passed = answers.filter((answer) => answer.status === 200);
		expect(passed).toHaveLength(10);
		expect(answers.filter((answer) => answer.status === 429)).toHaveLength(30);
		expect(passed.map((answer) => rateLimitOf(answer.headers).remaining).sort()).toEqual([
			0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
		]);
		// Raising the limit frees requests at once; the window still holds the ten that passed.
		sandbox.setRateLimit(12);
		const more = await call('GET', '/venues', { bearer: token });
		expect(more.status).toBe(200);
		expect(rateLimitOf(more.headers)).toMatchObject({ limit: 12, remaining: 1 });
	});

	it('sends huge Retry-After values verbatim, and can fix the limiter’s own', async () => {
		const token = await bearer();
		for (const seconds of [86400, 2592000]) {
			sandbox.setFaults({ retryAfterSeconds: seconds, unavailableFraction: 1 });
			const unavailable = await call('GET', '/venues', { bearer: token });
			expect([unavailable.status, unavailable.headers.get('retry-after')]).toEqual([
				503,
				String(seconds),
			]);
			sandbox.setFaults({ unavailableFraction: 0, rateLimitedFraction: 1 });
			const limited = await call('GET', '/venues', { bearer: token });
			expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, String(seconds)]);
			sandbox.setFaults({ rateLimitedFraction: 0 });
		}
		sandbox.setFaults({ rateLimitRetryAfterSeconds: 86400 });
		sandbox.setRateLimit(1);
		await call('GET', '/venues', { bearer: token });
		const limited = await call('GET', '/venues', { bearer: token });
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('86400');
		expect(rateLimitOf(limited.headers).reset).toBeLessThanOrEqual(60);
	});

	it('can hide the X-RateLimit headers (a proxy) and the Retry-After of 429s', async () => {
		const token = await bearer();
		sandbox.setFaults({ rateLimitHeaders: false });
		sandbox.setRateLimit(1);
		const ok = await call('GET', '/venues', { bearer: token });
		const limited = await call('GET', '/venues', { bearer: token });
		expect([ok.status, limited.status]).toEqual([200, 429]);
		for (const answer of [ok, limited])
			expect([...answer.headers.keys()].filter((name) => name.startsWith('x-ratelimit'))).toEqual(
				[],
			);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

		sandbox.setFaults({ retryAfterOnRateLimit: false });
		expect((await call('GET', '/venues', { bearer: token })).headers.has('retry-after')).toBe(
			false,
		);
		sandbox.setRateLimit(0);
		sandbox.setFaults({ rateLimitedFraction: 1 });
		const injected = await call('GET', '/venues', { bearer: token });
		expect(injected.status).toBe(429);
		expect(injected.headers.has('retry-after')).toBe(false);
	});
});

describe('repeatCursor', () => {
	it('answers every page with the same non-null next_cursor', async () => {
		const token = await bearer();
		sandbox.setFaults({ repeatCursor: true });
		const first = await call('GET', '/guests?limit=2', { bearer: token });
		const cursor = first.body.pagination.next_cursor as string;
		expect(cursor).toEqual(expect.any(String));
		const seen = [first.body.data.map((guest: { id: string }) => guest.id)];
		for (let page = 0; page < 3; page++) {
			const next = await call('GET', `/guests?limit=2&cursor=${cursor}`, { bearer: token });
			expect(next.body.pagination.next_cursor).toBe(cursor);
			seen.push(next.body.data.map((guest: { id: string }) => guest.id));
		}
		expect(seen[2]).toEqual(seen[1]);
		expect(seen[3]).toEqual(seen[1]);
		// Even a list that fits one page never ends.
		const venues = await call('GET', '/venues?limit=200', { bearer: token });
		expect(venues.body.pagination.next_cursor).toEqual(expect.any(String));
	});
});

describe('proxy pages', () => {
	it('answers authenticated requests 200 text/html, or 502 text/html, and processes nothing', async () => {
		const token = await bearer();
		sandbox.setFaults({ htmlFraction: 1 });
		const page = await call('POST', '/guests', {
			bearer: token,
			body: { first_name: 'Html', email: 'html@example.com' },
		});
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toBe('text/html');
		expect(page.text).toMatch(/^<!DOCTYPE html>/);
		expect([...sandbox.state.guests.values()].some((guest) => guest.first_name === 'Html')).toBe(
			false,
		);
		// Authentication comes first: a bad token still gets the API's JSON 401.
		expect((await call('GET', '/venues', { bearer: 'bad' })).status).toBe(401);

		sandbox.setFaults({ htmlFraction: 0, htmlErrorFraction: 1 });
		const gateway = await call('GET', '/venues', { bearer: token });
		expect(gateway.status).toBe(502);
		expect(gateway.headers.get('content-type')).toBe('text/html');
		expect(gateway.text).toContain('502 Bad Gateway');
		expect(sandbox.stats.faultsInjected).toMatchObject({ html: 1, html_error: 1 });
	});
});

describe('tokenFailure', () => {
	it('fails the token endpoint with a JSON 500 or an HTML 502 until it is cleared', async () => {
		const old = await bearer();
		sandbox.revokeTokens();
		expect(codeOf((await call('GET', '/venues', { bearer: old })).body)).toBe('invalid_token');

		sandbox.setFaults({ tokenFailure: 'server_error' });
		const failed = await token();
		expect(failed.status).toBe(500);
		expect(failed.headers.get('content-type')).toBe('application/json');
		expect(JSON.parse(failed.text)).toMatchObject({ error: 'server_error' });

		sandbox.setFaults({ tokenFailure: 'html' });
		const html = await token();
		expect(html.status).toBe(502);
		expect(html.headers.get('content-type')).toBe('text/html');

		sandbox.setFaults({ tokenFailure: null });
		expect((await call('GET', '/venues', { bearer: await bearer() })).status).toBe(200);
	});
});
