/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { credentialData } from '../dev/demo';
import { N8nClient } from '../dev/n8n';
import { postgresQuery } from '../dev/queueMode';
import { until } from '../dev/until';
import { GROUPS_ENV, errorFile, instanceFile } from './setup/sharedInstances';
import type { SharedN8nInfo, SharedProcess, SharedQueueModeInfo } from './setup/sharedInstances';

/**
 * The n8n instances e2e files share, so that each file does not wait a minute for its own n8n and
 * the files of a group run side by side (jest runs several files at once).
 *
 * To use one, in `beforeAll`: `const n8n = await sharedN8n('n8n')` (n8n 2.41.1; `'n8n1'`: the last
 * 1.x) or `const queue = await sharedQueueMode('queue')` (main, webhook processor, 2 workers). The
 * e2e setup (e2e/setup/globalSetup.ts) finds that call in the file's text and starts the group once,
 * before the first file that names it; a new group is an entry in e2e/setup/sharedInstances.ts.
 * What a file may do in a shared instance, so that the others don't notice it:
 * - its own sandbox, credentials (`signedInWithCredential`) and workflows (n8n keeps them apart
 *   by id; names may repeat); the editor gives a new node any SevenRooms credential of the
 *   instance, other files' too, so a browser test chooses its own (editor.e2e.ts);
 * - outbox files only in `outbox`, its own folder;
 * - a trigger workflow it activates gets its own webhook path: `ownWebhookIds(workflow)`;
 * - n8n's output: `startupLog` (until it served), or the lines of its own executions;
 * - never stop, restart or reconfigure the instance: a file that needs that starts its own n8n
 *   (`startN8n` from dev/n8n, as trigger-restart.e2e.ts does).
 */
export interface SharedN8n extends SharedProcess {
	/** this file's own folder where n8n may write files (Read/Write Files from Disk) */
	outbox: string;
	/** everything n8n printed so far */
	log(): string;
}
export interface SharedQueueMode extends Omit<SharedQueueModeInfo, 'kind' | 'postgresPort'> {
	postgres: { port: number; query(sql: string): Promise<Array<Record<string, unknown>>> };
}

/** What everything the process printed so far says. */
export const consoleOf = (process: SharedProcess) => readFileSync(process.consoleFile, 'utf8');

async function joined<T>(group: string): Promise<T> {
	const started = (process.env[GROUPS_ENV] ?? '').split(',');
	if (!started.includes(group))
		throw new Error(
			`The shared group "${group}" was not started. The e2e setup starts the groups named in a \`sharedN8n('…')\` or \`sharedQueueMode('…')\` call in the text of the files it runs (run e2e files with jest.e2e.config.js).`,
		);
	// The group starts with the run; an n8n takes about a minute, a queue-mode cluster a few.
	const file = await until(
		`the shared group "${group}" to start`,
		() => {
			if (existsSync(errorFile(group)))
				throw new Error(
					`The shared group "${group}" did not start:\n${readFileSync(errorFile(group), 'utf8')}`,
				);
			return existsSync(instanceFile(group)) ? instanceFile(group) : undefined;
		},
		900_000,
	);
	return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** This test file's own folder under `outbox`, made if missing. */
function ownFolder(outbox: string): string {
	const testFile = path.basename(expect.getState().testPath ?? 'e2e', '.e2e.ts');
	const folder = path.join(outbox, testFile);
	mkdirSync(folder, { recursive: true });
	return folder;
}

export async function sharedN8n(group: 'n8n' | 'n8n1'): Promise<SharedN8n> {
	const info = await joined<SharedN8nInfo>(group);
	return {
		...info,
		outbox: ownFolder(path.join(info.userFolder, 'outbox')),
		log: () => consoleOf(info),
	};
}

export async function sharedQueueMode(group: 'queue'): Promise<SharedQueueMode> {
	const { main, webhook, workers, outbox, postgresPort } = await joined<SharedQueueModeInfo>(group);
	return {
		main,
		webhook,
		workers,
		outbox: ownFolder(outbox),
		postgres: { port: postgresPort, query: async (sql) => await postgresQuery(postgresPort, sql) },
	};
}

/** A REST client signed in to the n8n at `url`, and a SevenRooms credential there for `sandboxUrl`. */
export async function signedInWithCredential(
	url: string,
	sandboxUrl: string,
	rateLimitPerMinute?: number,
): Promise<{ client: N8nClient; credentialId: string }> {
	const client = new N8nClient(url);
	await client.signIn();
	const credentialId = await client.createCredential(
		'SevenRooms sandbox',
		'sevenRoomsOAuth2Api',
		credentialData(sandboxUrl, rateLimitPerMinute),
	);
	return { client, credentialId };
}

/** The workflow with a new webhookId on every node that has one: its own webhook paths. */
export function ownWebhookIds<T extends { nodes?: unknown }>(workflow: T): T {
	const nodes = workflow.nodes as Array<Record<string, unknown>> | undefined;
	return {
		...workflow,
		nodes: nodes?.map((node) => (node.webhookId ? { ...node, webhookId: randomUUID() } : node)),
	};
}
