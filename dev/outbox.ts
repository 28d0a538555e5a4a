/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node modules) */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Items the demo and test workflows wrote to an outbox folder, from the JSON files whose name
 * starts with `prefix`. A file a process is still writing is left for the next look (it can only
 * make the list shorter).
 */
export function outboxItems(folder: string, prefix: string): Array<Record<string, unknown>> {
	return readdirSync(folder)
		.filter((name) => name.startsWith(prefix))
		.flatMap((name) => {
			try {
				return JSON.parse(readFileSync(path.join(folder, name), 'utf8')) as Array<
					Record<string, unknown>
				>;
			} catch {
				return [];
			}
		});
}
