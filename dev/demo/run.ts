/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages; not a node, its errors are for the terminal) */
import { rmSync } from 'node:fs';
import path from 'node:path';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { startRestaurantDay } from '../../sandbox/simulation';
import type { RestaurantDay, RestaurantDayOptions } from '../../sandbox/simulation';
import { smtpCredentialData, startMailDev } from '../mailDev';
import type { MailDev } from '../mailDev';
import { N8nClient, ROOT, startN8n } from '../n8n';
import { startQueueMode } from '../queueMode';
import { importDemo } from './import';
import type { ImportedDemo } from './import';
import { demoWorkflows, mcpPathOf } from './workflows';

/** Ctrl-C stops the demo in seconds: n8n waits this long for running executions (its default: 30). */
const DEMO_SHUTDOWN_SECONDS = 5;

export interface DemoOptions {
	/**
	 * Where n8n keeps its data, n8n's log and MailDev's emails: `.n8n-data/demo`, in queue mode
	 * `.n8n-data/queue-mode`. The sandbox keeps nothing: it starts from its seed every time.
	 */
	folder?: string;
	/** n8n's queue mode: PostgreSQL, Redis, main, two workers and a webhook processor */
	queue?: boolean;
	/** removes `folder` first */
	fresh?: boolean;
	/** free ports where not given */
	ports?: { sandbox?: number; n8n?: number; webhook?: number; smtp?: number; inbox?: number };
	guests?: number;
	/** the simulated restaurant day (sandbox/simulation.ts); false: the sandbox stays silent */
	simulation?: RestaurantDayOptions | false;
	/** aborted (Ctrl-C, a signal): a start under way stops what it started and throws */
	signal?: AbortSignal;
}

export interface Demo {
	sandbox: Sandbox;
	mailDev: MailDev;
	editorUrl: string;
	client: N8nClient;
	outbox: string;
	/** n8n's log file (queue mode: the main instance's; the others' beside their data) */
	logFile: string;
	imported: ImportedDemo;
	/** how many active SevenRooms Trigger workflows have no subscription in the sandbox (see n8n's log) */
	missingSubscriptions: number;
	/** what else to tell the user (queue mode's processes) */
	notes: string[];
	/** the MCP Server URLs of the active demo workflows with an MCP Server Trigger */
	mcpUrls: string[];
	day?: RestaurantDay;
	stop(): Promise<void>;
}

/**
 * `npm start`'s demo, in this order: the sandbox (fresh from its seed), MailDev, n8n with this
 * package (its data kept between runs), the demo's credentials and workflows (trigger workflows
 * published again, see `resubscribe`), then the restaurant day. `stop` ends all of it.
 */
export async function startDemo({
	folder,
	queue = false,
	fresh = false,
	ports = {},
	guests = 5000,
	simulation = {},
	signal,
}: DemoOptions = {}): Promise<Demo> {
	const root = folder ?? path.join(ROOT, queue ? '.n8n-data/queue-mode' : '.n8n-data/demo');
	if (fresh) rmSync(root, { recursive: true, force: true });
	const stops: Array<() => Promise<void>> = [];
	// All at once (each part stops on its own): seconds, also in queue mode on a busy machine.
	const stop = async () => {
		await Promise.all(stops.splice(0).map(async (next) => await next().catch(() => undefined)));
	};
	try {
		const sandbox = await startSandbox({ port: ports.sandbox ?? 0, guests });
		stops.push(async () => await sandbox.close());
		signal?.throwIfAborted();
		const mailDev = await startMailDev({
			smtpPort: ports.smtp,
			webPort: ports.inbox,
			mailDirectory: path.join(root, 'mail'),
		});
		stops.push(mailDev.stop);
		signal?.throwIfAborted();

		let editorUrl: string;
		/** where production webhooks and MCP servers answer (queue mode: the webhook processor) */
		let servedUrl: string;
		let outbox: string;
		let logFile: string;
		const notes: string[] = [];
		if (queue) {
			const cluster = await startQueueMode({
				root,
				fresh: false,
				mainPort: ports.n8n,
				webhookPort: ports.webhook,
				logFiles: true,
				signal,
				shutdownSeconds: DEMO_SHUTDOWN_SECONDS,
			});
			stops.push(cluster.stop);
			({ outbox } = cluster);
			editorUrl = cluster.main.url;
			servedUrl = cluster.webhook.url;
			logFile = path.join(cluster.main.userFolder, 'n8n.log');
			notes.push(
				`webhook processor:  ${cluster.webhook.url} (SevenRooms delivers here)`,
				`workers:            ${cluster.workers.length}, sharing Redis and PostgreSQL (port ${cluster.postgres.port}); each process logs to n8n.log in its folder`,
			);
		} else {
			logFile = path.join(root, 'n8n.log');
			const n8n = await startN8n({
				userFolder: root,
				port: ports.n8n,
				fresh: false,
				logFile,
				signal,
				shutdownSeconds: DEMO_SHUTDOWN_SECONDS,
			});
			stops.push(n8n.stop);
			editorUrl = n8n.url;
			servedUrl = n8n.url;
			outbox = path.join(root, 'outbox');
		}

		signal?.throwIfAborted();
		const client = new N8nClient(editorUrl);
		await client.signIn();
		const imported = await importDemo(client, {
			sandboxUrl: sandbox.url,
			outbox,
			smtp: smtpCredentialData(mailDev),
		});
		// n8n publishes activations in the background: wait for the subscriptions to show (on a busy
		// machine that can take a while).
		const subscribed = () => sandbox.state.webhooks.size >= imported.webhookWorkflows.length;
		for (const deadline = Date.now() + 180_000; !subscribed() && Date.now() < deadline; ) {
			signal?.throwIfAborted();
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		const missingSubscriptions = Math.max(
			0,
			imported.webhookWorkflows.length - sandbox.state.webhooks.size,
		);

		const mcpUrls = Object.entries(demoWorkflows('', outbox)).flatMap(([file, workflow]) => {
			const mcpPath = mcpPathOf(workflow);
			return mcpPath && imported.workflows[file]?.active ? [`${servedUrl}/mcp/${mcpPath}`] : [];
		});

		let day: RestaurantDay | undefined;
		if (simulation) {
			day = startRestaurantDay(sandbox.url, sandbox.state, simulation);
			stops.push(day.stop);
		}
		return {
			sandbox,
			mailDev,
			editorUrl,
			client,
			outbox,
			logFile,
			imported,
			missingSubscriptions,
			notes,
			mcpUrls,
			day,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
