/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node modules and dev packages) */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { N8nClient, ROOT, startN8n } from '../../dev/n8n';
import type { N8nInstance, StartN8nOptions } from '../../dev/n8n';
import { startQueueMode } from '../../dev/queueMode';
import type { QueueMode, QueueModeOptions } from '../../dev/queueMode';

/**
 * The n8n instances that several e2e files share, by group: one n8n 2.41.1 (`n8n`), one n8n 1.x
 * (`n8n1`), one queue-mode cluster (`queue`). The e2e run's global setup starts the groups its test
 * files name (see `groupsNamedIn`), in the background: each writes `instance.json` (or `error.txt`)
 * into its folder once it serves, where e2e/shared.ts waits for it. Global teardown stops them.
 */
export const SHARED_ROOT = path.join(ROOT, '.n8n-data/e2e-shared');
export const N8N_GROUPS: Record<string, Omit<StartN8nOptions, 'userFolder'>> = {
	n8n: {},
	n8n1: { n8n: 'n8n1' },
};
export const QUEUE_GROUPS: Record<string, Omit<QueueModeOptions, 'root'>> = {
	// As the README advises for queue mode: an expression isolate only when an expression needs
	// one (n8n's default builds one per webhook delivery; the single n8n group keeps the default).
	queue: { workers: 2, env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } },
};
/** the groups this run started, for e2e/shared.ts to tell a missing one from a slow one */
export const GROUPS_ENV = 'SEVENROOMS_E2E_GROUPS';

export const groupFolder = (group: string) => path.join(SHARED_ROOT, group);
export const instanceFile = (group: string) => path.join(groupFolder(group), 'instance.json');
export const errorFile = (group: string) => path.join(groupFolder(group), 'error.txt');

/** One n8n process as a test file sees it: where it serves and where its console output goes. */
export interface SharedProcess {
	url: string;
	userFolder: string;
	/** everything the process printed, as it comes */
	consoleFile: string;
	/** what it printed until it served (package loading included) */
	startupLog: string;
}
export interface SharedN8nInfo extends SharedProcess {
	kind: 'n8n';
}
export interface SharedQueueModeInfo {
	kind: 'queue';
	main: SharedProcess;
	webhook: SharedProcess;
	workers: SharedProcess[];
	outbox: string;
	postgresPort: number;
}

/** The groups a test file uses: every `sharedN8n('…')` and `sharedQueueMode('…')` in its text. */
export function groupsNamedIn(testFile: string): string[] {
	const text = readFileSync(testFile, 'utf8');
	return [...text.matchAll(/\bshared(?:N8n|QueueMode)\(\s*['"]([\w-]+)['"]\s*\)/g)].map(
		(match) => match[1],
	);
}

const described = (instance: N8nInstance, consoleFile: string): SharedProcess => ({
	url: instance.url,
	userFolder: instance.userFolder,
	consoleFile,
	startupLog: instance.logs.join(''),
});

/** Starts one group; its `instance.json` or `error.txt` says how that went. */
export async function startGroup(group: string): Promise<() => Promise<void>> {
	const folder = groupFolder(group);
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	try {
		if (group in N8N_GROUPS) {
			const consoleFile = path.join(folder, 'console.log');
			const userFolder = path.join(folder, 'n8n');
			const n8n = await startN8n({ ...N8N_GROUPS[group], userFolder, consoleFile });
			// The owner, once: files signing in at the same moment would each try to create it.
			await new N8nClient(n8n.url).signIn();
			const info: SharedN8nInfo = { kind: 'n8n', ...described(n8n, consoleFile) };
			writeFileSync(instanceFile(group), JSON.stringify(info));
			return n8n.stop;
		}
		if (group in QUEUE_GROUPS) {
			const root = path.join(folder, 'cluster');
			const queue: QueueMode = await startQueueMode({
				...QUEUE_GROUPS[group],
				root,
				consoleFiles: true,
			});
			await new N8nClient(queue.main.url).signIn();
			const process = (instance: N8nInstance) =>
				described(instance, path.join(instance.userFolder, 'console.log'));
			const info: SharedQueueModeInfo = {
				kind: 'queue',
				main: process(queue.main),
				webhook: process(queue.webhook),
				workers: queue.workers.map(process),
				outbox: queue.outbox,
				postgresPort: queue.postgres.port,
			};
			writeFileSync(instanceFile(group), JSON.stringify(info));
			return queue.stop;
		}
		throw new Error(
			`no shared group "${group}": e2e/setup/sharedInstances.ts knows ${[
				...Object.keys(N8N_GROUPS),
				...Object.keys(QUEUE_GROUPS),
			].join(', ')}`,
		);
	} catch (error) {
		writeFileSync(errorFile(group), (error as Error).stack ?? String(error));
		return async () => undefined;
	}
}
