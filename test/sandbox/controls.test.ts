/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node modules and dev packages) */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { DEFAULT_FAULTS } from '../../sandbox/faults';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { sandboxHttp } from './helpers';

/** The sandbox's clock, guest touches, subscriptions and control endpoint do what they say. */
let sandbox: Sandbox;
const { bearer, call } = sandboxHttp(() => sandbox);

beforeAll(async () => {
	sandbox = await startSandbox({ guests: 300, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());
afterEach(() => {
	sandbox.setFaults(DEFAULT_FAULTS);
	sandbox.setRateLimit(0);
});

describe('clock skew', () => {
	async function receiver() {
		const deliveries: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
		const server = http.createServer((request, response) => {
			let body = '';
			request.on('data', (chunk: Buffer) => (body += chunk.toString()));
			request.on('end', () => {
				deliveries.push({ headers: request.headers, body });
				response.writeHead(204).end();
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
		return { url, deliveries, close: () => new Promise((resolve) => server.close(resolve)) };
	}

	it('dates what the API writes, its events and its Date header by real time plus the skew', async () => {
		const hook = await receiver();
		try {
			const token = await bearer();
			await call('POST', '/webhooks', {
				bearer: token,
				body: { url: hook.url, events: ['guest.created'] },
			});
			const skew = 3 * 3600_000;
			sandbox.setClock(skew);
			// Between the clock before and after the request, skewed (the Date header's whole seconds
			// a second earlier): however long the request took on a busy machine.
			const before = Date.now() + skew;
			const created = await call('POST', '/guests', {
				bearer: token,
				body: { first_name: 'Skewed', email: 'skewed@example.com' },
			});
			const after = Date.now() + skew;
			expect(Date.parse(created.body.data.created_at)).toBeGreaterThanOrEqual(before);
			expect(Date.parse(created.body.data.created_at)).toBeLessThanOrEqual(after);
			expect(Date.parse(created.headers.get('date')!)).toBeGreaterThan(before - 1_000);
			await sandbox.flushWebhooks();
			const event = JSON.parse(hook.deliveries[0].body) as { created_at: string };
			expect(Date.parse(event.created_at)).toBeGreaterThanOrEqual(before);
			const signedAt = Number(
				/t=(\d+)/.exec(String(hook.deliveries[0].headers['x-sevenrooms-signature']))![1],
			);
			expect(signedAt * 1000).toBeGreaterThan(before - 1_000);

			// Tokens, cursors and the limiter keep real time: nothing expired three hours early.
			const page = await call('GET', '/guests?limit=1', { bearer: token });
			const next = await call('GET', `/guests?limit=1&cursor=${page.body.pagination.next_cursor}`, {
				bearer: token,
			});
			expect(next.status).toBe(200);
			sandbox.setClock(-skew);
			expect((await call('GET', '/venues', { bearer: token })).status).toBe(200);
		} finally {
			sandbox.state.webhooks.clear();
			await hook.close();
		}
	});

	it('composes with the data clock: `now` plus the skew, from the seed on', async () => {
		const frozen = new Date('2030-06-01T12:00:00Z');
		const skewed = await startSandbox({
			guests: 20,
			rateLimitPerMinute: 0,
			now: () => frozen,
			clockSkewMs: 60_000,
		});
		try {
			const client = sandboxHttp(() => skewed);
			const answer = await client.call('GET', '/venues', { bearer: await client.bearer() });
			expect(answer.headers.get('date')).toBe('Sat, 01 Jun 2030 12:01:00 GMT');
			// Seeded three years before the API's clock.
			expect(answer.body.data[0].created_at).toBe('2027-06-01T12:01:00.000Z');
		} finally {
			await skewed.close();
		}
	});
});

describe('touchGuest', () => {
	it('dates a guest in the future and moves it to the end of the list', async () => {
		const token = await bearer();
		const touched = sandbox.touchGuest('gst_000001', '2099-01-01T00:00:00Z');
		expect(touched.updated_at).toBe('2099-01-01T00:00:00Z');
		const ids: string[] = [];
		let cursor: string | null = null;
		do {
			const page = await call('GET', `/guests?limit=200${cursor ? `&cursor=${cursor}` : ''}`, {
				bearer: token,
			});
			ids.push(...page.body.data.map((guest: { id: string }) => guest.id));
			cursor = page.body.pagination.next_cursor as string | null;
		} while (cursor);
		expect(ids[ids.length - 1]).toBe('gst_000001');

		const control = await fetch(`${sandbox.url}/__sandbox/guests/gst_000002/touch`, {
			method: 'POST',
			body: JSON.stringify({ updated_at: '2099-06-01T00:00:00.000Z' }),
		});
		expect(control.status).toBe(200);
		const future = await call('GET', '/guests?updated_at[gte]=2090-01-01T00:00:00Z', {
			bearer: token,
		});
		expect(future.body.data.map((guest: { id: string }) => guest.id)).toEqual([
			'gst_000001',
			'gst_000002',
		]);
	});
});

describe('webhook subscriptions', () => {
	it('lists every subscription with its url and secret, several for one URL', async () => {
		const token = await bearer();
		const url = 'https://hooks.example.com/same';
		const ids: string[] = [];
		for (let n = 0; n < 3; n++) {
			const created = await call('POST', '/webhooks', {
				bearer: token,
				body: { url, events: ['guest.created'] },
			});
			ids.push(created.body.data.id);
		}
		const listed = await call('GET', '/webhooks?limit=200', { bearer: token });
		const same = listed.body.data.filter((webhook: { url: string }) => webhook.url === url);
		expect(same.map((webhook: { id: string }) => webhook.id)).toEqual(ids);
		for (const webhook of same) expect(webhook.secret).toMatch(/^whsec_/);
	});
});

describe('control endpoint', () => {
	it('sets the new knobs over HTTP and refuses unknown ones', async () => {
		const post = (path: string, body: unknown) =>
			fetch(`${sandbox.url}/__sandbox/${path}`, { method: 'POST', body: JSON.stringify(body) });
		const set = await post('faults', { repeatCursor: true, tokenFailure: 'html', htmlFraction: 0 });
		expect(set.status).toBe(200);
		expect(await set.json()).toMatchObject({ repeatCursor: true, tokenFailure: 'html' });
		expect((await post('faults', { repeatCursors: true })).status).toBe(400);
		expect((await post('faults', { tokenFailure: 'timeout' })).status).toBe(400);
		const clock = await post('clock', { skewMs: -60_000 });
		expect(clock.status).toBe(200);
		expect(Date.parse(((await clock.json()) as { now: string }).now)).toBeLessThan(
			Date.now() - 50_000,
		);
	});
});
