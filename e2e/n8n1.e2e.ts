/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling, runs in Node beside n8n, never inside it (Node globals) */
import { signatureOf } from '../nodes/SevenRooms/helpers/signature';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { sandboxClient } from '../dev/sandboxClient';
import { demoWorkflows } from '../dev/demo';
import { N8nClient } from '../dev/n8n';
import { listenOnNetwork } from '../dev/networkListener';
import { outboxItems } from '../dev/outbox';
import { until } from '../dev/until';
import { ownWebhookIds, sharedN8n } from './shared';
import type { SharedN8n } from './shared';

/**
 * The e2e core on the last n8n 1.x (1.123.81 under Node 20, scripts/install-n8n1.sh), with the
 * packed package installed as n8n installs community packages: it loads (node types, icons, the AI
 * tool variant), the OAuth2 client-credentials test, a guest sync, signed deliveries to the webhook
 * trigger and a poll trigger on its schedule.
 */
const CREDENTIAL_TYPE = 'sevenRoomsOAuth2Api';
let sandbox: Sandbox;
let n8n: SharedN8n;
let client: N8nClient;
let credentialId: string;
let credentialData: Record<string, unknown>;
const created: Record<string, { id: string; versionId: string }> = {};
const outbox = () => n8n.outbox;

beforeAll(async () => {
	sandbox = await startSandbox({
		guests: 1000,
		rateLimitPerMinute: 0,
		webhookDelivery: { duplicateFraction: 0.5, outOfOrderFraction: 0.3, initialBackoffMs: 200 },
	});
	n8n = await sharedN8n('n8n1');
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
	for (const [name, workflow] of Object.entries(demoWorkflows(credentialId, outbox())))
		created[name] = await client.createWorkflow(ownWebhookIds(workflow));
});

afterAll(async () => await sandbox?.close());

