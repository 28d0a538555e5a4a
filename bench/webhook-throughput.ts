/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
/**
 * Webhook trigger throughput in real n8n: signed SevenRooms events per second accepted (with
 * signature check and dedupe on, 20% duplicates) and the latency it adds, side by side with n8n's
 * own Webhook node (no verification) on the same instance.
 *
 *   npx ts-node --transpile-only --prefer-ts-exts bench/webhook-throughput.ts [--events 500] [--concurrency 8]
 */
import path from 'node:path';

import { N8nClient, ROOT, startN8n } from '../dev/n8n';
import { signatureOf } from '../nodes/SevenRooms/helpers/signature';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startSandbox } from '../sandbox/server';
import { flag, print } from './common';

const events = flag('events', 500);
const concurrency = flag('concurrency', 8);

async function fire(url: string, bodies: Array<{ body: string; headers: Record<string, string> }>) {
	const latencies: number[] = [];
	let next = 0;
	const started = Date.now();
	const worker = async () => {
		while (next < bodies.length) {
			const { body, headers } = bodies[next++];
			const t0 = performance.now();
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', ...headers },
				body,
			});
			await response.arrayBuffer();
			if (response.status >= 300) throw new Error(`HTTP ${response.status} from ${url}`);
			latencies.push(performance.now() - t0);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const seconds = (Date.now() - started) / 1000;
	latencies.sort((a, b) => a - b);
	const at = (q: number) =>
		latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
	return { perSecond: bodies.length / seconds, p50: at(0.5), p99: at(0.99) };
}

async function main() {
	const sandbox = await startSandbox({ guests: 100, rateLimitPerMinute: 0 });
	const n8n = await startN8n({ userFolder: path.join(ROOT, '.n8n-data/bench') });
	try {
		const client = new N8nClient(n8n.url);
		await client.signIn();
		const credentialId = await client.createCredential('SevenRooms bench', 'sevenRoomsOAuth2Api', {
			environment: 'custom',
			baseUrl: sandbox.url,
			clientId: SANDBOX_CLIENT_ID,
			clientSecret: SANDBOX_CLIENT_SECRET,
			rateLimitPerMinute: 0,
		});
		const noOp = {
			id: 'n',
			name: 'Done',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [300, 0],
			parameters: {},
		};
		const trigger = await client.createWorkflow({
			name: 'bench: SevenRooms Trigger',
			nodes: [
				{
					id: 't',
					name: 'Trigger',
					type: 'n8n-nodes-sevenrooms.sevenRoomsTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId: 'b3e1c2d4-0000-4000-8000-00000000be01',
					parameters: { events: ['reservation.created'], options: {} },
					credentials: { sevenRoomsOAuth2Api: { id: credentialId, name: 'SevenRooms bench' } },
				},
				noOp,
			],
			connections: { Trigger: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
			settings: { saveDataSuccessExecution: 'none' },
		});
		const peer = await client.createWorkflow({
			name: 'bench: n8n Webhook',
			nodes: [
				{
					id: 'w',
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: 'b3e1c2d4-0000-4000-8000-00000000be02',
					parameters: {
						httpMethod: 'POST',
						path: 'peer-bench',
						responseMode: 'onReceived',
						options: {},
					},
				},
				noOp,
			],
			connections: { Webhook: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
			settings: { saveDataSuccessExecution: 'none' },
		});
		await client.activate(trigger.id, trigger.versionId);
		await client.activate(peer.id, peer.versionId);
		for (let i = 0; i < 100 && sandbox.state.webhooks.size === 0; i++)
			await new Promise((resolve) => setTimeout(resolve, 200));
		const subscription = [...sandbox.state.webhooks.values()][0];

		const signed = Array.from({ length: events }, (_, n) => {
			const id = n % 5 === 4 ? `evt_${n - 1}` : `evt_${n}`; // every fifth is a redelivery
			const body = JSON.stringify({
				id,
				type: 'reservation.created',
				created_at: new Date().toISOString(),
				venue_id: null,
				data: { id: `res_${n}` },
			});
			const t = Math.floor(Date.now() / 1000);
			return {
				body,
				headers: {
					'X-SevenRooms-Signature': `t=${t},v1=${signatureOf(subscription.secret, t, body)}`,
				},
			};
		});
		const plain = signed.map(({ body }) => ({ body, headers: {} }));
		const ours = await fire(subscription.url, signed);
		const theirs = await fire(`${n8n.url}/webhook/peer-bench`, plain);

		print(
			`Webhook throughput in n8n 2.41.1: ${events} events, ${concurrency} at a time (20% redeliveries for the trigger)`,
		);
		print('                      SevenRooms Trigger   n8n Webhook node');
		print(
			`events/second         ${ours.perSecond.toFixed(0).padEnd(21)}${theirs.perSecond.toFixed(0)}`,
		);
		print(`p50 latency (ms)      ${ours.p50.toFixed(1).padEnd(21)}${theirs.p50.toFixed(1)}`);
		print(`p99 latency (ms)      ${ours.p99.toFixed(1).padEnd(21)}${theirs.p99.toFixed(1)}`);
		print(
			`ratio trigger/peer events per second: ${(ours.perSecond / theirs.perSecond).toFixed(2)}; added p50 latency ${(ours.p50 - theirs.p50).toFixed(1)} ms`,
		);
	} finally {
		await n8n.stop();
		await sandbox.close();
	}
}

void main();
