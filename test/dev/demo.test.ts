import { SevenRoomsOAuth2Api } from '../../credentials/SevenRoomsOAuth2Api.credentials';
import { SevenRoomsApi } from '../../credentials/SevenRoomsApi.credentials';
import {
	credential24Data,
	credentialData,
	demoWorkflows,
	hasWebhookTrigger,
	mcpPathOf,
	resubscribe,
	startsOnItsOwn,
} from '../../dev/demo';
import type { N8nClient } from '../../dev/n8n';
import { seedData } from '../../sandbox/seed';

type Node = {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string }>;
};
type Workflow = {
	name: string;
	nodes: Node[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
};
const workflows = demoWorkflows('cred-1', '/tmp/outbox', 'cred-24', 'smtp-1') as unknown as Record<
	string,
	Workflow
>;
const node = (workflow: string, name: string) => {
	const found = workflows[workflow].nodes.find((each) => each.name === name);
	if (!found) throw new Error(`${workflow} has no node ${name}`);
	return found;
};
const venues = seedData({ seed: 1, guests: 1, now: new Date() }).venues;

describe('the demo workflows', () => {
	it('fill in the credentials and the outbox, and leave no placeholder', () => {
		expect(Object.keys(workflows).sort()).toEqual([
			'after-visit',
			'audience-sync',
			'audience-sync-2_4',
			'birthday-campaign',
			'concierge-agent',
			'concierge-mcp',
			'guest-import-csv',
			'guest-sync',
			'reservation-enrichment',
		]);
		expect(JSON.stringify(workflows)).not.toMatch(/__[A-Z0-9_]+__/);
		expect(node('birthday-campaign', 'Send Birthday Email').credentials).toEqual({
			smtp: { id: 'smtp-1', name: 'Demo mail (MailDev)' },
		});
	});

	it("end the birthday campaign with n8n's Send Email node, after the outbox file", () => {
		const { connections } = workflows['birthday-campaign'];
		const next = (name: string) => connections[name]?.main.flat().map((link) => link.node) ?? [];
		expect(next('Birthday Message').sort()).toEqual(['Opted In to Email', 'To JSON File']);
		expect(next('Opted In to Email')).toEqual(['Send Birthday Email']);
		expect(node('birthday-campaign', 'Send Birthday Email').type).toBe('n8n-nodes-base.emailSend');
	});

	it('thank guests one at a time: every branch after the wait goes back to the loop', () => {
		const { connections } = workflows['after-visit'];
		const next = (name: string) =>
			connections[name]?.main.map((links) => links.map((link) => link.node));
		expect(next('Visit Completed')).toEqual([['Loyalty Points', 'One Guest at a Time']]);
		expect(next('One Guest at a Time')).toEqual([[], ['Next Morning, 10:00']]);
		expect(next('Rated 2 or Lower?')).toEqual([['Manager Alert'], ['Opted In to Email?']]);
		expect(next('Opted In to Email?')).toEqual([
			['Thank You and Review Request'],
			['One Guest at a Time'],
		]);
		expect(next('Manager Alert')).toEqual([['One Guest at a Time']]);
		expect(next('Thank You and Review Request')).toEqual([['One Guest at a Time']]);
		expect(node('after-visit', 'Wait Until Morning').parameters).toMatchObject({
			resume: 'specificTime',
			dateTime: expect.stringContaining('$json.demo_speed'),
		});
	});

	it('leave the email nodes out when there is no mail server', () => {
		const withoutMail = demoWorkflows('cred-1', '/tmp/outbox') as unknown as Record<
			string,
			Workflow
		>;
		const birthdays = withoutMail['birthday-campaign'];
		expect(birthdays.nodes.map((each) => each.name)).not.toContain('Send Birthday Email');
		expect(JSON.stringify(birthdays)).not.toContain('Send Birthday Email');
		expect(birthdays.connections['Birthday Message'].main[0]).toHaveLength(2);
		expect(withoutMail['audience-sync-2_4']).toBeUndefined();
	});

	it('pick venues from the list, by name', () => {
		let seen = 0;
		for (const workflow of Object.values(workflows))
			for (const each of workflow.nodes) {
				const venue = each.parameters.venue as Record<string, unknown> | undefined;
				if (!venue) continue;
				expect(venue.mode).toBe('list');
				const seeded = venues.find((candidate) => candidate.id === venue.value);
				expect(String(venue.cachedResultName)).toContain(seeded?.name);
				seen++;
			}
		expect(seen).toBeGreaterThan(0);
	});

	it('tag guests by adding to their tags and notes, never replacing them', () => {
		const tag = node('reservation-enrichment', 'Tag Guest');
		const fields = tag.parameters.updateFields as Record<string, unknown>;
		expect(Object.keys(fields).sort()).toEqual(['addTags', 'appendNotes']);
		expect(fields.addTags).toBe('upcoming-reservation');
		for (const workflow of Object.values(workflows))
			for (const each of workflow.nodes) {
				const update = each.parameters.updateFields as Record<string, unknown> | undefined;
				expect(update?.notes).toBeUndefined();
			}
	});

	it('write an outbox file from every workflow that starts on its own', () => {
		for (const [file, workflow] of Object.entries(workflows)) {
			const own = workflow as unknown as Record<string, unknown>;
			// An MCP server's answers go to the MCP client that called it.
			if (!startsOnItsOwn(own) || mcpPathOf(own)) continue;
			const writes = workflow.nodes.filter((each) => each.type === 'n8n-nodes-base.readWriteFile');
			expect([file, writes.length > 0]).toEqual([file, true]);
			for (const write of writes)
				expect(String(write.parameters.fileName)).toContain('/tmp/outbox/');
		}
	});

	it('know which start on their own and which subscribe to webhooks', () => {
		const on = (file: string) => workflows[file] as unknown as Record<string, unknown>;
		expect(startsOnItsOwn(on('guest-sync'))).toBe(false);
		expect(startsOnItsOwn(on('guest-import-csv'))).toBe(false);
		expect(startsOnItsOwn(on('birthday-campaign'))).toBe(true);
		expect(startsOnItsOwn(on('reservation-enrichment'))).toBe(true);
		expect(startsOnItsOwn(on('after-visit'))).toBe(true);
		expect(hasWebhookTrigger(on('reservation-enrichment'))).toBe(true);
		expect(hasWebhookTrigger(on('audience-sync'))).toBe(false);
		// The MCP server serves while active; the chat agent is tried from the editor's chat.
		expect(startsOnItsOwn(on('concierge-mcp'))).toBe(true);
		expect(mcpPathOf(on('concierge-mcp'))).toBe('sevenrooms-concierge');
		expect(startsOnItsOwn(on('concierge-agent'))).toBe(false);
	});

	it('give the concierge the same SevenRooms tools in both, and leave the chat model for the user', () => {
		const toolsOf = (file: string) =>
			workflows[file].nodes
				.filter((each) => each.type === 'n8n-nodes-sevenrooms.sevenRoomsTool')
				.map((each) => [each.name, each.parameters]);
		expect(toolsOf('concierge-agent')).toEqual(toolsOf('concierge-mcp'));
		expect(toolsOf('concierge-mcp').map(([name]) => name)).toEqual([
			'find_guest',
			'check_availability',
			'book_table',
			'get_reservation',
			'cancel_reservation',
		]);
		const model = node('concierge-agent', 'Chat Model (add your credential)');
		expect(model.credentials).toBeUndefined();
	});
});

describe('the demo credentials', () => {
	it("use the credential forms' own field names", () => {
		const fields = (properties: Array<{ name: string }>) => properties.map((each) => each.name);
		const oauth2 = fields(new SevenRoomsOAuth2Api().properties);
		for (const key of Object.keys(credentialData('http://127.0.0.1:4010')))
			expect(oauth2).toContain(key);
		expect(credentialData('http://127.0.0.1:4010')).toMatchObject({
			apiClientId: expect.any(String),
			apiClientSecret: expect.any(String),
		});
		const api24 = fields(new SevenRoomsApi().properties);
		for (const key of Object.keys(credential24Data('http://127.0.0.1:4010')))
			expect(api24).toContain(key);
	});
});

describe('resubscribe', () => {
	/** n8n's REST API as far as `resubscribe` uses it, and what it was asked to do. */
	function fakeN8n(stored: Array<Record<string, unknown>>) {
		const calls: string[] = [];
		const client = {
			request: async (_method: string, url: string) => {
				const id = /\/rest\/workflows\/(\w+)$/.exec(url)?.[1];
				if (id) return { status: 200, data: stored.find((workflow) => workflow.id === id) };
				return {
					status: 200,
					data: stored.map(({ id: each, name, activeVersionId }) => ({
						id: each,
						name,
						activeVersionId,
					})),
				};
			},
			deactivate: async (id: string) => {
				calls.push(`deactivate ${id}`);
			},
			activate: async (id: string, versionId: string) => {
				calls.push(`activate ${id} ${versionId}`);
			},
		};
		return { client: client as unknown as N8nClient, calls };
	}
	const trigger = { type: 'n8n-nodes-sevenrooms.sevenRoomsTrigger' };
	const poll = { type: 'n8n-nodes-sevenrooms.sevenRoomsPollTrigger' };

	it('publishes again the active version of each active workflow with a SevenRooms Trigger', async () => {
		const { client, calls } = fakeN8n([
			// active, its draft since edited to something else: the published version counts
			{
				id: 'a',
				name: 'Reservations',
				activeVersionId: 'v1',
				nodes: [poll],
				activeVersion: { nodes: [trigger] },
			},
			{
				id: 'b',
				name: 'Audience',
				activeVersionId: 'v2',
				nodes: [poll],
				activeVersion: { nodes: [poll] },
			},
			{ id: 'c', name: 'Inactive', activeVersionId: null, nodes: [trigger] },
			{ id: 'd', name: 'Just activated', activeVersionId: 'v4', nodes: [trigger] },
		]);
		const result = await resubscribe(client, new Set(['d']));
		expect(calls).toEqual(['deactivate a', 'activate a v1']);
		expect(result).toEqual({
			webhookWorkflows: ['Reservations', 'Just activated'],
			resubscribed: ['Reservations'],
		});
	});
});
