/**
 * Sets the date the code under test sees (Date, Date.now) and lets the rest of the clock run:
 * timers, I/O and performance stay real, so a sandbox and n8n's engine work as usual. Undo it with
 * `jest.useRealTimers()`.
 */
export function fakeDate(now: Date): void {
	jest.useFakeTimers({
		now,
		doNotFake: [
			'nextTick',
			'setImmediate',
			'setTimeout',
			'clearTimeout',
			'setInterval',
			'clearInterval',
			'queueMicrotask',
			'hrtime',
			'performance',
		],
	});
}
