/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import { readdirSync } from 'node:fs';
import path from 'node:path';

import { packTarball } from '../../dev/installPackage';
import { GROUPS_ENV, groupsNamedIn, startGroup } from './sharedInstances';

const E2E = path.resolve(__dirname, '..');

/**
 * Before the e2e files run: packs the package once for all of them (`SEVENROOMS_TARBALL`), and
 * starts, in the background, the shared n8n groups that the selected files name. Files without a
 * group start at once; a file of a group waits for its group in e2e/shared.ts.
 */
export default async function globalSetup(globalConfig: {
	/** the paths named on the command line, as jest matches them */
	testPathPattern?: string;
}): Promise<void> {
	const selected = new RegExp(globalConfig.testPathPattern ?? '', 'i');
	const files = readdirSync(E2E, { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('.e2e.ts'))
		.map((file) => path.join(E2E, file))
		.filter((file) => selected.test(file));
	const groups = [...new Set(files.flatMap(groupsNamedIn))];
	process.env.SEVENROOMS_TARBALL = packTarball();
	process.env[GROUPS_ENV] = groups.join(',');
	(globalThis as { sharedGroups?: Array<Promise<() => Promise<void>>> }).sharedGroups =
		groups.map(startGroup);
}
