/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ExtractFromFile } from 'n8n-nodes-base/dist/nodes/Files/ExtractFromFile/ExtractFromFile.node';
import { ReadWriteFile } from 'n8n-nodes-base/dist/nodes/Files/ReadWriteFile/ReadWriteFile.node';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { copyDemoFiles, demoWorkflows } from '../../dev/demo';
import {
	CREDENTIAL_ID,
	registerNodeType,
	runWorkflow,
	sevenRoomsCredentials,
} from '../../dev/engine';
import type { WorkflowJson } from '../../dev/engine';

let sandbox: Sandbox;
let outbox: string;
const restricted = process.env.N8N_RESTRICT_FILE_ACCESS_TO;
beforeAll(async () => {
	sandbox = await startSandbox({ guests: 5, rateLimitPerMinute: 0 });
	outbox = mkdtempSync(path.join(tmpdir(), 'sevenrooms-demo-'));
	// What the demo's start does: n8n may read only its outbox.
	process.env.N8N_RESTRICT_FILE_ACCESS_TO = outbox;
	copyDemoFiles(outbox);
	registerNodeType('n8n-nodes-base.readWriteFile', () => new ReadWriteFile());
	registerNodeType('n8n-nodes-base.extractFromFile', () => new ExtractFromFile());
});
afterAll(async () => {
	await sandbox.close();
	if (restricted === undefined) delete process.env.N8N_RESTRICT_FILE_ACCESS_TO;
	else process.env.N8N_RESTRICT_FILE_ACCESS_TO = restricted;
	rmSync(outbox, { recursive: true, force: true });
});

describe('demo: guest import from a CSV file', () => {
	it('creates the guests of demo/guests.csv, and a re-run updates them without duplicates', async () => {
		const workflow = demoWorkflows(CREDENTIAL_ID, outbox)[
			'guest-import-csv'
		] as unknown as WorkflowJson;
		const credentialsHelper = sevenRoomsCredentials(sandbox.url);
		const first = await runWorkflow(workflow, { credentialsHelper });
		expect(first.errorOf('Create or Update Guest')).toBeUndefined();
		const created = first.outputOf('Create or Update Guest');
		expect(created).toHaveLength(10);
		expect(created.every((guest) => guest.upsert_action === 'created')).toBe(true);
		expect(created[0]).toMatchObject({
			first_name: 'Maya',
			email: 'maya.fernandes@example.org',
			phone: '+14155552671',
			birthday: '1988-03-14',
			tags: ['vip', 'wine-lover'],
			email_opt_in: true,
		});
		expect(created[1]).toMatchObject({ phone: '+442079460958', birthday: '--11-02' });
		const hints = first.run.data.resultData.runData['Create or Update Guest'][0].hints ?? [];
		expect(hints.map((hint) => hint.message)).toEqual([expect.stringContaining('"Member Since"')]);

		const again = await runWorkflow(workflow, { credentialsHelper });
		const updated = again.outputOf('Create or Update Guest');
		expect(updated.map((guest) => guest.upsert_action)).toEqual(Array(10).fill('updated'));
		expect(updated.map((guest) => guest.id)).toEqual(created.map((guest) => guest.id));
		const demoGuests = [...sandbox.state.guests.values()].filter((guest) =>
			guest.email?.endsWith('@example.org'),
		);
		expect(demoGuests).toHaveLength(10);
	});
});
