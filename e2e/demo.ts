import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { ROOT } from './n8n';

export const DEMO_DIR = path.join(ROOT, 'demo');

/** The demo workflows with the credential id and the outbox folder filled in, by file name. */
export function demoWorkflows(credentialId: string, outbox: string): Record<string, Record<string, unknown>> {
	const workflows: Record<string, Record<string, unknown>> = {};
	for (const file of readdirSync(DEMO_DIR).filter((name) => name.endsWith('.json'))) {
		const text = readFileSync(path.join(DEMO_DIR, file), 'utf8').replaceAll('__CREDENTIAL_ID__', credentialId).replaceAll('__OUTBOX__', outbox);
		workflows[file.replace(/\.json$/, '')] = JSON.parse(text) as Record<string, unknown>;
	}
	return workflows;
}
