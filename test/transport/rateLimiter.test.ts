import { SlidingWindowLimiter, limiterFor } from '../../nodes/SevenRooms/transport/rateLimiter';

describe('SlidingWindowLimiter', () => {
	beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-24T10:00:00Z') }));
	afterEach(() => jest.useRealTimers());

	it('lets the first N requests of a minute go at once and holds the next until the window frees', async () => {
		const limiter = new SlidingWindowLimiter(3);
		const started: number[] = [];
		const requests = [1, 2, 3, 4, 5].map(async () => {
			await limiter.acquire();
			started.push(Date.now());
		});
		await jest.advanceTimersByTimeAsync(0);
		expect(started).toHaveLength(3);
		await jest.advanceTimersByTimeAsync(59_000);
		expect(started).toHaveLength(3);
		await jest.advanceTimersByTimeAsync(2_000);
		await Promise.all(requests);
		expect(started).toHaveLength(5);
		// Never more than 3 in any 60 s window: the 4th left a full window after the 1st.
		expect(started[3] - started[0]).toBeGreaterThanOrEqual(60_000);
	});

	it('serves waiters in arrival order', async () => {
		const limiter = new SlidingWindowLimiter(1);
		const order: string[] = [];
		const a = limiter.acquire().then(() => order.push('a'));
		const b = limiter.acquire().then(() => order.push('b'));
		const c = limiter.acquire().then(() => order.push('c'));
		await jest.advanceTimersByTimeAsync(200_000);
		await Promise.all([a, b, c]);
		expect(order).toEqual(['a', 'b', 'c']);
	});

	it('shares one limiter per credential and turns off at 0', () => {
		expect(limiterFor('cred-1', 120)).toBe(limiterFor('cred-1', 120));
		expect(limiterFor('cred-1', 120)).not.toBe(limiterFor('cred-2', 120));
		expect(limiterFor('cred-1', 0)).toBeUndefined();
	});
});
