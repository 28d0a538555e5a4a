import { sleep } from 'n8n-workflow';

const WINDOW_MS = 60_000;
// The server counts arrivals, we count departures: a little slack keeps a request that leaves
// exactly one window later from landing inside the server's window.
const WINDOW_SLACK_MS = 250;

/**
 * Sliding-window limiter matching the API's own "N requests per 60 s" rule, so a long sync runs at
 * the full rate without ever drawing a 429.
 */
export class SlidingWindowLimiter {
	private readonly sent: number[] = [];

	private queue: Promise<void> = Promise.resolve();

	constructor(private readonly perMinute: number) {}

	/** Resolves when one more request may leave; callers are served in arrival order. */
	async acquire(abortSignal?: AbortSignal): Promise<void> {
		const turn = this.queue.then(async () => await this.waitForSlot(abortSignal));
		// A cancelled waiter must not block the ones behind it.
		this.queue = turn.catch(() => undefined);
		return await turn;
	}

	private async waitForSlot(abortSignal?: AbortSignal): Promise<void> {
		for (;;) {
			const now = Date.now();
			while (this.sent.length > 0 && this.sent[0] <= now - WINDOW_MS - WINDOW_SLACK_MS)
				this.sent.shift();
			if (this.sent.length < this.perMinute) {
				this.sent.push(now);
				return;
			}
			await sleep(this.sent[0] + WINDOW_MS + WINDOW_SLACK_MS - now, abortSignal);
		}
	}
}

const limiters = new Map<string, SlidingWindowLimiter>();

/** One limiter per credential and per-minute setting, shared by every node run in this process. */
export function limiterFor(key: string, perMinute: number): SlidingWindowLimiter | undefined {
	if (!(perMinute > 0)) return undefined;
	const id = `${key}|${perMinute}`;
	let limiter = limiters.get(id);
	if (!limiter) {
		limiter = new SlidingWindowLimiter(Math.floor(perMinute));
		limiters.set(id, limiter);
	}
	return limiter;
}
