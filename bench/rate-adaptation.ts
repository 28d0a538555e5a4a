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

async function main(): Promise<void> {
	const wanted = flag('guests', 10_000);
	const limit = flag('limit', 30);
	const sandbox = await startSandbox({ guests: Math.ceil(wanted / 0.6), rateLimitPerMinute: 0 });
	const expected = [...sandbox.state.guests.values()].filter((guest) => guest.email_opt_in).length;
	const pages = Math.ceil(expected / PAGE);
	// N requests (pages and one token) through a 60 s window of `limit`: the first `limit` at once.
	const boundSeconds = Math.floor(pages / limit) * 60;
	print(`${expected} opted-in guests, ${pages} pages of ${PAGE}, API limit ${limit}/min`);
	print(`bound: ${boundSeconds} s\n`);
	// The node learns a pace per API client and setting: the two cases at 120 reach the sandbox by
	// two loopback names, so neither starts from what the other learned.
	const byName = sandbox.url.replace('127.0.0.1', 'localhost');
	const cases = [
		{ setting: 120, headers: true, baseUrl: sandbox.url },
		{ setting: 120, headers: false, baseUrl: byName },
		{ setting: limit, headers: true, baseUrl: sandbox.url },
	];
	for (const { setting, headers, baseUrl } of cases) {
		sandbox.setRateLimit(0);
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
			{ credentialsHelper: sevenRoomsCredentials(baseUrl, { rateLimitPerMinute: setting }) },
		);
		const seconds = (Date.now() - started) / 1000;
		const ids = result.outputOf('SevenRooms').map((guest) => guest.id);
		const requests = sandbox.stats.requests['GET /guests'] ?? {};
		const total = Object.values(requests).reduce((sum, count) => sum + count, 0);
		const rateLimited = requests['429'] ?? 0;
		print(
			`setting ${String(setting).padStart(3)}, ${headers ? 'with   ' : 'without'} headers: ` +
				`${ids.length}/${expected} guests, ${ids.length - new Set(ids).size} duplicates, ` +
				`${rateLimited}/${total} requests 429 (${((100 * rateLimited) / total).toFixed(1)}%), ` +
				`${seconds.toFixed(0)} s = ${(seconds / boundSeconds).toFixed(2)} × bound` +
				(result.errorOf('SevenRooms') ? `, error: ${result.errorOf('SevenRooms')?.message}` : ''),
		);
	}
	await sandbox.close();
}

// The sandbox's keep-alive sockets would hold the process open.
void main().then(() => process.exit(0));
