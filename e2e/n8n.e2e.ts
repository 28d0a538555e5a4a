/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { signatureOf } from '../nodes/SevenRooms/helpers/signature';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { sandboxClient } from '../dev/sandboxClient';
import { demoWorkflows } from '../dev/demo';
import { N8nClient } from '../dev/n8n';
import { outboxItems } from '../dev/outbox';
import { until } from '../dev/until';
import { ownWebhookIds, sharedN8n } from './shared';
import type { SharedN8n } from './shared';

const CREDENTIAL_TYPE = 'sevenRoomsOAuth2Api';
let sandbox: Sandbox;
let n8n: SharedN8n;
let client: N8nClient;
let credentialId: string;
let credentialData: Record<string, unknown>;
let workflows: Record<string, Record<string, unknown>>;
const created: Record<string, { id: string; versionId: string }> = {};
const outbox = () => n8n.outbox;

beforeAll(async () => {
	sandbox = await startSandbox({
		guests: 3000,
		rateLimitPerMinute: 0,
		webhookDelivery: { duplicateFraction: 0.5, outOfOrderFraction: 0.3, initialBackoffMs: 200 },
	});
	n8n = await sharedN8n('n8n');
	client = new N8nClient(n8n.url);
	await client.signIn();
	credentialData = {
		environment: 'custom',
		baseUrl: sandbox.url,
		apiClientId: SANDBOX_CLIENT_ID,
		apiClientSecret: SANDBOX_CLIENT_SECRET,
		rateLimitPerMinute: 600,
	};
	credentialId = await client.createCredential(
		'SevenRooms sandbox',
		CREDENTIAL_TYPE,
		credentialData,
	);
	workflows = demoWorkflows(credentialId, outbox());
	for (const [name, workflow] of Object.entries(workflows))
		created[name] = await client.createWorkflow(ownWebhookIds(workflow));
});

afterAll(async () => await sandbox?.close());

