/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling, runs in Node beside n8n, never inside it (Node globals) */
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';

/** The sandbox must speak the contract the nodes are tested against: its edges, checked directly. */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({
		guests: 500,
		rateLimitPerMinute: 0,
		cursorTtlSeconds: 1,
		clients: [
			{ clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET },
			{ clientId: 'reader', clientSecret: 'reader-pass', scopes: ['read:guests'] },
		],
	});
});
afterAll(async () => await sandbox.close());

async function token(
	clientId = SANDBOX_CLIENT_ID,
	clientSecret = SANDBOX_CLIENT_SECRET,
	scope?: string,
) {
	const response = await fetch(`${sandbox.url}/oauth/token`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: clientId,
			client_secret: clientSecret,
			...(scope ? { scope } : {}),
		}),
	});
	return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function call(
	method: string,
	path: string,
	{
		bearer,
		body,
		headers = {},
	}: { bearer: string; body?: unknown; headers?: Record<string, string> },
) {
	const response = await fetch(`${sandbox.url}${path}`, {
		method,
		headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json', ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return {
		status: response.status,
		headers: response.headers,
		body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
	};
}

const codeOf = (body: Record<string, unknown>) => (body.errors as Array<{ code: string }>)[0].code;

describe('sandbox contract', () => {
	it('issues tokens for client credentials and refuses bad secrets and scopes', async () => {
		const good = await token();
		expect(good).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 3600 } });
		expect(await token(SANDBOX_CLIENT_ID, 'wrong')).toMatchObject({
			status: 401,
			body: { error: 'invalid_client' },
		});
		expect(await token('reader', 'reader-pass', 'write:guests')).toMatchObject({
			status: 400,
			body: { error: 'invalid_scope' },
		});
	});

	it('answers 401 invalid_token for a revoked token and 403 insufficient_scope outside the scopes', async () => {
		const reader = (await token('reader', 'reader-pass')).body.access_token;
		expect(
			codeOf((await call('POST', '/guests', { bearer: reader, body: { first_name: 'X' } })).body),
		).toBe('insufficient_scope');
		const bearer = (await token()).body.access_token;
		sandbox.revokeTokens();
		const revoked = await call('GET', '/venues', { bearer });
		expect(revoked.status).toBe(401);
		expect(codeOf(revoked.body)).toBe('invalid_token');
	});

	it('pages with opaque cursors that expire', async () => {
		const bearer = (await token()).body.access_token;
		const first = await call('GET', '/guests?limit=2', { bearer });
		const cursor = (first.body.pagination as { next_cursor: string }).next_cursor;
		expect(cursor).toEqual(expect.any(String));
		await new Promise((resolve) => setTimeout(resolve, 1_100));
		const expired = await call('GET', `/guests?limit=2&cursor=${cursor}`, { bearer });
		expect(expired.status).toBe(422);
		expect(codeOf(expired.body)).toBe('invalid_cursor');
		expect(codeOf((await call('GET', '/guests?limit=201', { bearer })).body)).toBe('invalid_field');
	});

	it('replays an Idempotency-Key and refuses its reuse with a different body', async () => {
		const bearer = (await token()).body.access_token;
		const headers = { 'Idempotency-Key': 'contract-key-1' };
		const first = await call('POST', '/guests', {
			bearer,
			headers,
			body: { first_name: 'Once', email: 'once@example.com' },
		});
		const again = await call('POST', '/guests', {
			bearer,
			headers,
			body: { first_name: 'Once', email: 'once@example.com' },
		});
		expect(first.status).toBe(201);
		expect(again.status).toBe(201);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect(again.body).toEqual(first.body);
		const reused = await call('POST', '/guests', {
			bearer,
			headers,
			body: { first_name: 'Other' },
		});
		expect(reused.status).toBe(422);
		expect(codeOf(reused.body)).toBe('idempotency_key_reused');
		expect(
			[...sandbox.state.guests.values()].filter((guest) => guest.email === 'once@example.com'),
		).toHaveLength(1);
	});

	it('rejects phones that are not E.164 and double bookings of a table', async () => {
		const bearer = (await token()).body.access_token;
		const phone = await call('POST', '/guests', {
			bearer,
			body: { first_name: 'P', phone: '415-555-2671' },
		});
		expect(phone.status).toBe(422);
		expect(phone.body.errors).toEqual([
			expect.objectContaining({ code: 'invalid_phone', field: 'phone' }),
		]);
		const table = [...sandbox.state.tables.values()].find(
			(candidate) => candidate.venue_id === 'ven_ldn' && candidate.max_party_size >= 2,
		)!;
		const booking = {
			venue_id: 'ven_ldn',
			party_size: 2,
			start_time: '2028-01-10T19:00:00Z',
			guest_id: 'gst_000001',
			table_ids: [table.id],
		};
		expect((await call('POST', '/reservations', { bearer, body: booking })).status).toBe(201);
		const clash = await call('POST', '/reservations', {
			bearer,
			body: { ...booking, start_time: '2028-01-10T20:00:00Z' },
		});
		expect(clash.status).toBe(409);
		expect(codeOf(clash.body)).toBe('table_unavailable');
	});

	it('limits each client per minute with Retry-After and X-RateLimit headers', async () => {
		sandbox.setRateLimit(3);
		try {
			const bearer = (await token()).body.access_token;
			const answers = [];
			for (let n = 0; n < 4; n++) answers.push(await call('GET', '/venues', { bearer }));
			expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
			expect(answers[2].headers.get('x-ratelimit-remaining')).toBe('0');
			expect(Number(answers[3].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
			expect(answers[3].headers.get('x-ratelimit-limit')).toBe('3');
		} finally {
			sandbox.setRateLimit(0);
		}
	});
});
