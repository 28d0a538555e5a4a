import type { FaultOptions } from './types';

const WINDOW_MS = 60_000;

/**
 * Per-client sliding window of 60 s. Only requests it lets through count. Turning the limit off
 * forgets every window, and nothing is recorded while it is off, so turning it on starts every
 * client with a full budget; changing a limit that is on keeps the windows. Each call runs without
 * awaiting, so concurrent requests cannot both take the last slot.
 */
export class RateLimiter {
	private readonly windows = new Map<string, number[]>();

	constructor(
		private limit: number,
		private readonly nowMs: () => number = Date.now,
	) {}

	/** requests per 60 s per client; 0 when the limit is off */
	get perMinute(): number {
		return this.enabled ? this.limit : 0;
	}

	setLimit(perMinute: number): void {
		this.limit = perMinute;
		if (!this.enabled) this.windows.clear();
	}

	get enabled(): boolean {
		return this.limit > 0;
	}

	/** Counts one request of `clientId`; false when its window is full. */
	take(clientId: string): boolean {
		if (!this.enabled) return true;
		const times = this.window(clientId);
		if (times.length >= this.perMinute) return false;
		times.push(this.nowMs());
		return true;
	}

	/** Seconds until the window frees a request: 0 when it holds none. */
	resetSeconds(clientId: string): number {
		const times = this.window(clientId);
		return times.length ? Math.max(0, Math.ceil((times[0] + WINDOW_MS - this.nowMs()) / 1000)) : 0;
	}

	remaining(clientId: string): number {
		return Math.max(0, this.perMinute - this.window(clientId).length);
	}

	private window(clientId: string): number[] {
		const since = this.nowMs() - WINDOW_MS;
		const times = (this.windows.get(clientId) ?? []).filter((time) => time > since);
		this.windows.set(clientId, times);
		return times;
	}
}

/**
 * The contract's X-RateLimit-* headers for `clientId` as its window stands now (an unknown client
 * has an empty one); none while the limit is off or a proxy strips them.
 */
export function rateLimitHeaders(
	limiter: RateLimiter,
	clientId: string | undefined,
	faults: FaultOptions,
): Record<string, string> {
	if (!limiter.enabled || !faults.rateLimitHeaders) return {};
	const id = clientId ?? '';
	return {
		'X-RateLimit-Limit': String(limiter.perMinute),
		'X-RateLimit-Remaining': String(limiter.remaining(id)),
		'X-RateLimit-Reset': String(limiter.resetSeconds(id)),
	};
}

/** Retry-After of the limiter's own 429: when a request frees up, unless a test fixes it. */
export function rateLimitRetryAfter(
	limiter: RateLimiter,
	clientId: string,
	faults: FaultOptions,
): Record<string, string> {
	if (!faults.retryAfterOnRateLimit) return {};
	const seconds = faults.rateLimitRetryAfterSeconds ?? Math.max(1, limiter.resetSeconds(clientId));
	return { 'Retry-After': String(seconds) };
}