describe('the package in a real n8n', () => {
	it('loads the nodes and the credential without errors', async () => {
		const nodes = await client.request<Array<{ name: string }>>('GET', '/types/nodes.json');
		const names = (Array.isArray(nodes.raw) ? (nodes.raw as Array<{ name: string }>) : []).map(
			(node) => node.name,
		);
		expect(names).toEqual(
			expect.arrayContaining([
				'n8n-nodes-sevenrooms.sevenRooms',
				'n8n-nodes-sevenrooms.sevenRoomsTrigger',
				'n8n-nodes-sevenrooms.sevenRoomsPollTrigger',
				'n8n-nodes-sevenrooms.sevenRoomsTool',
			]),
		);
		const credentials = await client.request('GET', '/types/credentials.json');
		expect(JSON.stringify(credentials.raw)).toContain('"name":"sevenRoomsOAuth2Api"');
		expect(n8n.startupLog.toLowerCase()).not.toMatch(/error[^\n]*sevenrooms/);
	});

	it('passes the credential test with the right secret and fails it clearly with a wrong one', async () => {
		const good = await client.testCredential(
			credentialId,
			'SevenRooms sandbox',
			CREDENTIAL_TYPE,
			credentialData,
		);
		expect(good.status).toBe('OK');
		const wrong = ['not', 'the', 'secret'].join('-');
		const bad = await client.testCredential(credentialId, 'SevenRooms sandbox', CREDENTIAL_TYPE, {
			...credentialData,
			apiClientSecret: wrong,
		});
		expect(bad.status).toBe('Error');
		expect(JSON.stringify(bad)).not.toContain(wrong);
	});

	it('syncs the guest list once, however often it runs (Create or Update, E.164 phones)', async () => {
		for (let run = 0; run < 2; run++) {
			const execution = await client.runManually(created['guest-sync'].id);
			expect(execution.status).toBe('success');
			expect(
				execution.outputOf('Create or Update Guest').map((guest) => guest.upsert_action),
			).toEqual(run === 0 ? ['created', 'created', 'created'] : ['updated', 'updated', 'updated']);
		}
		const byEmail = (email: string) =>
			[...sandbox.state.guests.values()].filter((guest) => guest.email === email);
		expect(byEmail('maya.fernandes@example.org').map((guest) => guest.phone)).toEqual([
			'+14155552671',
		]);
		expect(byEmail('oliver.bennett@example.org').map((guest) => guest.phone)).toEqual([
			'+442079460958',
		]);
		expect(byEmail('huda.alnuaimi@example.org').map((guest) => guest.phone)).toEqual([
			'+971501234567',
		]);
	});

	it('turns signed deliveries (with duplicates) into one execution each, refuses forged ones, and unsubscribes on deactivation', async () => {
		const workflow = created['reservation-enrichment'];
		await client.activate(workflow.id, workflow.versionId);
		const subscription = await until(
			'the webhook subscription',
			() => [...sandbox.state.webhooks.values()][0],
		);
		expect(subscription.url).toContain(`${n8n.url}/webhook/`);

		const api = sandboxClient(sandbox);
		const guestIds = [
			'gst_000501',
			'gst_000502',
			'gst_000503',
			'gst_000504',
			'gst_000505',
			'gst_000506',
			'gst_000507',
			'gst_000508',
		];
		for (const [n, guestId] of guestIds.entries()) {
			const booked = await api('POST', '/reservations', {
				venue_id: 'ven_ldn',
				party_size: 2,
				start_time: `2027-03-${String(n + 1).padStart(2, '0')}T19:00:00Z`,
				guest_id: guestId,
			});
			expect(booked.status).toBe(201);
		}
		await sandbox.flushWebhooks();
		expect(sandbox.stats.webhookDeliveries.duplicatesSent).toBeGreaterThan(0);
		let seen: string[] = [];
		const executions = await until(
			`one execution per reservation (deliveries ${JSON.stringify(sandbox.stats.webhookDeliveries)})`,
			async () => {
				seen = await client.executionIds(workflow.id);
				return seen.length >= guestIds.length ? seen : undefined;
			},
		).catch((error: Error) => {
			throw new Error(
				`${error.message}; executions seen: ${seen.length}; n8n log: ${n8n
					.log()
					.split('\n')
					.filter((line) => /error|warn/i.test(line) && !/api\.n8n\.io|Strapi/.test(line))
					.slice(-15)
					.join('\n')}`,
			);
		});
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		expect(await client.executionIds(workflow.id)).toHaveLength(guestIds.length);
		for (const id of executions) expect((await client.waitForExecution(id)).status).toBe('success');
		for (const guestId of guestIds)
			expect(sandbox.state.guests.get(guestId)?.tags).toContain('upcoming-reservation');

		const body = JSON.stringify({
			id: 'evt_forged',
			type: 'reservation.created',
			venue_id: 'ven_ldn',
			data: { guest_id: 'gst_000600' },
		});
		const t = Math.floor(Date.now() / 1000);
		const forged = await fetch(subscription.url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				'X-SevenRooms-Signature': `t=${t},v1=${signatureOf('whsec_guess', t, body)}`,
			},
			body,
		});
		expect(forged.status).toBe(401);
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(await client.executionIds(workflow.id)).toHaveLength(guestIds.length);

		await client.deactivate(workflow.id);
		await until('the subscription to be deleted', () => sandbox.state.webhooks.size === 0);
	});

	it('runs the birthday campaign and the audience sync on their poll schedule', async () => {
		const birthdays = created['birthday-campaign'];
		const audience = created['audience-sync'];
		const api = sandboxClient(sandbox);
		// A subscriber when the sync starts: their opt-out later is an unsubscribe.
		await api('PATCH', '/guests/gst_000701', { email_opt_in: true });
		await client.activate(birthdays.id, birthdays.versionId);
		await client.activate(audience.id, audience.versionId);
		// Changes after activation: the audience sync must pick them up on a later poll.
		await api('PATCH', '/guests/gst_000700', { email_opt_in: true });
		await api('PATCH', '/guests/gst_000701', { email_opt_in: false });

		const birthdayFile = await until('a birthday outbox file', () =>
			readdirSync(outbox()).find((name) => name.startsWith('birthdays-')),
		);
		const sent = JSON.parse(readFileSync(path.join(outbox(), birthdayFile), 'utf8')) as Array<
			Record<string, unknown>
		>;
		expect(sent.length).toBeGreaterThan(0);
		expect(sent.every((guest) => String(guest.message).startsWith('Happy birthday'))).toBe(true);
		expect(sent.every((guest) => guest.days_until_birthday === 7)).toBe(true);

		const read = (prefix: string) => outboxItems(outbox(), prefix);
		await until(
			'both audience changes',
			() =>
				read('audience-').some((guest) => guest.id === 'gst_000700') &&
				read('audience-').some((guest) => guest.id === 'gst_000701'),
		);
		expect(read('audience-subscribe-').find((guest) => guest.id === 'gst_000700')).toMatchObject({
			audience_action: 'subscribe',
		});
		expect(read('audience-unsubscribe-').find((guest) => guest.id === 'gst_000701')).toMatchObject({
			audience_action: 'unsubscribe',
		});
		expect(existsSync(outbox())).toBe(true);
		await client.deactivate(birthdays.id);
		await client.deactivate(audience.id);
	});
});
