/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals) */
/**
 * Audience sync: the SevenRooms node (Guest → Get Many, Return All, Email Opt-In = true) against
 * the way users do it without it, n8n's HTTP Request node with its pagination options followed by
 * Split Out on `data` (so that both put out the same items, one per guest), on the same sandbox
 * data. Two cases: under SevenRooms' rate limit (`--rate`; the peer waits 60/rate s between
 * requests, as a careful user sets it), for speed against the limit's bound; and at the same pace,
 * with no limit and no waits on either side, for memory (goal 2): V8 sizes its heap by how fast a
 * process allocates, so RSS compared at different paces compares the paces. Each side runs in a
 * fresh process of its own (its own sandbox, same seed, same guests), after a small warm-up run
 * that loads its code, so neither inherits the other's heap; the sandbox runs in a process of its
 * own too (a fresh one per side, same seed), so its 83,000 guests are not counted.
 *
 *   npx ts-node --transpile-only --prefer-ts-exts bench/audience-sync.ts [--guests 50000] [--rate 200] [--repeat 1]
 *   (one side only, as the parent runs them: ... --only node|peer --sandbox URL --rate N --peer-interval MS)
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

import { freePort } from '../dev/n8n';
import { PAGE, UNLIMITED, peerIntervalMs, runSide } from './audienceSide';
import type { SideResult } from './audienceSide';
import { flag, print } from './common';

const OPTED_IN_SHARE = 0.6;

/** The sandbox CLI in a process of its own; resolves once it listens. */
async function sandboxProcess(guests: number, rate: number) {
	const port = await freePort();
	// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- a benchmark, not node code
	const child = spawn(
		process.execPath,
		[
			'-r',
			'ts-node/register/transpile-only',
			path.join(__dirname, '../sandbox/cli.ts'),
			'--port',
			String(port),
			'--guests',
			String(guests),
			'--seed',
			'7',
			'--rate-limit',
			String(rate),
		],
		{
			env: { ...process.env, TS_NODE_PREFER_TS_EXTS: 'true' },
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	let output = '';
	await new Promise<void>((resolve, reject) => {
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('listening on')) resolve();
		});
		child.once('exit', (code) => reject(new Error(`The sandbox exited with ${code}: ${output}`)));
	});
	return {
		url: `http://127.0.0.1:${port}`,
		stop: async () => {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		},
	};
}

/** Runs one side in a fresh Node process (with `--expose-gc`), with a fresh sandbox of its own. */
async function inFreshProcess(side: 'node' | 'peer', wanted: number, rate: number) {
	const sandbox = await sandboxProcess(Math.ceil(wanted / OPTED_IN_SHARE), rate);
	try {
		// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- a benchmark, not node code
		const child = spawnSync(
			process.execPath,
			[
				'--expose-gc',
				'-r',
				'ts-node/register/transpile-only',
				__filename,
				'--only',
				side,
				'--sandbox',
				sandbox.url,
				'--rate',
				String(rate),
				'--peer-interval',
				String(peerIntervalMs(rate)),
			],
			{ env: { ...process.env, TS_NODE_PREFER_TS_EXTS: 'true' }, encoding: 'utf8' },
		);
		const line = child.stdout.split('\n').find((text) => text.startsWith('RESULT '));
		if (!line) throw new Error(`The ${side} run failed:\n${child.stdout}\n${child.stderr}`);
		return JSON.parse(line.slice('RESULT '.length)) as SideResult;
	} finally {
		await sandbox.stop();
	}
}

/** Each figure's median over the runs (one run: itself). */
function medianRun(runs: SideResult[]): SideResult {
	const median = (values: number[]) => {
		const sorted = [...values].sort((a, b) => a - b);
		return sorted[Math.floor((sorted.length - 1) / 2)];
	};
	const result = { ...runs[0] };
	for (const key of Object.keys(result) as Array<keyof SideResult>) {
		if (typeof result[key] === 'number')
			(result as unknown as Record<string, number>)[key] = median(
				runs.map((run) => run[key] as number),
			);
	}
	return result;
}

