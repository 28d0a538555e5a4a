/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
/**
 * Webhook trigger throughput in real n8n (one main process, SQLite): signed SevenRooms events per
 * second (signature check and dedupe on, every fifth delivery a redelivery) side by side with n8n's
 * own Webhook node (no verification) on the same instance, in interleaved rounds. A bare community
 * trigger (a webhook node of a package that does nothing) runs alongside to split the difference
 * into n8n's share (any package's node) and the SevenRooms Trigger's own. The trigger is at version
 * 2, as a new node is; the same trigger at version 1 (what workflows made before keep) shows what
 * n8n's version-1 handling costs it.
 *
 *   npx ts-node --transpile-only --prefer-ts-exts bench/webhook-throughput.ts [--events 150] \
 *     [--rounds 2] [--goal-events 400] [--goal-rounds 4] [--concurrency 8] [--env KEY=VALUE ...]
 *
 * Runs n8n twice: with its default settings (all four peers, `--events` in `--rounds`), then with
 * N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true for goal 1 (the trigger and the Webhook node only, with
 * the larger sample `--goal-events` in `--goal-rounds`: at a fixed concurrency p50 moves with
 * throughput, and 150 deliveries left it within ±13 % from run to run). `--env` runs once with the
 * given setting(s) instead (repeatable), all four peers.
 */
import path from 'node:path';

import { N8nClient, ROOT, startN8n } from '../dev/n8n';
import { credentialData } from '../dev/demo';
import { startSandbox } from '../sandbox/server';
import { flag, print } from './common';
import { probedEnvironment, writeN8nFixtures } from './n8nFixtures';
import { interleaved, probeReader, summary, warmUp } from './webhookLoad';
import type { Peer } from './webhookLoad';

const events = flag('events', 150);
const rounds = flag('rounds', 2);
const goalEvents = flag('goal-events', 400);
const goalRounds = flag('goal-rounds', 4);
const concurrency = flag('concurrency', 8);

/** `--env KEY=VALUE` flags, for n8n. */
export function envFlags(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	process.argv.forEach((arg, n) => {
		if (arg !== '--env') return;
		const [key, ...value] = String(process.argv[n + 1]).split('=');
		env[key] = value.join('=');
	});
	return env;
}

const noOp = {
	id: 'n',
	name: 'Done',
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: [300, 0],
	parameters: {},
};

