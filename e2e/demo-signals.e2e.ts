/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (starts `npm start`; Node globals; Node modules and dev packages) */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';

import { ROOT } from '../dev/n8n';
import { until } from '../dev/until';

/**
 * `npm start` and `npm run queue-mode` stop everything on a signal to the npm process, as on Ctrl-C:
 * what a process manager, an IDE's stop button or a script sends goes to npm's pid alone, and npm
 * hands it only to its own child. Within 10 s the demo's ports are free and none of the processes
 * that ran under npm is left.
 */
const PORTS = { n8n: 5678, sandbox: 4010, inbox: 1080, smtp: 1025 };
const QUEUE_PORTS = { ...PORTS, webhook: 5680 };
const STOP_WITHIN_MS = 10_000;

/** Every process below `pid`, from /proc. */
function descendants(pid: number): number[] {
	const children = new Map<number, number[]>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			// "pid (name) state ppid …": the name may hold spaces and parentheses, so read after the last ')'.
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
		} catch {
			// gone meanwhile
		}
	}
	const found: number[] = [];
	const parents = [pid];
	while (parents.length)
		for (const child of children.get(parents.shift()!) ?? []) {
			found.push(child);
			parents.push(child);
		}
	return found;
}

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		// A zombie has ended; only its parent has not collected it yet.
		return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return false;
	}
};

const listening = (port: number) =>
	new Promise<boolean>((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});

async function busyPorts(ports: number[]): Promise<number[]> {
	const busy = await Promise.all(ports.map(async (port) => ((await listening(port)) ? port : 0)));
	return busy.filter(Boolean);
}

let npm: ChildProcess | undefined;
let leftovers: number[] = [];

afterEach(() => {
	// A failed test must not leave the demo running for the next one.
	for (const pid of [npm?.pid ?? 0, ...leftovers].filter((pid) => pid && alive(pid)))
		process.kill(pid, 'SIGKILL');
	npm = undefined;
	leftovers = [];
});

it.each([
	['start', 'SIGTERM', PORTS],
	['start', 'SIGINT', PORTS],
	['queue-mode', 'SIGTERM', QUEUE_PORTS],
] as const)(
	'npm run %s: %s to the npm process stops everything',
	async (script, signal, ports) => {
		const demoPorts = Object.values(ports);
		expect(await busyPorts(demoPorts)).toEqual([]); // (a demo already running would take them)
		let output = '';
		npm = spawn('npm', ['run', script], {
			cwd: ROOT,
			// Its own build and tarball, as a user's `npm start` (not the one the e2e setup packed).
			env: { ...process.env, SEVENROOMS_TARBALL: '', SANDBOX_SIMULATION: 'off' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		npm.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		npm.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const exited = new Promise((resolve) => npm!.once('exit', resolve));
		await until(
			`npm run ${script} to start`,
			() => {
				if (npm?.exitCode !== null) throw new Error(`npm run ${script} ended:\n${output}`);
				return output.includes('Press Ctrl-C to stop.');
			},
			600_000,
			() => output.slice(-2000),
		);
		expect(await busyPorts(demoPorts)).toEqual(demoPorts);
		leftovers = descendants(npm.pid!);
		// n8n, MailDev (and in queue mode the workers, the webhook processor, PostgreSQL, Redis).
		expect(leftovers.length).toBeGreaterThanOrEqual(script === 'start' ? 2 : 7);

		const sent = Date.now();
		process.kill(npm.pid!, signal);
		for (;;) {
			const stillBusy = await busyPorts(demoPorts);
			const stillAlive = [npm.pid!, ...leftovers].filter(alive);
			if (!stillBusy.length && !stillAlive.length) break;
			if (Date.now() - sent > STOP_WITHIN_MS) {
				const commands = stillAlive.map((pid) => {
					try {
						return `${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')}`;
					} catch {
						return String(pid);
					}
				});
				throw new Error(
					`${STOP_WITHIN_MS / 1000} s after ${signal}: ports still open ${JSON.stringify(stillBusy)}, processes left:\n${commands.join('\n')}\n${output.slice(-1500)}`,
				);
			}
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		await exited;
		process.stdout.write(`npm run ${script}: stopped ${Date.now() - sent} ms after ${signal}\n`);
		expect(output).toContain('stopped');
	},
	900_000,
);
