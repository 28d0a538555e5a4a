/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev tooling, runs in Node beside n8n, never inside it (starts n8n and its services; Node modules; not a node, its errors are for the terminal) */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { freePort, startN8n } from './n8n';
import type { N8nInstance } from './n8n';
import { startPostgres, startRedis } from './queueServices';

export { postgresQuery } from './queueServices';

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
	/** how long each n8n process may take to stop (see `startN8n`) */
	shutdownSeconds?: number;
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
	shutdownSeconds,
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
			shutdownSeconds,
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
				shutdownSeconds,
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
					shutdownSeconds,
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