/** A trigger → No Op workflow that keeps no successful executions (as a busy production one). */
export function triggerWorkflow(name: string, trigger: Record<string, unknown>) {
	return {
		name,
		nodes: [{ position: [0, 0], ...trigger, name: 'Trigger' }, noOp],
		connections: { Trigger: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		settings: { saveDataSuccessExecution: 'none', executionOrder: 'v1' },
	};
}

export const PEER_WEBHOOK = {
	id: 'w',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	webhookId: 'b3e1c2d4-0000-4000-8000-00000000be02',
	parameters: { httpMethod: 'POST', path: 'peer-bench', responseMode: 'onReceived', options: {} },
};

export const BARE_TRIGGER = {
	id: 'b',
	type: 'CUSTOM.benchBareTrigger',
	typeVersion: 1,
	webhookId: 'b3e1c2d4-0000-4000-8000-00000000be03',
	parameters: {},
};

/** The SevenRooms Trigger at version 2 (what a new node is) or 1 (what older workflows keep). */
export function sevenRoomsTrigger(credentialId: string, version: 1 | 2 = 2) {
	return {
		id: 't',
		// the package as n8n installs it (dev/n8n `startN8n`)
		type: 'n8n-nodes-sevenrooms.sevenRoomsTrigger',
		typeVersion: version,
		webhookId: `b3e1c2d4-0000-4000-8000-00000000be0${version === 1 ? 1 : 4}`,
		parameters: { events: ['reservation.created'], options: {} },
		credentials: { sevenRoomsOAuth2Api: { id: credentialId, name: 'SevenRooms bench' } },
	};
}

export function report(
	title: string,
	results: Map<string, ReturnType<typeof summary>>,
	[trigger, peer, bare, ...others]: string[],
	{ counts = true, goal = true }: { counts?: boolean; goal?: boolean } = {},
): { eventsRatio: number; p50Ratio: number } {
	const rows = [...results.entries()];
	const cell = (text: string) => text.padEnd(22);
	print(title);
	print(`${cell('')}${rows.map(([name]) => cell(name)).join('')}`);
	const line = (label: string, value: (s: ReturnType<typeof summary>) => string) =>
		print(`${cell(label)}${rows.map(([, s]) => cell(value(s))).join('')}`);
	line('events/second', (s) => s.perSecond.toFixed(1));
	line('p50 latency (ms)', (s) => s.p50.toFixed(1));
	line('p99 latency (ms)', (s) => s.p99.toFixed(1));
	line('n8n CPU ms/delivery', (s) => s.cpuPerDelivery.toFixed(1));
	line('n8n CPU ms/execution', (s) => s.cpuPerExecution.toFixed(1));
	if (counts) {
		line('static-data saves/dlv', (s) => s.savesPerDelivery.toFixed(2));
		line('isolates/delivery', (s) => s.isolatesPerDelivery.toFixed(2));
	}
	line('refused (>= 300)', (s) => String(s.refused));
	const ours = results.get(trigger)!;
	const theirs = results.get(peer)!;
	const eventsRatio = ours.perSecond / theirs.perSecond;
	const p50Ratio = theirs.p50 / ours.p50;
	print(
		`ratio trigger/peer: events per second ${eventsRatio.toFixed(2)}, p50 (peer/trigger) ${p50Ratio.toFixed(2)}; CPU per delivery ${(ours.cpuPerDelivery / theirs.cpuPerDelivery).toFixed(2)}×`,
	);
	const shared = bare ? results.get(bare) : undefined;
	if (shared) {
		const gap = ours.cpuPerDelivery - theirs.cpuPerDelivery;
		const n8nShare = shared.cpuPerDelivery - theirs.cpuPerDelivery;
		print(
			`CPU gap ${gap.toFixed(1)} ms/delivery: n8n's own (bare package trigger − Webhook node) ${n8nShare.toFixed(1)}, the SevenRooms Trigger's (− bare trigger) ${(gap - n8nShare).toFixed(1)}`,
		);
	}
	for (const name of others) {
		const other = results.get(name)!;
		print(
			`ratio ${name}/peer: events per second ${(other.perSecond / theirs.perSecond).toFixed(2)}, p50 (peer/it) ${(theirs.p50 / other.p50).toFixed(2)}; CPU per delivery ${(other.cpuPerDelivery / theirs.cpuPerDelivery).toFixed(2)}x`,
		);
	}
	if (goal) {
		for (const name of [trigger, ...others]) {
			const it = results.get(name)!;
			const met = it.perSecond / theirs.perSecond >= 0.95 && theirs.p50 / it.p50 >= 0.95;
			print(
				`goal 1 (>= 0.95x n8n's Webhook node, events/s and p50), ${name}: ${met ? 'met' : 'NOT met'}`,
			);
		}
	}
	return { eventsRatio, p50Ratio };
}

/**
 * One n8n instance with `env`, the peers, interleaved rounds, the report. `all`: also the bare
 * package trigger (what splits the difference into n8n's share and the node's) and version 1.
 */
async function measure(
	env: NodeJS.ProcessEnv,
	{ all, perPeer, inRounds }: { all: boolean; perPeer: number; inRounds: number },
) {
	const sandbox = await startSandbox({ guests: 100, rateLimitPerMinute: 0 });
	const fixtures = writeN8nFixtures('bench-webhook');
	const probeFile = path.join(ROOT, '.n8n-data/bench-webhook/probe-main.json');
	const n8n = await startN8n({
		userFolder: path.join(ROOT, '.n8n-data/bench-webhook/n8n'),
		env: { ...probedEnvironment(fixtures, probeFile), ...env },
	});
	try {
		const client = new N8nClient(n8n.url);
		await client.signIn();
		const credentialId = await client.createCredential(
			'SevenRooms bench',
			'sevenRoomsOAuth2Api',
			credentialData(sandbox.url, 0),
		);
		for (const [name, trigger] of [
			['bench: SevenRooms Trigger', sevenRoomsTrigger(credentialId)],
			["bench: n8n's Webhook node", PEER_WEBHOOK],
			['bench: bare package trigger', BARE_TRIGGER],
			['bench: SevenRooms Trigger version 1', sevenRoomsTrigger(credentialId, 1)],
		] as const) {
			const saved = await client.createWorkflow(triggerWorkflow(name, trigger));
			await client.activate(saved.id, saved.versionId);
		}
		const subscriptionOf = (webhookId: string) =>
			[...sandbox.state.webhooks.values()].find((hook) => hook.url.includes(webhookId));
		const v2 = sevenRoomsTrigger(credentialId, 2).webhookId;
		const v1 = sevenRoomsTrigger(credentialId, 1).webhookId;
		for (let i = 0; i < 150 && !(subscriptionOf(v1) && subscriptionOf(v2)); i++)
			await new Promise((resolve) => setTimeout(resolve, 200));
		const [ours, oursV1] = [subscriptionOf(v2)!, subscriptionOf(v1)!];
		const peers: Peer[] = [
			{ name: 'SevenRooms Trigger', url: ours.url, secret: ours.secret },
			{ name: "n8n's Webhook node", url: `${n8n.url}/webhook/peer-bench` },
			...(all
				? [
						{
							name: 'bare package trigger',
							url: `${n8n.url}/webhook/${BARE_TRIGGER.webhookId}/bare`,
						},
						{ name: 'Trigger version 1', url: oursV1.url, secret: oursV1.secret },
					]
				: []),
		];
		await warmUp(peers);
		const results = await interleaved(peers, {
			perPeer,
			rounds: inRounds,
			concurrency,
			read: probeReader([{ file: probeFile, pid: n8n.process.pid! }]),
		});
		const settings = Object.entries(env)
			.map(([key, value]) => `${key}=${value}`)
			.join(' ');
		report(
			`Webhook throughput, n8n 2.41.1 (one main process, SQLite, ${settings || "n8n's default settings"}): ${perPeer} deliveries a peer in ${inRounds} interleaved rounds, ${concurrency} at a time; the triggers' every fifth delivery a redelivery`,
			new Map([...results].map(([name, result]) => [name, summary(result)])),
			peers.map((peer) => peer.name),
		);
	} finally {
		await n8n.stop();
		await sandbox.close();
	}
}

/**
 * n8n's defaults, then with the expression isolate taken only when an expression needs it (the
 * setting that removes n8n's own per-delivery cost for package triggers); `--env` runs one setting.
 */
async function main() {
	const env = envFlags();
	if (Object.keys(env).length) {
		await measure(env, { all: true, perPeer: events, inRounds: rounds });
		return;
	}
	await measure({}, { all: true, perPeer: events, inRounds: rounds });
	print('');
	await measure(
		{ N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
		{ all: false, perPeer: goalEvents, inRounds: goalRounds },
	);
}

if (require.main === module) void main();
