/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling, runs in Node beside n8n, never inside it (Node timers) */
/**
 * Waits until `check` gives a value, looking once a second; past `timeoutMs` it fails, naming what
 * it waited for and, from `detail`, where things stood. For tests of real processes, which take
 * their time: nothing here asserts on how long they took, and the deadline (5 minutes unless a
 * test needs more) only turns what never happens into a failure instead of a hang, also on a
 * machine busy with other work.
 */
export async function until<T>(
	what: string,
	check: () => Promise<T | undefined> | T | undefined,
	timeoutMs = 300_000,
	detail: () => string = () => '',
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) {
			const state = detail();
			throw new Error(`Timed out waiting for ${what}${state ? `. ${state}` : ''}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 1_000));
	}
}
