import { sleep } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { headerValue, retryAfterMs, retryPolicy } from './retryPolicy';

const WINDOW_MS = 60_000;
// The server counts arrivals, we count departures: a little slack keeps a request that leaves
// exactly one window later from landing inside the server's window.
const WINDOW_SLACK_MS = 250;
// A waiting request looks again at least this often (the limit may have been raised meanwhile).
const MAX_STEP_MS = 15_000;
// Several 429s answered at once are one signal to slow down, not several.
const SLOW_DOWN_SPACING_MS = 1_000;
// A 429 after fewer requests than this in a minute was not caused by our pace (another client of
// the same budget, a passing fault): it is waited out, the pace stays.
const MIN_ADAPTIVE_LIMIT = 6;
// On a 429 the pace drops to this share of what the last minute sent.
const SLOW_DOWN_FACTOR = 0.7;

function wholeHeader(headers: IDataObject | undefined, name: string): number | undefined {
	const value = Number(headerValue(headers, name));
	return Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
}

/**
 * `X-RateLimit-Reset` in milliseconds from now. The contract says seconds until the window frees a
 * request; some servers send a Unix time instead, which is read as one.
 */
export function rateLimitResetMs(
	headers: IDataObject | undefined,
	now = Date.now(),
): number | undefined {
	const value = Number(headerValue(headers, 'x-ratelimit-reset'));
	if (!Number.isFinite(value) || value < 0) return undefined;
	return value > 1e9 ? Math.max(0, value * 1000 - now) : value * 1000;
}

/**
 * Paces one API client's requests in this process. It starts from the credential's setting and
 * follows the server: the announced limit (`X-RateLimit-Limit`), an exhausted budget
 * (`X-RateLimit-Remaining: 0` until `X-RateLimit-Reset`) and `Retry-After`. A bare 429 that says
 * none of those drops the pace to 70 % of the last minute's and it recovers by a tenth a minute,
 * so the sustained rate settles on the server's real limit. Several processes sharing one client
 * (queue-mode workers) stay inside the budget through the server's headers.
 */
export class RateController {
	private readonly sent: number[] = [];

	private queue: Promise<void> = Promise.resolve();

	/** requests queued in `acquire`, not yet sent */
	private waiting = 0;

	private serverLimit: number | undefined;

	private adaptiveLimit: number | undefined;

	private pausedUntil = 0;

	private lastSlowDownAt = 0;

	private lastSpeedUpAt = 0;

	/** @param configuredLimit requests per minute from the credential; undefined: no fixed cap */
	constructor(private readonly configuredLimit: number | undefined) {}

	/** Requests allowed in any 60 s right now, or undefined when nothing limits them. */
	get currentLimit(): number | undefined {
		let limit: number | undefined;
		for (const candidate of [this.configuredLimit, this.serverLimit, this.adaptiveLimit]) {
			if (candidate !== undefined && (limit === undefined || candidate < limit)) limit = candidate;
		}
		return limit === undefined ? undefined : Math.max(1, limit);
	}

	/** Takes a slot if one more request may leave now, without waiting and ahead of nobody. */
	tryAcquire(): boolean {
		const now = Date.now();
		return this.waiting === 0 && this.waitMs(now) === 0 && this.take(now);
	}

	/** Resolves when one more request may leave; callers are served in arrival order. */
	async acquire(abortSignal?: AbortSignal): Promise<void> {
		if (this.tryAcquire()) return;
		this.waiting++;
		const turn = this.queue.then(async () => await this.waitForSlot(abortSignal));
		// A cancelled waiter must not block the ones behind it.
		this.queue = turn.catch(() => undefined);
		try {
			await turn;
		} finally {
			this.waiting--;
		}
	}

