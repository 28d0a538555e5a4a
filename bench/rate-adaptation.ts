/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling, runs in Node beside n8n, never inside it (Node globals) */
/**
 * Rate control that follows the server (issue #12): a Return All audience export of about 10,000
 * opted-in guests from an API limited to 30 requests a minute, with the credential at the default
 * 120 (the user can't know the real limit) and at the right 30, with and without the contract's
 * X-RateLimit-* headers. Reported: every guest once, the share of requests answered 429, and the
 * time against the bound (the fastest a 60 s sliding window of 30 allows: one full window, then 30
 * a minute).
 *
 *   npx ts-node --transpile-only --prefer-ts-exts bench/rate-adaptation.ts [--guests 10000] [--limit 30]
 */
import { runWorkflow, sevenRoomsCredentials, sevenRoomsWorkflow } from '../dev/engine';
import { startSandbox } from '../sandbox/server';
import { flag, print } from './common';

const PAGE = 200;

const CASES = [
	{ setting: 120, headers: true },
	{ setting: 120, headers: false },
	{ setting: 0, headers: true }, // 0: the API's limit (`--limit`)
];

/**
 * One case: its own sandbox (same seed, so the same guests), so that the three run side by side in
 * the time of one: each waits on its own API's window, and the node keeps a pace per API client.
 */
async function runCase(
	limit: number,
	{ setting, headers }: (typeof CASES)[number],
	guests: number,
) {
	const sandbox = await startSandbox({ guests, rateLimitPerMinute: 0 });
	try {
		const expected = [...sandbox.state.guests.values()].filter(
			(guest) => guest.email_opt_in,
		).length;
		sandbox.setFaults({ rateLimitHeaders: headers });
		sandbox.setRateLimit(limit);
		sandbox.resetStats();
		const started = Date.now();
		const result = await runWorkflow(
			sevenRoomsWorkflow({
				resource: 'guest',
				operation: 'getAll',
				returnAll: true,
				filters: { emailOptIn: 'true' },
			}),
			{
				credentialsHelper: sevenRoomsCredentials(sandbox.url, {
					rateLimitPerMinute: setting || limit,
				}),
			},
		);
		const seconds = (Date.now() - started) / 1000;
		const ids = result.outputOf('SevenRooms').map((guest) => guest.id);
		const requests = sandbox.stats.requests['GET /guests'] ?? {};
		return {
			setting: setting || limit,
			headers,
			expected,
			ids,
			seconds,
			total: Object.values(requests).reduce((sum, count) => sum + count, 0),
			rateLimited: requests['429'] ?? 0,
			error: result.errorOf('SevenRooms')?.message,
		};
	} finally {
		await sandbox.close();
	}
}

async function main(): Promise<void> {
	const wanted = flag('guests', 10_000);
	const limit = flag('limit', 30);
	const guests = Math.ceil(wanted / 0.6);
	const results = await Promise.all(CASES.map(async (c) => await runCase(limit, c, guests)));
	const { expected } = results[0];
	const pages = Math.ceil(expected / PAGE);
	// N requests (pages and one token) through a 60 s window of `limit`: the first `limit` at once.
	const boundSeconds = Math.floor(pages / limit) * 60;
	print(`${expected} opted-in guests, ${pages} pages of ${PAGE}, API limit ${limit}/min`);
	print(`bound: ${boundSeconds} s (the three cases ran side by side, each with its own API)\n`);
	for (const { setting, headers, ids, seconds, total, rateLimited, error } of results) {
		print(
			`setting ${String(setting).padStart(3)}, ${headers ? 'with   ' : 'without'} headers: ` +
				`${ids.length}/${expected} guests, ${ids.length - new Set(ids).size} duplicates, ` +
				`${rateLimited}/${total} requests 429 (${((100 * rateLimited) / total).toFixed(1)}%), ` +
				`${seconds.toFixed(0)} s = ${(seconds / boundSeconds).toFixed(2)} × bound` +
				(error ? `, error: ${error}` : ''),
		);
	}
}

// The sandbox's keep-alive sockets would hold the process open.
void main().then(() => process.exit(0));
