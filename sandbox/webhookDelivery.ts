/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

import type { IdSequence } from './state';
import type { SandboxClock, SandboxStats, Webhook } from './types';

export const WEBHOOK_EVENTS = [
	'reservation.created',
	'reservation.updated',
	'reservation.cancelled',
	'guest.created',
	'guest.updated',
	'waitlist.created',
	'waitlist.updated',
];

export const SIGNATURE_HEADER = 'X-SevenRooms-Signature';

/** The contract's signing scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function signatureHeader(secret: string, t: number, body: string): string {
	return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

export interface DeliveryOptions {
	/** fraction of deliveries sent a second time, shortly after */
	duplicateFraction: number;
	/** fraction of deliveries held back 50-450 ms, so later events overtake them */
	outOfOrderFraction: number;
	/** the first retry's delay; doubled after each failed attempt (with jitter), up to `maxBackoffMs` */
	initialBackoffMs: number;
	maxBackoffMs: number;
	/** how long after its first attempt a delivery is retried: the contract's 24 hours */
	retryWindowMs: number;
	/**
	 * How many times faster than real time the backoff and the retry window run: 1 is the contract's
	 * own pace; 60 fits the 24-hour window into 24 minutes (tests). `timeoutMs` is not scaled.
	 */
	timeScale: number;
	/** a test's cap on attempts per delivery; SevenRooms has none (only the window) */
	maxAttempts: number;
	/**
	 * Attempts under way at once to one subscription; the others wait their turn. A receiver slower
	 * than the events then gets them late, not all at once until none is answered in time.
	 */
	maxInFlight: number;
	/** an attempt without an answer in this time counts as failed (real time) */
	timeoutMs: number;
}

/** The contract: any non-2xx answer, or none within 10 s, is retried with backoff for up to 24 h. */
export const DEFAULT_DELIVERY: DeliveryOptions = {
	duplicateFraction: 0,
	outOfOrderFraction: 0,
	initialBackoffMs: 1_000,
	maxBackoffMs: 3_600_000,
	retryWindowMs: 86_400_000,
	timeScale: 1,
	maxAttempts: Number.POSITIVE_INFINITY,
	maxInFlight: Number.POSITIVE_INFINITY,
	timeoutMs: 10_000,
};

/**
 * The wait before attempt `attempt + 1` (in the contract's time): exponential, capped, and spread
 * over its upper half by a jitter derived from the event id, so a burst that failed together does
 * not come back together (and the sandbox's seeded random stream stays as it was).
 */
