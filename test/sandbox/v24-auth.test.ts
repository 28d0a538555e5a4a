/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling, runs in Node beside n8n, never inside it (Node globals) */
import { DEFAULT_FAULTS } from '../../sandbox/faults';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { sandbox24 } from './helpers24';

/** The 2.4 dialect's authentication and envelopes. */
let sandbox: Sandbox;
const { auth, token, call } = sandbox24(() => sandbox);

beforeAll(async () => {
	sandbox = await startSandbox({ guests: 50, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());
afterEach(() => sandbox.setFaults(DEFAULT_FAULTS));

describe('POST /2_4/auth', () => {
	it('issues an opaque token and its naive UTC expiry, 24 hours on', async () => {
		const answer = await auth();
		expect(answer).toMatchObject({
			status: 200,
			body: { status: 200, msg: 'Successfully authenticated.' },
		});
		const { token: issued, token_expiration_datetime: expiry } = answer.body.data;
		expect(issued).toMatch(/^[0-9a-f]{64}$/);
		expect(expiry).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
		const hours = (Date.parse(`${expiry}Z`) - Date.now()) / 3600_000;
		expect(hours).toBeGreaterThan(23.9);
		expect(hours).toBeLessThanOrEqual(24);
	});

	it('refuses bad credentials 401 and missing ones 400, in {status, msg}', async () => {
		expect(await auth('sandbox-client', 'wrong')).toMatchObject({
			status: 401,
			body: { status: 401, msg: expect.any(String) },
		});
		const missing = await call('POST', '/auth', { form: { client_id: 'sandbox-client' } });
		expect(missing.body).toMatchObject({ status: 400, code: 400, msg: expect.any(String) });
		expect((await call('GET', '/auth')).status).toBe(405);
	});

	it('writes the expiry on the API clock: a skewed server says a skewed time', async () => {
		sandbox.setClock(3 * 3600_000);
		const expiry = (await auth()).body.data.token_expiration_datetime as string;
		expect((Date.parse(`${expiry}Z`) - Date.now()) / 3600_000).toBeGreaterThan(26.9);
	});

	it('fails as tokenFailure says', async () => {
		sandbox.setFaults({ tokenFailure: 'server_error' });
		expect(await auth()).toMatchObject({ status: 500, body: { status: 500 } });
		sandbox.setFaults({ tokenFailure: 'html' });
		expect((await auth()).status).toBe(502);
	});
});

describe('authorization', () => {
	it('takes the raw token, and Bearer <token> too', async () => {
		const issued = await token();
		for (const authorization of [issued, `Bearer ${issued}`]) {
			const answer = await call('GET', '/venues', { authorization });
			expect(answer.status).toBe(200);
			expect(answer.body).toMatchObject({ status: 200, data: { results: expect.any(Array) } });
		}
	});

	it('answers 401 Permission denied without a token, with a bad one, and after revocation', async () => {
		const issued = await token();
		const denied = { status: 401, body: { status: 401, msg: 'Permission denied' } };
		expect(await call('GET', '/venues')).toMatchObject(denied);
		expect(await call('GET', '/venues', { authorization: 'nope' })).toMatchObject(denied);
		sandbox.revokeTokens();
		expect(await call('GET', '/venues', { authorization: issued })).toMatchObject(denied);
		expect((await call('GET', '/venues', { authorization: await token() })).status).toBe(200);
	});

	it('lets a token expire after its configured lifetime', async () => {
		const short = await startSandbox({ guests: 10, rateLimitPerMinute: 0, v24TokenTtlSeconds: 1 });
		try {
			const client = sandbox24(() => short);
			const issued = await client.token();
			expect((await client.call('GET', '/venues', { authorization: issued })).status).toBe(200);
			await new Promise((resolve) => setTimeout(resolve, 1_100));
			expect((await client.call('GET', '/venues', { authorization: issued })).status).toBe(401);
		} finally {
			await short.close();
		}
	});

	it('does not take a 2.4 token on the contract API, nor a contract token on 2.4', async () => {
		const issued = await token();
		const contract = await fetch(`${sandbox.url}/venues`, {
			headers: { Authorization: `Bearer ${issued}` },
		});
		expect(contract.status).toBe(401);
		const oauth = await fetch(`${sandbox.url}/oauth/token`, {
			method: 'POST',
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: 'sandbox-client',
				client_secret: 'sandbox-secret',
			}),
		});
		const jwt = ((await oauth.json()) as { access_token: string }).access_token;
		expect((await call('GET', '/venues', { authorization: jwt })).status).toBe(401);
	});
});

describe('envelopes', () => {
	it('answers unknown paths and methods in {status, msg}, 405 with Allow', async () => {
		const authorization = await token();
		expect(await call('GET', '/menus', { authorization })).toMatchObject({
			status: 404,
			body: { status: 404, msg: expect.any(String) },
		});
		const wrong = await call('DELETE', '/venues', { authorization });
		expect(wrong.status).toBe(405);
		expect(wrong.headers.get('allow')).toBe('GET');
		expect(wrong.body).not.toHaveProperty('errors');
	});
});
