/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling, runs in Node beside n8n, never inside it (Node globals) */
/**
 * Audience sync under SevenRooms' rate limit: the SevenRooms node (Get Many, Return All,
 * email_opt_in=true) against the way users do it today, n8n's HTTP Request node with its
 * pagination options, on the same sandbox. Also the node's peak memory against the data size.
 *
 *   npx ts-node --transpile-only --prefer-ts-exts bench/audience-sync.ts [--guests 50000] [--rate 200]
 */
import { startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import {
	CREDENTIAL_ID,
	runWorkflow,
	sevenRoomsCredentials,
	sevenRoomsWorkflow,
} from '../dev/engine';
import type { WorkflowJson } from '../dev/engine';
import { MiB, flag, print, sampleRss } from './common';

const OPTED_IN_SHARE = 0.6;
const PAGE = 200;

async function timed(
	sandbox: Sandbox,
	workflow: WorkflowJson,
	rate: number,
	outputNode: string,
	countOf: (items: Array<Record<string, unknown>>) => number,
) {
	sandbox.resetStats();
	// A fresh window: the previous run's requests must not count against this one.
	await new Promise((resolve) => setTimeout(resolve, 61_000));
	const stopSampling = sampleRss();
	const started = Date.now();
	const result = await runWorkflow(workflow, {
		credentialsHelper: sevenRoomsCredentials(sandbox.url, { rateLimitPerMinute: rate }),
	});
	const seconds = (Date.now() - started) / 1000;
	const peakRss = stopSampling();
	const items = result.outputOf(outputNode);
	const error = result.errorOf(outputNode);
	return {
		seconds,
		guests: countOf(items),
		error: error?.message,
		rateLimited: sandbox.stats.requests['GET /guests']?.['429'] ?? 0,
		requests: Object.values(sandbox.stats.requests['GET /guests'] ?? {}).reduce(
			(sum, count) => sum + count,
			0,
		),
		peakRss,
		jsonMiB: MiB(Buffer.byteLength(JSON.stringify(items))),
	};
}

async function main() {
	const wanted = flag('guests', 50_000);
	const rate = flag('rate', 200);
	const sandbox = await startSandbox({
		guests: Math.ceil(wanted / OPTED_IN_SHARE),
		rateLimitPerMinute: rate,
		seed: 7,
	});
	const optedIn = [...sandbox.state.guests.values()].filter((guest) => guest.email_opt_in).length;
	const bound = rate * PAGE;
	print(
		`Audience sync: ${optedIn} opted-in guests, limit ${rate} requests/min, ${PAGE} per page: bound ${bound} guests/min`,
	);

	const node = await timed(
		sandbox,
		sevenRoomsWorkflow({
			resource: 'guest',
			operation: 'getAll',
			returnAll: true,
			filters: { emailOptIn: 'true' },
		}),
		rate,
		'SevenRooms',
		(items) => items.length,
	);

	const peer: WorkflowJson = sevenRoomsWorkflow({}, { name: 'HTTP Request' });
	peer.nodes[1] = {
		id: 'http',
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [200, 0],
		credentials: { sevenRoomsOAuth2Api: { id: CREDENTIAL_ID, name: 'SevenRooms sandbox' } },
		parameters: {
			url: `${sandbox.url}/guests`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'sevenRoomsOAuth2Api',
			sendQuery: true,
			queryParameters: {
				parameters: [
					{ name: 'email_opt_in', value: 'true' },
					{ name: 'limit', value: String(PAGE) },
				],
			},
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: {
							parameters: [
								{
									type: 'qs',
									name: 'cursor',
									value: '={{ $response.body.pagination.next_cursor }}',
								},
							],
						},
						paginationCompleteWhen: 'other',
						completeExpression: '={{ !$response.body.pagination.next_cursor }}',
						// What a careful user sets to stay under the limit: one request per 60/rate s.
						requestInterval: Math.ceil(60_000 / rate),
						limitPagesFetched: false,
					},
				},
			},
		},
	};
	const peerResult = await timed(sandbox, peer, 0, 'HTTP Request', (pages) =>
		pages.reduce((sum, page) => sum + ((page.data as unknown[]) ?? []).length, 0),
	);
	await sandbox.close();

	const rateOf = (run: typeof node) => (run.guests / run.seconds) * 60;
	print('');
	print('                         SevenRooms node    HTTP Request peer');
	print(`guests                   ${String(node.guests).padEnd(19)}${peerResult.guests}`);
	print(
		`seconds                  ${node.seconds.toFixed(1).padEnd(19)}${peerResult.seconds.toFixed(1)}`,
	);
	print(
		`guests/minute            ${rateOf(node).toFixed(0).padEnd(19)}${rateOf(peerResult).toFixed(0)}`,
	);
	print(
		`share of the bound       ${`${((rateOf(node) / bound) * 100).toFixed(1)}%`.padEnd(19)}${((rateOf(peerResult) / bound) * 100).toFixed(1)}%`,
	);
	print(`429 answers              ${String(node.rateLimited).padEnd(19)}${peerResult.rateLimited}`);
	print(`requests                 ${String(node.requests).padEnd(19)}${peerResult.requests}`);
	print(
		`peak RSS growth (MiB)    ${node.peakRss.toFixed(0).padEnd(19)}${peerResult.peakRss.toFixed(0)}`,
	);
	print(
		`output JSON (MiB)        ${node.jsonMiB.toFixed(1).padEnd(19)}${peerResult.jsonMiB.toFixed(1)}`,
	);
	if (node.error || peerResult.error)
		print(`errors: node=${node.error ?? '-'} peer=${peerResult.error ?? '-'}`);
	print('');
	print(`ratio node/peer guests per minute: ${(rateOf(node) / rateOf(peerResult)).toFixed(2)}`);
	print(`node peak RSS growth / output JSON size: ${(node.peakRss / node.jsonMiB).toFixed(1)}`);
}

void main();
