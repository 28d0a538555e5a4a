/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { DEFAULT_DELIVERY, backoffMs } from '../../sandbox/webhookDelivery';
import { sandboxHttp } from './helpers';

/**
 * The contract: "Any non-2xx answer, or none within 10 s, is retried with backoff for up to 24 h".
 * The sandbox keeps that promise on a clock sped up by `timeScale`, so a test sees a day of retries.
 */
let sandbox: Sandbox;
const { bearer, call } = sandboxHttp(() => sandbox);

/** A receiver that answers `answer(n)` to its n-th delivery (from 1), after `delayMs`. */
async function receiver(answer: (n: number) => number, delayMs = 0) {
	let received = 0;
	let firstAt = 0;
	let lastAt = 0;
	let open = 0;
	let mostAtOnce = 0;
	const server = http.createServer((request, response) => {
		mostAtOnce = Math.max(mostAtOnce, ++open);
		lastAt = Date.now();
		firstAt ||= lastAt;
		request.resume();
		request.on('end', () => {
			const status = answer(++received);
			setTimeout(() => {
				open--;
				response.writeHead(status).end();
			}, delayMs);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
		received: () => received,
		firstAt: () => firstAt,
		lastAt: () => lastAt,
		mostAtOnce: () => mostAtOnce,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

async function subscribe(url: string) {
	const created = await call('POST', '/webhooks', {
		bearer: await bearer(),
		body: { url, events: ['guest.updated'] },
	});
	expect(created.status).toBe(201);
}

afterEach(async () => await sandbox?.close());

describe('webhook delivery: retries and turns', () => {
	it('keeps retrying a receiver that fails for a long time (hours of 503s) until it answers 2xx', async () => {
		// An hour of contract time a second: the 12 failures below span about an hour and a half.
		sandbox = await startSandbox({
			guests: 10,
			rateLimitPerMinute: 0,
			webhookDelivery: { timeScale: 3_600 },
		});
		const hook = await receiver((n) => (n <= 12 ? 503 : 200));
		try {
			await subscribe(hook.url);
			sandbox.emitEvent('guest.updated', { id: 'gst_000001' });
			await sandbox.flushWebhooks();
			expect(hook.received()).toBe(13);
			expect(sandbox.stats.webhookDeliveries).toMatchObject({
				attempted: 13,
				acknowledged: 1,
				failed: 0,
				answers: { 503: 12, 200: 1 },
			});
		} finally {
			await hook.close();
		}
	});

	it('keeps retrying until the 24-hour window is over, then gives up and counts the delivery as failed', async () => {
		// A day in 12 s.
		const timeScale = 7_200;
		sandbox = await startSandbox({
			guests: 10,
			rateLimitPerMinute: 0,
			webhookDelivery: { timeScale },
		});
		const hook = await receiver(() => 500);
		try {
			await subscribe(hook.url);
			sandbox.emitEvent('guest.updated', { id: 'gst_000001' });
			await sandbox.flushWebhooks();
			const { attempted, acknowledged, failed } = sandbox.stats.webhookDeliveries;
			expect({ acknowledged, failed }).toEqual({ acknowledged: 0, failed: 1 });
			expect(hook.received()).toBe(attempted);
			// More than a fixed budget of attempts (the sandbox's was 8), and the last one less than
			// the longest backoff (an hour, here with an hour to spare) before the window's end: a
			// busy machine only makes it later.
			expect(attempted).toBeGreaterThan(8);
			const triedFor = (hook.lastAt() - hook.firstAt()) * timeScale;
			expect(triedFor).toBeGreaterThanOrEqual(
				DEFAULT_DELIVERY.retryWindowMs - 2 * DEFAULT_DELIVERY.maxBackoffMs,
			);
		} finally {
			await hook.close();
		}
	});

	it('sends a slow receiver no more than `maxInFlight` deliveries at once, and every one of them', async () => {
		sandbox = await startSandbox({
			guests: 10,
			rateLimitPerMinute: 0,
			webhookDelivery: { maxInFlight: 3, duplicateFraction: 0.5 },
		});
		const hook = await receiver(() => 200, 50);
		try {
			await subscribe(hook.url);
			for (let n = 0; n < 20; n++) sandbox.emitEvent('guest.updated', { id: `gst_${n}` });
			await sandbox.flushWebhooks();
			const { acknowledged, duplicatesSent } = sandbox.stats.webhookDeliveries;
			expect(acknowledged).toBe(20 + duplicatesSent);
			expect(hook.received()).toBe(20 + duplicatesSent);
			expect(hook.mostAtOnce()).toBe(3);
		} finally {
			await hook.close();
		}
	});

	it('backs off exponentially up to an hour, with jitter that differs between events, for 24 hours', () => {
		expect(DEFAULT_DELIVERY.retryWindowMs).toBe(24 * 3_600_000);
		const waits = (event: string) =>
			Array.from({ length: 16 }, (_, n) => backoffMs(DEFAULT_DELIVERY, event, n + 1));
		const first = waits('evt_a');
		first.forEach((ms, n) => {
			const ceiling = Math.min(3_600_000, 1_000 * 2 ** n);
			expect(ms).toBeGreaterThanOrEqual(ceiling / 2);
			expect(ms).toBeLessThanOrEqual(ceiling);
		});
		expect(waits('evt_b')).not.toEqual(first);
		expect(waits('evt_a')).toEqual(first);
	});
});