export function backoffMs(options: DeliveryOptions, eventId: string, attempt: number): number {
	const ceiling = Math.min(options.maxBackoffMs, options.initialBackoffMs * 2 ** (attempt - 1));
	const jitter = createHash('sha256').update(`${eventId}#${attempt}`).digest().readUInt16BE(0);
	return ceiling * (0.5 + jitter / 131_072);
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * At-least-once delivery to the subscribed URLs, as the contract promises: signed POSTs that may
 * come twice, late or out of order, retried with backoff until acknowledged with a 2xx or until
 * the retry window (24 h) is over.
 */
export class WebhookDispatcher {
	private pending = 0;
	private flushWaiters: Array<() => void> = [];
	/** per subscription: attempts under way, and the attempts waiting for a turn */
	private inFlight = new Map<string, { count: number; queue: Array<() => void> }>();

	constructor(
		private readonly deps: {
			webhooks: Map<string, Webhook>;
			stats: SandboxStats;
			sequence: IdSequence;
			random: () => number;
			clock: SandboxClock;
			options: DeliveryOptions;
		},
	) {}

	/** Sends event `type` to every subscription of it; returns the event id. */
	emit(type: string, data: Record<string, unknown>, venueId?: string | null): string {
		const { stats, sequence, random, clock, options } = this.deps;
		const id = `evt_${Date.now().toString(36)}_${String(++sequence.event).padStart(6, '0')}`;
		const event = {
			id,
			type,
			created_at: clock.timestamp(),
			venue_id: venueId ?? (data.venue_id as string | undefined) ?? null,
			data,
		};
		stats.webhookDeliveries.events++;
		for (const webhook of this.deps.webhooks.values()) {
			if (!webhook.events.includes(type)) continue;
			const late = random() < options.outOfOrderFraction ? 50 + Math.floor(random() * 400) : 0;
			void this.deliver(webhook, event, late);
			if (random() < options.duplicateFraction) {
				stats.webhookDeliveries.duplicatesSent++;
				void this.deliver(webhook, event, Math.floor(random() * 300));
			}
		}
		return id;
	}

	/** Resolves once every queued delivery has been acknowledged or given up. */
	flush(): Promise<void> {
		return this.pending === 0
			? Promise.resolve()
			: new Promise<void>((resolve) => this.flushWaiters.push(resolve));
	}

	private async deliver(webhook: Webhook, event: { id: string }, delayMs: number): Promise<void> {
		const { stats, clock, options } = this.deps;
		this.pending++;
		try {
			if (delayMs) await wait(delayMs);
			const body = JSON.stringify(event);
			// The window and the backoff run on the contract's clock, `timeScale` times real time.
			const scale = options.timeScale;
			const windowEnd = clock.realMs() + options.retryWindowMs / scale;
			for (let attempt = 1; ; attempt++) {
				const status = await this.attempt(webhook, event.id, body);
				if (status === undefined) return;
				const answer = status || 'no answer';
				const answers = stats.webhookDeliveries.answers;
				answers[answer] = (answers[answer] ?? 0) + 1;
				if (status >= 200 && status < 300) {
					stats.webhookDeliveries.acknowledged++;
					return;
				}
				const pause = backoffMs(options, event.id, attempt) / scale;
				if (attempt >= options.maxAttempts || clock.realMs() + pause > windowEnd) break;
				await wait(pause);
			}
			stats.webhookDeliveries.failed++;
		} finally {
			this.settle();
		}
	}

	/** One attempt, in its turn: the receiver's status, or undefined if the subscription is gone. */
	private async attempt(
		webhook: Webhook,
		eventId: string,
		body: string,
	): Promise<number | undefined> {
		const done = await this.turn(webhook.id);
		try {
			// A subscription deleted meanwhile gets nothing more.
			if (!this.deps.webhooks.has(webhook.id)) return undefined;
			// The signature time is the API's wall clock as it goes out: real time plus any skew.
			const t = Math.floor(this.deps.clock.wallMs() / 1000);
			this.deps.stats.webhookDeliveries.attempted++;
			return await this.post(webhook.url, body, {
				'Content-Type': 'application/json',
				'User-Agent': 'SevenRooms-Sandbox-Webhooks/1.0',
				'X-SevenRooms-Event-Id': eventId,
				[SIGNATURE_HEADER]: signatureHeader(webhook.secret, t, body),
			});
		} finally {
			done();
		}
	}

	/** Waits for a turn to send to a subscription (`maxInFlight`); gives the function ending it. */
	private async turn(webhookId: string): Promise<() => void> {
		const slots = this.inFlight.get(webhookId) ?? { count: 0, queue: [] };
		this.inFlight.set(webhookId, slots);
		// A turn that ends passes straight to the next waiting attempt (none can slip in between).
		if (slots.count < this.deps.options.maxInFlight) slots.count++;
		else await new Promise<void>((resolve) => slots.queue.push(resolve));
		return () => {
			const next = slots.queue.shift();
			if (next) next();
			else slots.count--;
		};
	}

	/** The receiver's status, or 0 for no answer (reset, refused, timed out). */
	private post(target: string, body: string, headers: Record<string, string>): Promise<number> {
		return new Promise<number>((resolve) => {
			let url: URL;
			try {
				url = new URL(target);
			} catch {
				return resolve(0);
			}
			const client = url.protocol === 'https:' ? https : http;
			const request = client.request(
				url,
				{
					method: 'POST',
					headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
					timeout: this.deps.options.timeoutMs,
				},
				(response) => {
					response.resume();
					response.on('end', () => resolve(response.statusCode ?? 0));
					response.on('error', () => resolve(0));
				},
			);
			request.on('timeout', () => request.destroy());
			request.on('error', () => resolve(0));
			request.end(body);
		});
	}

	private settle(): void {
		this.pending--;
		if (this.pending > 0) return;
		const waiters = this.flushWaiters;
		this.flushWaiters = [];
		waiters.forEach((resolve) => resolve());
	}
}
