/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import { createRequire } from 'node:module';

import type * as ClientModule from '@modelcontextprotocol/sdk/client/index.js';
import type * as TransportModule from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { DateTime } from 'luxon';

import { credential24Data, credentialData, demoWorkflows } from '../dev/demo';
import { N8nClient } from '../dev/n8n';
import { until } from '../dev/until';
import { TOOL_DESCRIPTIONS } from '../nodes/SevenRooms/actions/toolDescriptions';
import { startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { NO_VISIT_YET } from '../sandbox/visit';

import { ownWebhookIds, sharedN8n } from './shared';
import type { SharedN8n } from './shared';

/**
 * The demo's SevenRooms concierge (demo/concierge-mcp.json) in a real n8n 2.41.1, as an MCP client
 * uses it: the official MCP TypeScript SDK connects to its MCP Server Trigger, lists the tools,
 * finds a free time, books it, books it again, cancels it; on the OAuth2 API and on API 2.4.
 */
// Node finds the MCP SDK's modules through its package exports, which the lint's resolver can't read.
const load = createRequire(__filename);
const { Client } = load('@modelcontextprotocol/sdk/client/index.js') as typeof ClientModule;
const { StreamableHTTPClientTransport } = load(
	'@modelcontextprotocol/sdk/client/streamableHttp.js',
) as typeof TransportModule;
type Client = InstanceType<typeof Client>;

const ZONE = 'America/New_York';
let sandbox: Sandbox;
let n8n: SharedN8n;
let client: N8nClient;
const servers: Record<string, string> = {};

/** The demo workflow on API 2.4, at a path of its own. */
function on24(workflow: Record<string, unknown>, credentialId: string): Record<string, unknown> {
	const nodes = (workflow.nodes as Array<Record<string, unknown>>).map((node) => {
		const parameters = node.parameters as Record<string, unknown>;
		if (String(node.type).endsWith('mcpTrigger'))
			return { ...node, parameters: { ...parameters, path: `${String(parameters.path)}-24` } };
		return {
			...node,
			parameters: { ...parameters, authentication: 'api24', venueTimeZone: ZONE },
			credentials: { sevenRoomsApi: { id: credentialId, name: 'SevenRooms sandbox (API 2.4)' } },
		};
	});
	return { ...workflow, name: `${String(workflow.name)} (API 2.4)`, nodes };
}

/**
 * A busy evening at the demo's venue: every table taken from 17:00 on `date` but one for two, so
 * a booking of that table makes its times go.
 */
function busyEvening(date: string): void {
	const tables = [...sandbox.state.tables.values()].filter((table) => table.venue_id === 'ven_nyc');
	const spare = tables
		.filter((table) => table.max_party_size >= 2)
		.sort((a, b) => a.max_party_size - b.max_party_size)[0];
	const from = DateTime.fromISO(`${date}T17:00`, { zone: ZONE });
	for (const reservation of sandbox.state.reservations.values()) {
		const local = DateTime.fromISO(reservation.start_time, { zone: ZONE });
		if (reservation.table_ids.includes(spare.id) && local.hasSame(from, 'day'))
			reservation.status = 'cancelled';
	}
	for (const table of tables.filter((each) => each.id !== spare.id)) {
		const id = `res_busy_${table.id}_${date}`;
		sandbox.state.reservations.set(id, {
			id,
			venue_id: 'ven_nyc',
			guest_id: 'gst_000001',
			party_size: 1,
			start_time: from.toUTC().toISO() as string,
			duration_minutes: 7 * 60,
			status: 'booked',
			table_ids: [table.id],
			notes: null,
			tags: [],
			source: 'phone',
			created_at: from.toUTC().toISO() as string,
			updated_at: from.toUTC().toISO() as string,
			cancelled_at: null,
			...NO_VISIT_YET,
		});
	}
}

beforeAll(async () => {
	sandbox = await startSandbox({ guests: 1000, rateLimitPerMinute: 0 });
	n8n = await sharedN8n('n8n');
	client = new N8nClient(n8n.url);
	await client.signIn();
	const oauth2 = await client.createCredential(
		'SevenRooms sandbox',
		'sevenRoomsOAuth2Api',
		credentialData(sandbox.url, 600),
	);
	const api24 = await client.createCredential(
		'SevenRooms sandbox (API 2.4)',
		'sevenRoomsApi',
		credential24Data(sandbox.url, 600),
	);
	const demo = demoWorkflows(oauth2, n8n.outbox)['concierge-mcp'];
	for (const [api, workflow] of [
		['oAuth2', demo],
		['api24', on24(demo, api24)],
	] as const) {
		// Its own webhook ids in the n8n other e2e files share (the path stays the demo's, which no
		// other file activates, so the URL is the one the README shows).
		const saved = await client.createWorkflow(ownWebhookIds(workflow));
		await client.activate(saved.id, saved.versionId);
		const trigger = (workflow.nodes as Array<{ type: string; parameters: { path: string } }>).find(
			(node) => node.type.endsWith('mcpTrigger'),
		);
		servers[api] = `${n8n.url}/mcp/${trigger?.parameters.path}`;
	}
	// n8n registers an activated workflow's endpoints after its REST answer.
	for (const url of Object.values(servers))
		await until(`the MCP server at ${url}`, async () => {
			const mcp = await connect(url).catch(() => undefined);
			await mcp?.close();
			return mcp;
		});
}, 300_000);

afterAll(async () => await sandbox?.close());

async function connect(url: string): Promise<Client> {
	const mcp = new Client({ name: 'sevenrooms-e2e', version: '1.0.0' });
	await mcp.connect(new StreamableHTTPClientTransport(new URL(url)));
	return mcp;
}

/** A tool's answer as a model reads it: the JSON in its text, or the error's text. */
async function call(mcp: Client, name: string, args: Record<string, unknown>) {
	const result = (await mcp.callTool({ name, arguments: args })) as {
		isError?: boolean;
		content: Array<{ type: string; text: string }>;
	};
	const text = result.content.map((part) => part.text).join('');
	if (result.isError) throw new Error(`${name} failed: ${text}`);
	return JSON.parse(text) as Array<Record<string, unknown>>;
}

it("gives n8n's editor the tool variant with its own per-operation description, not n8n's", async () => {
	const nodes = await client.request('GET', '/types/nodes.json');
	const tool = (nodes.raw as Array<{ name: string; properties: Array<{ name: string }> }>).find(
		(node) => node.name === 'n8n-nodes-sevenrooms.sevenRoomsTool',
	);
	const names = tool?.properties.map((property) => property.name);
	expect(names).toContain('toolDescriptionMode');
	expect(names).not.toContain('descriptionType');
});

describe.each(['oAuth2', 'api24'] as const)("the concierge's MCP server on %s", (api) => {
	it('lists the SevenRooms tools with descriptions and input schemas a model can use', async () => {
		const mcp = await connect(servers[api]);
		try {
			const { tools } = await mcp.listTools();
			const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
			expect(Object.keys(byName).sort()).toEqual([
				'book_table',
				'cancel_reservation',
				'check_availability',
				'find_guest',
				'get_reservation',
			]);
			expect(byName.check_availability.description).toBe(
				TOOL_DESCRIPTIONS['reservation:checkAvailability'],
			);
			expect(byName.book_table.description).toBe(TOOL_DESCRIPTIONS['reservation:create']);
			expect(byName.check_availability.inputSchema.required?.sort()).toEqual([
				'date',
				'party_size',
			]);
			expect(byName.book_table.inputSchema.required?.sort()).toEqual(['party_size', 'start_time']);
			expect(byName.cancel_reservation.inputSchema.required).toEqual(['reservation_id']);
			for (const tool of tools)
				for (const [name, field] of Object.entries(tool.inputSchema.properties ?? {}))
					expect([
						tool.name,
						name,
						String((field as { description?: string }).description).length > 15,
					]).toEqual([tool.name, name, true]);
		} finally {
			await mcp.close();
		}
	});

	it('books an offered time once, sees it taken, cancels it and sees it offered again', async () => {
		const date = DateTime.now()
			.setZone(ZONE)
			.plus({ days: api === 'api24' ? 12 : 11 })
			.toISODate() as string;
		busyEvening(date);
		const mcp = await connect(servers[api]);
		try {
			const window = { date, party_size: 2, earliest_time: '19:00', latest_time: '21:00' };
			const free = await call(mcp, 'check_availability', window);
			expect(free.length).toBeGreaterThan(0);
			const slot = free[0];
			const guest = {
				first_name: 'Alan',
				last_name: 'Turing',
				email: `alan.${api}@example.com`,
				phone: '+12125550199',
			};
			const [booked] = await call(mcp, 'book_table', {
				...guest,
				party_size: 2,
				start_time: slot.start_time,
			});
			expect(booked).toMatchObject({
				status: 'booked',
				start_time_local: slot.start_time_local,
				party_size: 2,
			});
			const taken = (await call(mcp, 'check_availability', window)).map((each) => each.start_time);
			expect(taken).not.toContain(slot.start_time);

			const [again] = await call(mcp, 'book_table', {
				...guest,
				party_size: 2,
				start_time: slot.start_time,
			});
			expect(again).toMatchObject({ id: booked.id, idempotent_replay: true });
			const theirs = [...sandbox.state.reservations.values()].filter(
				(reservation) =>
					reservation.venue_id === 'ven_nyc' &&
					Date.parse(reservation.start_time) === Date.parse(String(slot.start_time)) &&
					reservation.status !== 'cancelled',
			);
			expect(theirs).toHaveLength(1);

			const [cancelled] = await call(mcp, 'cancel_reservation', { reservation_id: booked.id });
			expect(cancelled).toMatchObject({ id: booked.id, status: 'cancelled' });
			const [got] = await call(mcp, 'get_reservation', { reservation_id: booked.id });
			expect(got.status).toBe('cancelled');
			const offered = (await call(mcp, 'check_availability', window)).map(
				(each) => each.start_time,
			);
			expect(offered).toContain(slot.start_time);
		} finally {
			await mcp.close();
		}
	});
});
