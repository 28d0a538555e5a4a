/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import { createHmac } from 'node:crypto';
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
	maxAttempts: number;
	/** doubled after each failed attempt */
	initialBackoffMs: number;
	/** an attempt without an answer in this time counts as failed */
	timeoutMs: number;
}

export const DEFAULT_DELIVERY: DeliveryOptions = {
	duplicateFraction: 0,
	outOfOrderFraction: 0,
	maxAttempts: 8,
	initialBackoffMs: 1_000,
	timeoutMs: 10_000,
};

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * At-least-once delivery to the subscribed URLs, as the contract promises: signed POSTs that may
 * come twice, late or out of order, retried with backoff until acknowledged with a 2xx.
 */
export class WebhookDispatcher {
	private pending = 0;
	private flushWaiters: Array<() => void> = [];

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
			for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
				// A subscription deleted meanwhile gets nothing more.
				if (!this.deps.webhooks.has(webhook.id)) return;
				// The signature time is the API's wall clock: real time plus any skew.
				const t = Math.floor(clock.wallMs() / 1000);
				stats.webhookDeliveries.attempted++;
				const status = await this.post(webhook.url, body, {
					'Content-Type': 'application/json',
					'User-Agent': 'SevenRooms-Sandbox-Webhooks/1.0',
					'X-SevenRooms-Event-Id': event.id,
					[SIGNATURE_HEADER]: signatureHeader(webhook.secret, t, body),
				});
				const answer = status || 'no answer';
				const answers = stats.webhookDeliveries.answers;
				answers[answer] = (answers[answer] ?? 0) + 1;
				if (status >= 200 && status < 300) {
					stats.webhookDeliveries.acknowledged++;
					return;
				}
				if (attempt < options.maxAttempts)
					await wait(options.initialBackoffMs * 2 ** (attempt - 1));
			}
			stats.webhookDeliveries.failed++;
		} finally {
			this.settle();
		}
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
