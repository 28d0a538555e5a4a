/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
/**
 * Webhook deliveries for the throughput benches: signed SevenRooms events (every fifth a
 * redelivery of the one before), fired at several peers in interleaved rounds so that whatever
 * else loads the machine loads every peer alike, with n8n's CPU per delivery read from the probe.
 */
import { readFileSync } from 'node:fs';

import { signatureOf } from '../nodes/SevenRooms/helpers/signature';
import { readProbe } from './n8nFixtures';
import type { ProbeCounts } from './n8nFixtures';

export interface Delivery {
	body: string;
	headers: Record<string, string>;
}

export interface Peer {
	name: string;
	url: string;
	/** signed deliveries for the SevenRooms Trigger, plain ones for the others */
	secret?: string;
}

export interface PeerResult {
	deliveries: number;
	seconds: number;
	latencies: number[];
	/** CPU of the n8n process(es), ms, summed over the peer's rounds, executions included */
	cpuMs: number;
	/** deliveries that start an execution (all but the trigger's redeliveries) */
	executions: number;
	staticDataSaves: number;
	isolatesAcquired: number;
	refused: number;
}

let sequence = 0;

/** `count` events; with `redeliveries`, every fifth repeats the id of the one before. */
export function deliveries(count: number, secret: string | undefined, prefix: string): Delivery[] {
	const run = sequence++;
	return Array.from({ length: count }, (_, n): Delivery => {
		const id = n % 5 === 4 ? `evt_${prefix}_${run}_${n - 1}` : `evt_${prefix}_${run}_${n}`;
		const body = JSON.stringify({
			id,
			type: 'reservation.created',
			created_at: new Date().toISOString(),
			venue_id: null,
			data: { id: `res_${run}_${n}`, party_size: 2, status: 'booked' },
		});
		if (!secret) return { body, headers: {} };
		const t = Math.floor(Date.now() / 1000);
		return {
			body,
			headers: { 'X-SevenRooms-Signature': `t=${t},v1=${signatureOf(secret, t, body)}` },
		};
	});
}

async function fire(url: string, batch: Delivery[], concurrency: number) {
	const latencies: number[] = [];
	let refused = 0;
	let next = 0;
	const started = performance.now();
	const worker = async () => {
		while (next < batch.length) {
			const { body, headers } = batch[next++];
			const t0 = performance.now();
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', ...headers },
				body,
			});
			await response.arrayBuffer();
			if (response.status >= 300) refused++;
			latencies.push(performance.now() - t0);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return { seconds: (performance.now() - started) / 1000, latencies, refused };
}

/** Cumulative counts of the n8n processes under test. */
export type CountsReader = () => Promise<ProbeCounts>;

/** The probes' counts (see n8nFixtures), summed over processes. */
export function probeReader(probes: Array<{ file: string; pid: number }>): CountsReader {
	return async () => {
		const total: ProbeCounts = {
			staticDataSaves: 0,
			staticDataSaveMs: 0,
			isolatesAcquired: 0,
			cpuMs: 0,
		};
		for (const { file, pid } of probes) {
			const counts = await readProbe(file, pid);
			for (const key of [
				'staticDataSaves',
				'staticDataSaveMs',
				'isolatesAcquired',
				'cpuMs',
			] as const)
				total[key] += counts[key];
		}
		return total;
	};
}

/** CPU time of processes by pid from /proc (Linux), for processes started without the probe. */
export function procCpuReader(pids: number[]): CountsReader {
	const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
	return async () => {
		let ticks = 0;
		for (const pid of pids) {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
		}
		return {
			staticDataSaves: 0,
			staticDataSaveMs: 0,
			isolatesAcquired: 0,
			cpuMs: ticks / ticksPerMs,
		};
	};
}

/** Waits until the n8n processes are idle again (executions started by a round have ended). */
async function settle(read: CountsReader, processes = 1): Promise<ProbeCounts> {
	let last = await read();
	for (let quiet = 0; quiet < 2; ) {
		await new Promise((resolve) => setTimeout(resolve, 250));
		const now = await read();
		// an idle n8n still uses a little CPU (timers, metrics, 3% of a core): under 10% counts as idle
		quiet = now.cpuMs - last.cpuMs < 25 * processes ? quiet + 1 : 0;
		last = now;
	}
	return last;
}

/**
 * Sends `perPeer` deliveries to each peer in `rounds` rounds, the peers' order rotating each round,
 * `concurrency` at a time; n8n is let settle between rounds so each round's CPU is its own.
 */
export async function interleaved(
	peers: Peer[],
	{
		perPeer,
		rounds,
		concurrency,
		read,
		processes = 1,
	}: {
		perPeer: number;
		rounds: number;
		concurrency: number;
		read: CountsReader;
		/** how many n8n processes `read` sums (for what counts as idle) */
		processes?: number;
	},
): Promise<Map<string, PeerResult>> {
	const results = new Map<string, PeerResult>(
		peers.map((peer) => [
			peer.name,
			{
				deliveries: 0,
				seconds: 0,
				latencies: [],
				cpuMs: 0,
				executions: 0,
				staticDataSaves: 0,
				isolatesAcquired: 0,
				refused: 0,
			},
		]),
	);
	const perRound = Math.ceil(perPeer / rounds);
	for (let round = 0; round < rounds; round++) {
		for (let k = 0; k < peers.length; k++) {
			const peer = peers[(round + k) % peers.length];
			const batch = deliveries(perRound, peer.secret, peer.name.replace(/\W/g, ''));
			const before = await settle(read, processes);
			const fired = await fire(peer.url, batch, concurrency);
			const after = await settle(read, processes);
			const result = results.get(peer.name)!;
			result.deliveries += batch.length;
			result.executions += peer.secret ? batch.length - Math.floor(batch.length / 5) : batch.length;
			result.seconds += fired.seconds;
			result.latencies.push(...fired.latencies);
			result.refused += fired.refused;
			result.cpuMs += after.cpuMs - before.cpuMs;
			result.staticDataSaves += after.staticDataSaves - before.staticDataSaves;
			result.isolatesAcquired += after.isolatesAcquired - before.isolatesAcquired;
		}
	}
	return results;
}

/** Warm-up: a few deliveries to each peer (JIT, caches, the first execution's setup). */
export async function warmUp(peers: Peer[], count = 20): Promise<void> {
	for (const peer of peers) await fire(peer.url, deliveries(count, peer.secret, 'warm'), 4);
}

export function quantile(sorted: number[], q: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export function summary(result: PeerResult) {
	const sorted = [...result.latencies].sort((a, b) => a - b);
	return {
		perSecond: result.deliveries / result.seconds,
		p50: quantile(sorted, 0.5),
		p99: quantile(sorted, 0.99),
		cpuPerDelivery: result.cpuMs / result.deliveries,
		cpuPerExecution: result.cpuMs / result.executions,
		savesPerDelivery: result.staticDataSaves / result.deliveries,
		isolatesPerDelivery: result.isolatesAcquired / result.deliveries,
		refused: result.refused,
	};
}
