/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
/**
 * Queue mode: deliveries per second that one n8n webhook processor takes, the SevenRooms Trigger
 * (signature check, dedupe, every fifth delivery a redelivery) side by side with n8n's own Webhook
 * node, in interleaved rounds. PostgreSQL 17, Redis, n8n main, 2 workers and 1 webhook processor on
 * this machine (dev/queueMode.ts, as the queue-mode e2e test), executions on the workers.
 *
 *   npx ts-node --transpile-only --prefer-ts-exts bench/queue-throughput.ts [--events 150] [--rounds 2] [--concurrency 8] [--env KEY=VALUE ...]
 *
 * `--env` gives every n8n process a setting (repeatable), e.g. N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true.
 */
import path from 'node:path';

import { N8nClient, ROOT } from '../dev/n8n';
import { startQueueMode } from '../dev/queueMode';
import { credentialData } from '../dev/demo';
import { startSandbox } from '../sandbox/server';
import { flag, print } from './common';
import {
	envFlags,
	PEER_WEBHOOK,
	report,
	sevenRoomsTrigger,
	triggerWorkflow,
} from './webhook-throughput';
import { interleaved, procCpuReader, summary, warmUp } from './webhookLoad';
import type { Peer } from './webhookLoad';

const events = flag('events', 150);
const rounds = flag('rounds', 2);
const concurrency = flag('concurrency', 8);

async function main() {
	const sandbox = await startSandbox({ guests: 100, rateLimitPerMinute: 0 });
	const settings = envFlags();
	const queue = await startQueueMode({
		root: path.join(ROOT, '.n8n-data/bench-queue'),
		workers: 2,
		env: settings,
	});
	try {
		const client = new N8nClient(queue.main.url);
		await client.signIn();
		const credentialId = await client.createCredential(
			'SevenRooms bench',
			'sevenRoomsOAuth2Api',
			credentialData(sandbox.url, 0),
		);
		for (const [name, trigger] of [
			['bench: SevenRooms Trigger', sevenRoomsTrigger(credentialId)],
			["bench: n8n's Webhook node", PEER_WEBHOOK],
		] as const) {
			const saved = await client.createWorkflow(triggerWorkflow(name, trigger));
			await client.activate(saved.id, saved.versionId);
		}
		for (let i = 0; i < 150 && sandbox.state.webhooks.size === 0; i++)
			await new Promise((resolve) => setTimeout(resolve, 200));
		const subscription = [...sandbox.state.webhooks.values()][0];
		if (!subscription) throw new Error('The SevenRooms Trigger did not subscribe');
		const peers: Peer[] = [
			{ name: 'SevenRooms Trigger', url: subscription.url, secret: subscription.secret },
			{ name: "n8n's Webhook node", url: `${queue.webhook.url}/webhook/peer-bench` },
		];
		// The webhook processor registers active workflows' webhooks as it learns of them.
		for (let i = 0; i < 60; i++) {
			const answers = await Promise.all(
				peers.map(async (peer) => (await fetch(peer.url, { method: 'POST', body: '{}' })).status),
			);
			if (answers.every((status) => status !== 404)) break;
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
		await warmUp(peers);
		const pids = [queue.webhook, ...queue.workers].map((instance) => instance.process.pid!);
		const results = await interleaved(peers, {
			perPeer: events,
			rounds,
			concurrency,
			read: procCpuReader(pids),
			processes: pids.length,
		});
		const shownSettings = Object.entries(settings)
			.map(([key, value]) => `, ${key}=${String(value)}`)
			.join('');
		report(
			`Queue mode, n8n 2.41.1: 1 webhook processor, 2 workers, PostgreSQL 17, Redis${shownSettings}; ${events} deliveries a peer in ${rounds} interleaved rounds, ${concurrency} at a time (CPU: webhook processor + workers)`,
			new Map([...results].map(([name, result]) => [name, summary(result)])),
			peers.map((peer) => peer.name),
			{ counts: false, goal: false },
		);
		// What the trigger's static data holds now: the fingerprints of the events it accepted?
		const rows = await queue.postgres.query(
			`SELECT "staticData" AS data FROM workflow_entity WHERE name = 'bench: SevenRooms Trigger'`,
		);
		const data = rows[0]?.data;
		const staticData = (typeof data === 'string' ? JSON.parse(data) : data) as
			| Record<string, { acceptedEvents?: Record<string, string> }>
			| undefined;
		const buckets = staticData?.['node:Trigger']?.acceptedEvents ?? {};
		const fingerprints = Object.values(buckets).reduce(
			(sum, bucket) => sum + bucket.length / 12,
			0,
		);
		print(
			`event fingerprints saved in the trigger's static data (PostgreSQL): ${fingerprints}, for ${results.get(peers[0].name)!.executions} accepted events (plus the warm-up's)`,
		);
		const ours = summary(results.get(peers[0].name)!);
		print(
			`sizing: one webhook processor took ${ours.perSecond.toFixed(1)} SevenRooms deliveries/s here (2 cores shared with PostgreSQL, Redis, main and 2 workers)`,
		);
	} finally {
		await queue.stop();
		await sandbox.close();
	}
}

void main();
