import { startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { sandboxClient } from '../dev/sandboxClient';
import { credential24Data, demoWorkflows } from '../dev/demo';
import { N8nClient } from '../dev/n8n';
import { outboxItems } from '../dev/outbox';
import { until } from '../dev/until';
import { sharedN8n } from './shared';
import type { SharedN8n } from './shared';

/**
 * The package on SevenRooms API 2.4 in a real n8n: the 2.4 credential (n8n's preAuthentication
 * and expirable token), its test, the recipes the OAuth2 API runs (the demo's own workflows with
 * Authentication set to API 2.4), a reservation poll and a booking whose answer is lost.
 */
const TYPE_24 = 'sevenRoomsApi';
let sandbox: Sandbox;
let n8n: SharedN8n;
let client: N8nClient;
let credentialId: string;
let data: Record<string, unknown>;
const outbox = () => n8n.outbox;

const read = (prefix: string) => outboxItems(outbox(), prefix);

/** A demo workflow on API 2.4: its SevenRooms nodes' Authentication and credential switched. */
function on24(
	workflow: Record<string, unknown>,
	zone: string,
	prefix: string,
): Record<string, unknown> {
	const nodes = (workflow.nodes as Array<Record<string, unknown>>).map((node) => {
		const type = String(node.type);
		if (type === 'n8n-nodes-base.readWriteFile') {
			const parameters = node.parameters as Record<string, unknown>;
			return {
				...node,
				parameters: {
					...parameters,
					fileName: String(parameters.fileName).replace('/birthdays-', `/${prefix}birthdays-`),
				},
			};
		}
		if (!type.startsWith('n8n-nodes-sevenrooms.sevenRooms')) return node;
		return {
			...node,
			parameters: {
				...(node.parameters as Record<string, unknown>),
				authentication: 'api24',
				venueTimeZone: zone,
			},
			credentials: { [TYPE_24]: { id: credentialId, name: 'SevenRooms sandbox (API 2.4)' } },
		};
	});
	return { ...workflow, name: `${String(workflow.name)} (API 2.4)`, nodes };
}

beforeAll(async () => {
	sandbox = await startSandbox({ guests: 3000, rateLimitPerMinute: 0 });
	n8n = await sharedN8n('n8n');
	client = new N8nClient(n8n.url);
	await client.signIn();
	data = credential24Data(sandbox.url, 600);
	credentialId = await client.createCredential('SevenRooms sandbox (API 2.4)', TYPE_24, data);
});

afterAll(async () => await sandbox?.close());

describe('the package on API 2.4 in a real n8n', () => {
	it('loads the 2.4 credential and passes its test (list venues); fails it clearly with a wrong secret', async () => {
		const credentials = await client.request('GET', '/types/credentials.json');
		expect(JSON.stringify(credentials.raw)).toContain(`"name":"${TYPE_24}"`);
		const good = await client.testCredential(
			credentialId,
			'SevenRooms sandbox (API 2.4)',
			TYPE_24,
			data,
		);
		expect(good.status).toBe('OK');
		const wrong = ['not', 'the', 'secret'].join('-');
		const bad = await client.testCredential(credentialId, 'SevenRooms sandbox (API 2.4)', TYPE_24, {
			...data,
			clientSecret: wrong,
		});
		expect(bad.status).toBe('Error');
		expect(JSON.stringify(bad)).not.toContain(wrong);
	});

	it('books through 2.4 once although the answer is lost, and reuses its stored token', async () => {
		const tokens = sandbox.stats.tokensIssued;
		const workflow = await client.createWorkflow({
			name: 'API 2.4: book a table',
			nodes: [
				{
					id: 'm',
					name: 'Manual Trigger',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'b',
					name: 'Book',
					type: 'n8n-nodes-sevenrooms.sevenRooms',
					typeVersion: 1,
					position: [240, 0],
					parameters: {
						authentication: 'api24',
						resource: 'reservation',
						operation: 'create',
						venueTimeZone: 'America/New_York',
						venue: { __rl: true, mode: 'id', value: 'ven_nyc' },
						partySize: 2,
						startTime: '2027-10-10T19:00:00',
						guestMode: 'new',
						guestFirstName: 'Lost',
						guestLastName: 'Answer',
						guestEmail: 'lost.answer.e2e@example.com',
						guestPhone: '+12125550166',
					},
					credentials: { [TYPE_24]: { id: credentialId, name: 'SevenRooms sandbox (API 2.4)' } },
				},
			],
			connections: { 'Manual Trigger': { main: [[{ node: 'Book', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		});
		sandbox.setFaults({ loseNextAnswers: 1 });
		const execution = await client.runManually(workflow.id);
		expect(execution.status).toBe('success');
		expect(execution.outputOf('Book')[0]).toMatchObject({
			start_time: '2027-10-10T23:00:00.000Z',
			start_time_local: '2027-10-10T19:00:00-04:00',
		});
		expect(sandbox.stats.faultsInjected.lost_answer).toBe(1);
		const booked = [...sandbox.state.reservations.values()].filter(
			(reservation) =>
				sandbox.state.guests.get(reservation.guest_id)?.email === 'lost.answer.e2e@example.com',
		);
		expect(booked).toHaveLength(1);
		// The token the credential test stored was reused: at most one was fetched for the run.
		expect(sandbox.stats.tokensIssued - tokens).toBeLessThanOrEqual(1);
	});

	it('runs the audience sync, birthday and reservation recipes on their poll schedule', async () => {
		const workflows = demoWorkflows('unused', outbox(), credentialId);
		const audience = await client.createWorkflow(workflows['audience-sync-2_4']);
		const birthdays = await client.createWorkflow(
			on24(workflows['birthday-campaign'], 'America/New_York', 'api24-'),
		);
		const reservations = await client.createWorkflow({
			name: 'API 2.4: reservation changes',
			nodes: [
				{
					id: 'p',
					name: 'Reservation Changes',
					type: 'n8n-nodes-sevenrooms.sevenRoomsPollTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						authentication: 'api24',
						pollTimes: { item: [{ mode: 'everyMinute' }] },
						event: 'reservationChanged',
						venueTimeZone: 'Europe/London',
					},
					credentials: { [TYPE_24]: { id: credentialId, name: 'SevenRooms sandbox (API 2.4)' } },
				},
				{
					id: 'f',
					name: 'To File',
					type: 'n8n-nodes-base.convertToFile',
					typeVersion: 1.1,
					position: [240, 0],
					parameters: { operation: 'toJson', options: { fileName: 'reservations.json' } },
				},
				{
					id: 'w',
					name: 'Write',
					type: 'n8n-nodes-base.readWriteFile',
					typeVersion: 1,
					position: [480, 0],
					parameters: {
						operation: 'write',
						fileName: `=${outbox()}/api24-reservations-{{ $now.toMillis() }}.json`,
						options: {},
					},
				},
			],
			connections: {
				'Reservation Changes': { main: [[{ node: 'To File', type: 'main', index: 0 }]] },
				'To File': { main: [[{ node: 'Write', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		});
		const api = sandboxClient(sandbox);
		// A subscriber when the audience sync starts.
		await api('PATCH', '/guests/gst_000701', { email_opt_in: true });
		for (const workflow of [audience, birthdays, reservations])
			await client.activate(workflow.id, workflow.versionId);
		// Changes after the first poll (which reads the audience and starts the cursor).
		await until('the first audience poll', async () => {
			const saved = await client.request<{
				staticData?: Record<string, { audienceSync?: { cursor?: string } }>;
			}>('GET', `/rest/workflows/${audience.id}`);
			return saved.data?.staticData?.['node:Audience Changes']?.audienceSync?.cursor;
		});
		await api('PATCH', '/guests/gst_000700', { email_opt_in: true });
		await api('PATCH', '/guests/gst_000701', { email_opt_in: false });
		const booked = await api('POST', '/reservations', {
			venue_id: 'ven_ldn',
			party_size: 2,
			start_time: '2027-07-01T18:00:00Z',
			guest_id: 'gst_000702',
		});

		// An empty list is no file yet: keep waiting.
		const sent = await until('a birthday outbox file', () => {
			const items = read('api24-birthdays-');
			return items.length ? items : undefined;
		});
		expect(sent.length).toBeGreaterThan(0);
		expect(sent.every((guest) => String(guest.message).startsWith('Happy birthday'))).toBe(true);
		expect(sent.every((guest) => guest.days_until_birthday === 7)).toBe(true);

		await until(
			'both audience changes',
			() =>
				read('api24-audience-').some((guest) => guest.id === 'gst_000700') &&
				read('api24-audience-').some((guest) => guest.id === 'gst_000701'),
		);
		expect(
			read('api24-audience-subscribe-').find((guest) => guest.id === 'gst_000700'),
		).toMatchObject({ audience_action: 'subscribe' });
		expect(
			read('api24-audience-unsubscribe-').find((guest) => guest.id === 'gst_000701'),
		).toMatchObject({ audience_action: 'unsubscribe' });

		const reservation = await until('the new reservation', () =>
			read('api24-reservations-').find((item) => item.id === booked.data.id),
		);
		expect(reservation).toMatchObject({
			event: 'reservation.created',
			start_time_local: '2027-07-01T19:00:00+01:00',
		});
		for (const workflow of [audience, birthdays, reservations])
			await client.deactivate(workflow.id);
	});
});