	/** Learns from an answer: limits, exhausted budgets and 429s. */
	observe(status: number, headers: IDataObject | undefined): void {
		const now = Date.now();
		const limit = wholeHeader(headers, 'x-ratelimit-limit');
		if (limit !== undefined && limit > 0) this.serverLimit = limit;
		const remaining = wholeHeader(headers, 'x-ratelimit-remaining');
		const resetMs = rateLimitResetMs(headers, now);
		if (remaining === 0 && resetMs !== undefined) this.pause(now, resetMs);
		if (status === 429) {
			const serverWait = retryAfterMs(headers, now) ?? resetMs;
			// The server said how long, or how fast: follow it. Said nothing: guess lower.
			if (serverWait !== undefined) this.pause(now, serverWait);
			else if (limit === undefined) this.slowDown(now);
		} else if (status < 400) {
			this.speedUp(now);
		}
	}

	private take(now: number): boolean {
		this.sent.push(now);
		return true;
	}

	private prune(now: number) {
		while (this.sent.length > 0 && this.sent[0] <= now - WINDOW_MS - WINDOW_SLACK_MS) {
			this.sent.shift();
		}
	}

	/** How long the next request has to wait, 0 if it may leave now. */
	private waitMs(now: number): number {
		this.prune(now);
		if (now < this.pausedUntil) return this.pausedUntil - now;
		const limit = this.currentLimit;
		if (limit === undefined || this.sent.length < limit) return 0;
		// The window must lose every request older than the limit-th most recent one.
		return Math.max(1, this.sent[this.sent.length - limit] + WINDOW_MS + WINDOW_SLACK_MS - now);
	}

	private async waitForSlot(abortSignal?: AbortSignal): Promise<void> {
		for (;;) {
			const waitMs = this.waitMs(Date.now());
			if (waitMs === 0) {
				this.take(Date.now());
				return;
			}
			await sleep(Math.min(waitMs, MAX_STEP_MS), abortSignal);
		}
	}

	private pause(now: number, waitMs: number) {
		// A wait longer than any request may make is the request's failure, not everyone's pause.
		if (waitMs > retryPolicy.maxWaitMs) return;
		this.pausedUntil = Math.max(this.pausedUntil, now + waitMs);
	}

	private slowDown(now: number) {
		if (now - this.lastSlowDownAt < SLOW_DOWN_SPACING_MS) return;
		this.prune(now);
		const sentLastMinute = Math.min(
			this.currentLimit ?? Number.POSITIVE_INFINITY,
			this.sent.length,
		);
		if (sentLastMinute < MIN_ADAPTIVE_LIMIT) return;
		this.adaptiveLimit = Math.max(
			MIN_ADAPTIVE_LIMIT,
			Math.floor(sentLastMinute * SLOW_DOWN_FACTOR),
		);
		this.lastSlowDownAt = now;
		this.lastSpeedUpAt = now;
	}

	private speedUp(now: number) {
		if (this.adaptiveLimit === undefined || now - this.lastSpeedUpAt < WINDOW_MS) return;
		this.adaptiveLimit += Math.max(1, Math.ceil(this.adaptiveLimit / 10));
		this.lastSpeedUpAt = now;
		if (this.configuredLimit !== undefined && this.adaptiveLimit >= this.configuredLimit) {
			this.adaptiveLimit = undefined;
		}
	}
}

const controllers = new Map<string, RateController>();

/**
 * The credential's "Requests per Minute" as a limit: at least 1; 0 or nothing usable means no
 * fixed cap (the server's headers and 429s still pace).
 */
export function configuredLimit(value: unknown): number | undefined {
	const number = Number(value);
	if (!Number.isFinite(number) || number <= 0) return undefined;
	return Math.max(1, Math.floor(number));
}

/** One controller per API client and setting, shared by every node run in this process. */
export function rateControllerFor(clientKey: string, requestsPerMinute: unknown): RateController {
	const limit = configuredLimit(requestsPerMinute);
	const id = `${clientKey}|${limit ?? 'server'}`;
	let controller = controllers.get(id);
	if (!controller) {
		controller = new RateController(limit);
		controllers.set(id, controller);
	}
	return controller;
}
