import type { IDataObject, INode } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { runWorkflow, sevenRoomsCredentials, triggerHarness } from '../../dev/engine';
import { demoWorkflows } from '../../dev/demo';
import { fakeDate } from '../clock';

const campaign = demoWorkflows('cred-1', '/tmp/outbox', undefined, 'smtp-1')['birthday-campaign'];
const node = (name: string) => {
	const found = (campaign.nodes as INode[]).find((each) => each.name === name);
	if (!found) throw new Error(`the birthday campaign has no node ${name}`);
	return found;
};

/**
 * The demo's birthday email as a guest gets it: the demo's own poll finds the birthdays a week
 * ahead, its Birthday Message node runs in n8n's engine, and the Send Email node's subject and
 * text are evaluated as n8n evaluates them (in a Set node: no mail server here; e2e/demo-restart
 * sends it through MailDev).
 */
describe('the demo birthday campaign', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		// Monday 7 December 2026, 10:00 in New York: a week ahead is Monday 14 December.
		fakeDate(new Date('2026-12-07T15:00:00Z'));
		sandbox = await startSandbox({ guests: 3000, rateLimitPerMinute: 0, now: () => new Date() });
	});
	afterAll(async () => {
		await sandbox.close();
		jest.useRealTimers();
	});

	it("writes the birthday as a guest reads it, in the venue's words, not as 2026-12-14", async () => {
		const credentialsHelper = sevenRoomsCredentials(sandbox.url);
		const trigger = triggerHarness(
			node('Upcoming Birthdays').type,
			node('Upcoming Birthdays').parameters as IDataObject,
			credentialsHelper,
		);
		const birthdays = await trigger.poll();
		expect(birthdays.length).toBeGreaterThan(0);
		expect(birthdays[0]).toMatchObject({ birthday_date: '2026-12-14' });

		const email = node('Send Birthday Email').parameters;
		const result = await runWorkflow(
			{
				nodes: [
					node('Birthday Message'),
					{
						id: 'e',
						name: 'Email',
						type: 'n8n-nodes-base.set',
						typeVersion: 3.4,
						position: [240, 0],
						parameters: {
							mode: 'manual',
							assignments: {
								assignments: [
									{ id: 's', name: 'subject', value: email.subject, type: 'string' },
									{ id: 't', name: 'text', value: email.text, type: 'string' },
								],
							},
							options: {},
						},
					},
				],
				connections: {
					'Birthday Message': { main: [[{ node: 'Email', type: 'main', index: 0 }]] },
				},
			},
			{ credentialsHelper, triggerItems: birthdays.slice(0, 3) },
		);
		const sent = result.outputOf('Email');
		expect(sent).toHaveLength(Math.min(3, birthdays.length));
		sent.forEach((mail, n) => {
			expect(mail.subject).toBe(`Happy birthday, ${String(birthdays[n].first_name)}!`);
			expect(mail.text).toContain('Harbor & Vine New York on Monday, December 14.');
			expect(mail.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
		});
	});
});
