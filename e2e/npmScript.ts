/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev tooling, runs in Node beside n8n, never inside it (starts npm scripts; Node globals; Node modules and dev packages; not a node, its errors are for the test) */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';

import { ROOT } from '../dev/n8n';
import { until } from '../dev/until';

/**
 * `npm start` or `npm run queue-mode` as a user runs them, and stopped as a process manager, an
 * IDE's stop button or a script stops them: a signal to npm's own pid, which npm hands only to its
 * child. Within 10 s the demo's ports must be free and none of the processes that ran under npm
 * may be left.
 */
export const STOP_WITHIN_MS = 10_000;

/** Every process below `pid`, from /proc. */
function descendants(pid: number): number[] {
	const children = new Map<number, number[]>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			// "pid (name) state ppid …": the name may hold spaces and parentheses; read after the last ')'.
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

const commandOf = (pid: number) => {
	try {
		return `${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')}`;
	} catch {
		return String(pid);
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

export async function busyPorts(ports: number[]): Promise<number[]> {
	const busy = await Promise.all(ports.map(async (port) => ((await listening(port)) ? port : 0)));
	return busy.filter(Boolean);
}

export interface RunningScript {
	/** what npm and the demo printed so far */
	output(): string;
	/** the processes below npm once the demo was up (n8n, MailDev, …) */
	processes: number[];
	/** sends `signal` to npm's pid; resolves with how long everything took to stop, or throws */
	stopWith(signal: NodeJS.Signals): Promise<number>;
	/** a test that failed: whatever is left is killed */
	kill(): void;
}

/** `npm run <script>` with `env`, once it says "Press Ctrl-C to stop." on `ports`. */
export async function runNpmScript(
	script: 'start' | 'queue-mode',
	env: Record<string, string>,
	ports: number[],
): Promise<RunningScript> {
	expect(await busyPorts(ports)).toEqual([]); // (a demo already running would hold them)
	let output = '';
	const npm = spawn('npm', ['run', script], {
		cwd: ROOT,
		// Its own build and tarball, as a user's (not the one the e2e setup packed).
		env: { ...process.env, SEVENROOMS_TARBALL: '', SANDBOX_SIMULATION: 'off', ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	npm.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	npm.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise((resolve) => npm.once('exit', resolve));
	let processes: number[] = [];
	const kill = () => {
		for (const pid of [npm.pid!, ...processes, ...descendants(npm.pid!)])
			if (alive(pid)) process.kill(pid, 'SIGKILL');
	};
	try {
		await until(
			`npm run ${script} to start`,
			() => {
				if (npm.exitCode !== null) throw new Error(`npm run ${script} ended:\n${output}`);
				return output.includes('Press Ctrl-C to stop.');
			},
			600_000,
			() => output.slice(-2000),
		);
		expect(await busyPorts(ports)).toEqual(ports);
		processes = descendants(npm.pid!);
	} catch (error) {
		kill();
		throw error;
	}
	return {
		output: () => output,
		processes,
		kill,
		stopWith: async (signal) => {
			const sent = Date.now();
			process.kill(npm.pid!, signal);
			for (;;) {
				const stillBusy = await busyPorts(ports);
				const stillAlive = [npm.pid!, ...processes].filter(alive);
				if (!stillBusy.length && !stillAlive.length) break;
				if (Date.now() - sent > STOP_WITHIN_MS)
					throw new Error(
						`${STOP_WITHIN_MS / 1000} s after ${signal}: ports still open ${JSON.stringify(stillBusy)}, processes left:\n${stillAlive.map(commandOf).join('\n')}\n${output.slice(-1500)}`,
					);
				await new Promise((resolve) => setTimeout(resolve, 200));
			}
			await exited;
			const took = Date.now() - sent;
			process.stdout.write(`npm run ${script}: stopped ${took} ms after ${signal}\n`);
			return took;
		},
	};
}
