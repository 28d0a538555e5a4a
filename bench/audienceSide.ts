/**
 * One side of the audience-sync bench (audience-sync.ts), run in a process of its own: the
 * SevenRooms node's Return All, or the HTTP Request peer with its pagination and Split Out, with
 * the figures that side measured.
 */
import {
	CREDENTIAL_ID,
	runWorkflow,
	sevenRoomsCredentials,
	sevenRoomsWorkflow,
} from '../dev/engine';
import type { WorkflowJson } from '../dev/engine';
import { MiB, flag, sampleRss } from './common';

export const PAGE = 200;
/** A limit no run reaches: the same-pace case, where neither side waits. */
export const UNLIMITED = 1_000_000;

/** What a careful user sets to stay under the limit: one request per 60/rate s; none unlimited. */
export const peerIntervalMs = (rate: number) => (rate >= UNLIMITED ? 0 : Math.ceil(60_000 / rate));

export interface SideResult {
	seconds: number;
	guests: number;
	error?: string;
	rateLimited: number;
	requests: number;
	peakRss: number;
	peakHeap: number;
	peakHeapTotal: number;
	peakExternal: number;
	retainedHeap: number;
	jsonMiB: number;
}

function nodeWorkflow(returnAll: boolean): WorkflowJson {
	return sevenRoomsWorkflow({
		resource: 'guest',
		operation: 'getAll',
		returnAll,
		...(returnAll ? {} : { limit: 10 }),
		filters: { emailOptIn: 'true' },
	});
}

function peerWorkflow(sandboxUrl: string, rate: number, pages?: number): WorkflowJson {
	const peer: WorkflowJson = sevenRoomsWorkflow({}, { name: 'HTTP Request' });
	peer.nodes[1] = {
		id: 'http',
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [200, 0],
		credentials: { sevenRoomsOAuth2Api: { id: CREDENTIAL_ID, name: 'SevenRooms sandbox' } },
		parameters: {
			url: `${sandboxUrl}/guests`,
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
						requestInterval: flag('peer-interval', peerIntervalMs(rate)),
						limitPagesFetched: pages !== undefined,
						...(pages !== undefined ? { maxRequests: pages } : {}),
					},
				},
			},
		},
	};
	// The same output as the node, one item per guest: what a user adds after HTTP Request.
	peer.nodes.push({
		id: 'split',
		name: 'Split Out',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [400, 0],
		parameters: { fieldToSplitOut: 'data', include: 'noOtherFields', options: {} },
	});
	peer.connections['HTTP Request'] = { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] };
	return peer;
}

type Stats = { requests: Record<string, Record<string, number>> };

async function sandboxStats(url: string): Promise<Stats> {
	return (await (await fetch(`${url}/__sandbox/stats`)).json()) as Stats;
}

/** One side, in this process, against the sandbox at `sandboxUrl`: a warm-up, then the Return All. */
export async function runSide(
	side: 'node' | 'peer',
	sandboxUrl: string,
	rate: number,
): Promise<SideResult> {
	const credentialsHelper = sevenRoomsCredentials(sandboxUrl, {
		rateLimitPerMinute: side === 'node' ? rate : 0,
	});
	// Warm-up: one small page through each side, so the measured run counts neither loading code
	// nor a heap grown by loading more code on one side than on the other (n8n loads both).
	await runWorkflow(nodeWorkflow(false), { credentialsHelper });
	await runWorkflow(peerWorkflow(sandboxUrl, rate, 1), { credentialsHelper });
	await fetch(`${sandboxUrl}/__sandbox/reset-stats`, { method: 'POST' });
	const workflow = side === 'node' ? nodeWorkflow(true) : peerWorkflow(sandboxUrl, rate);
	const outputNode = side === 'node' ? 'SevenRooms' : 'Split Out';
	const stopSampling = sampleRss();
	const started = Date.now();
	const result = await runWorkflow(workflow, { credentialsHelper });
	const seconds = (Date.now() - started) / 1000;
	const memory = stopSampling();
	const items = result.outputOf(outputNode);
	const guests = items.length;
	const requests = (await sandboxStats(sandboxUrl)).requests['GET /guests'] ?? {};
	return {
		seconds,
		guests,
		error: result.errorOf(outputNode)?.message,
		rateLimited: requests['429'] ?? 0,
		requests: Object.values(requests).reduce((sum, count) => sum + count, 0),
		peakRss: memory.rss,
		peakHeap: memory.heap,
		peakHeapTotal: memory.heapTotal,
		peakExternal: memory.external,
		retainedHeap: memory.retained,
		jsonMiB: MiB(Buffer.byteLength(JSON.stringify(items))),
	};
}