/** Both sides `repeat` times under one limit, alternating, each run a fresh process: medians. */
async function compare(title: string, wanted: number, rate: number, repeat: number) {
	const unlimited = rate >= UNLIMITED;
	print('');
	print(
		unlimited
			? `${title}: about ${wanted} opted-in guests, no rate limit and no waits on either side, ${PAGE} per page`
			: `${title}: about ${wanted} opted-in guests, limit ${rate} requests/min (the peer waits ${peerIntervalMs(rate)} ms between requests), ${PAGE} per page: bound ${rate * PAGE} guests/min`,
	);
	const runs: Record<'node' | 'peer', SideResult[]> = { node: [], peer: [] };
	for (let n = 0; n < repeat; n++) {
		for (const side of n % 2 ? (['peer', 'node'] as const) : (['node', 'peer'] as const))
			runs[side].push(await inFreshProcess(side, wanted, rate));
	}
	const node = medianRun(runs.node);
	const peer = medianRun(runs.peer);
	if (repeat > 1) {
		for (const side of ['node', 'peer'] as const)
			print(
				`${side} runs, peak RSS growth / heap used growth (MiB): ${runs[side].map((run) => `${run.peakRss.toFixed(1)} / ${run.peakHeap.toFixed(1)}`).join(', ')}`,
			);
	}

	const rateOf = (run: SideResult) => (run.guests / run.seconds) * 60;
	const row = (label: string, value: (run: SideResult) => string) =>
		print(`${label.padEnd(25)}${value(node).padEnd(19)}${value(peer)}`);
	print('');
	print(`${''.padEnd(25)}SevenRooms node    HTTP Request peer`);
	row('guests', (run) => String(run.guests));
	row('seconds', (run) => run.seconds.toFixed(1));
	row('guests/minute', (run) => rateOf(run).toFixed(0));
	if (!unlimited)
		row('share of the bound', (run) => `${((rateOf(run) / (rate * PAGE)) * 100).toFixed(1)}%`);
	row('429 answers', (run) => String(run.rateLimited));
	row('requests', (run) => String(run.requests));
	row('peak RSS growth (MiB)', (run) => run.peakRss.toFixed(1));
	row('RSS growth / JSON', (run) => (run.peakRss / run.jsonMiB).toFixed(2));
	row('peak heap used growth', (run) => run.peakHeap.toFixed(1));
	row('peak heap total growth', (run) => run.peakHeapTotal.toFixed(1));
	row('peak external growth', (run) => run.peakExternal.toFixed(1));
	row('heap held after (GC)', (run) => run.retainedHeap.toFixed(1));
	row('output JSON (MiB)', (run) => run.jsonMiB.toFixed(1));
	if (node.error || peer.error)
		print(`errors: node=${node.error ?? '-'} peer=${peer.error ?? '-'}`);
	print('');
	print(`ratio node/peer guests per minute: ${(rateOf(node) / rateOf(peer)).toFixed(2)}`);
	const memoryRatio = node.peakRss / peer.peakRss;
	print(
		`ratio node/peer peak RSS growth: ${memoryRatio.toFixed(2)}${unlimited ? ` -> goal 2 (<= 1.00): ${memoryRatio <= 1 ? 'met' : 'NOT met'}` : ' (different paces: see bench/README.md)'}`,
	);
}

async function main() {
	const wanted = flag('guests', 50_000);
	const rate = flag('rate', 200);
	if (process.argv.includes('--only')) {
		const only = process.argv[process.argv.indexOf('--only') + 1];
		const sandboxUrl = process.argv[process.argv.indexOf('--sandbox') + 1];
		const result = await runSide(only as 'node' | 'peer', sandboxUrl, rate);
		print(`RESULT ${JSON.stringify(result)}`);
		return;
	}
	print('Audience sync, each side in a fresh process with a fresh sandbox of its own');
	const repeat = flag('repeat', 1);
	await compare('Under the rate limit (speed)', wanted, rate, repeat);
	await compare('At the same pace (memory, goal 2)', wanted, UNLIMITED, repeat);
}

void main();
