/**
 * n8n starts a trigger's poll on its schedule even while the previous one still runs (a poll over
 * a large change can outlast its minute). Two polls of one trigger read the same cursor and emit
 * the same changes twice, so a poll that finds one of its trigger still running skips its turn;
 * the next turn goes on from where the running one ended. Poll triggers run in one n8n process
 * (the leader, in queue mode), so this process's memory is enough. Every poll is bounded (each
 * wait, the 429 budget, the page count), and one older than an hour is not waited for.
 */
const STALE_AFTER_MS = 60 * 60_000;
const running = new Map<string, number>();

export async function oneAtATime<T>(key: string, poll: () => Promise<T>): Promise<T | undefined> {
	const startedAt = running.get(key);
	if (startedAt !== undefined && Date.now() - startedAt < STALE_AFTER_MS) return undefined;
	const now = Date.now();
	running.set(key, now);
	try {
		return await poll();
	} finally {
		if (running.get(key) === now) running.delete(key);
	}
}