describe('the installed package in n8n 1.123.81 (the last 1.x)', () => {
	it('is n8n 1.x', async () => {
		const settings = await client.request<{ versionCli: string }>('GET', '/rest/settings');
		expect(settings.data.versionCli).toMatch(/^1\./);
	});

	it('loads the nodes (and the AI tool variant) with their icons, and the credential', async () => {
		const nodes = (await client.request('GET', '/types/nodes.json')).raw as Array<{
			name: string;
			iconUrl?: { light: string; dark: string };
			outputs?: unknown;
		}>;
		const ours = new Map(
			nodes
				.filter((node) => node.name.startsWith('n8n-nodes-sevenrooms.'))
				.map((node) => [node.name, node]),
		);
		expect([...ours.keys()].sort()).toEqual([
			'n8n-nodes-sevenrooms.sevenRooms',
			'n8n-nodes-sevenrooms.sevenRoomsPollTrigger',
			'n8n-nodes-sevenrooms.sevenRoomsTool',
			'n8n-nodes-sevenrooms.sevenRoomsTrigger',
		]);
		expect(ours.get('n8n-nodes-sevenrooms.sevenRoomsTool')?.outputs).toEqual(['ai_tool']);
		for (const node of ours.values())
			for (const icon of [node.iconUrl?.light, node.iconUrl?.dark]) {
				const answer = await fetch(`${n8n.url}/${String(icon)}`);
				expect([icon, answer.status, answer.headers.get('content-type')]).toEqual([
					icon,
					200,
					'image/svg+xml',
				]);
			}
		const credentials = (await client.request('GET', '/types/credentials.json')).raw as Array<{
			name: string;
			extends?: string[];
		}>;
		expect(credentials.find((credential) => credential.name === CREDENTIAL_TYPE)?.extends).toEqual([
			'oAuth2Api',
		]);
		expect(n8n.startupLog.toLowerCase()).not.toMatch(/error[^\n]*sevenrooms/);
	});

	it('passes the credential test (client credentials) and fails it for a wrong secret', async () => {
		const good = await client.testCredential(
			credentialId,
			'SevenRooms sandbox',
			CREDENTIAL_TYPE,
			credentialData,
		);
		expect(good.status).toBe('OK');
		// A credential of its own: n8n 1.x tests a saved credential with the token it already holds.
		const wrongData = { ...credentialData, apiClientSecret: ['not', 'the', 'secret'].join('-') };
		const wrongId = await client.createCredential('Wrong secret', CREDENTIAL_TYPE, wrongData);
		const bad = await client.testCredential(wrongId, 'Wrong secret', CREDENTIAL_TYPE, wrongData);
		expect(bad.status).toBe('Error');
	});

	it('refuses plain http to another host in the credential test, however http is spelled', async () => {
		const listener = await listenOnNetwork();
		try {
			const result = await client.testCredential(
				credentialId,
				'SevenRooms sandbox',
				CREDENTIAL_TYPE,
				{
					...credentialData,
					baseUrl: `ht\ttp://${listener.host}`,
				},
			);
			expect(result.status).toBe('Error');
			expect(listener.received).toEqual([]);
		} finally {
			await listener.close();
		}
	});

	it('syncs guests once however often it runs (Create or Update, E.164 phones)', async () => {
		for (let run = 0; run < 2; run++) {
			const execution = await client.runManually(created['guest-sync'].id);
			expect(execution.status).toBe('success');
			expect(
				execution.outputOf('Create or Update Guest').map((guest) => guest.upsert_action),
			).toEqual(run === 0 ? ['created', 'created', 'created'] : ['updated', 'updated', 'updated']);
		}
		const phonesOf = (email: string) =>
			[...sandbox.state.guests.values()]
				.filter((guest) => guest.email === email)
				.map((guest) => guest.phone);
		expect(phonesOf('maya.fernandes@example.org')).toEqual(['+14155552671']);
		expect(phonesOf('oliver.bennett@example.org')).toEqual(['+442079460958']);
		expect(phonesOf('huda.alnuaimi@example.org')).toEqual(['+971501234567']);
	});

	it('turns signed deliveries (with duplicates) into one execution each and refuses a forged one', async () => {
		const workflow = created['reservation-enrichment'];
		await client.activate(workflow.id, workflow.versionId);
		const subscription = await until(
			'the webhook subscription',
			() => [...sandbox.state.webhooks.values()][0],
		);
		const api = sandboxClient(sandbox);
		const guestIds = ['gst_000501', 'gst_000502', 'gst_000503'];
		for (const [n, guestId] of guestIds.entries())
			expect(
				(
					await api('POST', '/reservations', {
						venue_id: 'ven_ldn',
						party_size: 2,
						start_time: `2027-04-${String(n + 1).padStart(2, '0')}T19:00:00Z`,
						guest_id: guestId,
					})
				).status,
			).toBe(201);
		await sandbox.flushWebhooks();
		await until('one execution per reservation', async () =>
			(await client.executionIds(workflow.id)).length >= guestIds.length ? true : undefined,
		);
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		const executions = await client.executionIds(workflow.id);
		expect(executions).toHaveLength(guestIds.length);
		for (const id of executions) expect((await client.waitForExecution(id)).status).toBe('success');
		for (const guestId of guestIds)
			expect(sandbox.state.guests.get(guestId)?.tags).toContain('upcoming-reservation');

		const body = JSON.stringify({ id: 'evt_forged', type: 'reservation.created', data: {} });
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
		await client.deactivate(workflow.id);
		await until('the subscription to be deleted', () => sandbox.state.webhooks.size === 0);
	});

	it('runs the audience sync poll on its schedule', async () => {
		const audience = created['audience-sync'];
		const api = sandboxClient(sandbox);
		// A subscriber when the sync starts: their opt-out later is an unsubscribe.
		await api('PATCH', '/guests/gst_000701', { email_opt_in: true });
		await client.activate(audience.id, audience.versionId);
		await api('PATCH', '/guests/gst_000700', { email_opt_in: true });
		await api('PATCH', '/guests/gst_000701', { email_opt_in: false });
		const read = (prefix: string) => outboxItems(outbox(), prefix);
		await until(
			'both audience changes',
			() =>
				read('audience-subscribe-').some((guest) => guest.id === 'gst_000700') &&
				read('audience-unsubscribe-').some((guest) => guest.id === 'gst_000701'),
		);
		expect(read('audience-subscribe-').find((guest) => guest.id === 'gst_000700')).toMatchObject({
			audience_action: 'subscribe',
		});
		await client.deactivate(audience.id);
	});
});
