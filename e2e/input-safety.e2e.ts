import type { IDataObject } from 'n8n-workflow';

import { startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { credential24Data, credentialData } from '../dev/demo';
import { sevenRoomsWorkflow } from '../dev/engine';
import { N8nClient } from '../dev/n8n';
import { listenOnNetwork } from '../dev/networkListener';

import { sharedN8n } from './shared';
import type { SharedN8n } from './shared';

/**
 * Input at the edges, in a real n8n (its own expression engine and credential Test): yes/no text
 * from an expression, a sheet's separate Date and Time columns, and base URLs that spell plain
 * http so that a regex misses it.
 */
const TYPE = 'sevenRoomsOAuth2Api';
const TYPE_24 = 'sevenRoomsApi';
let sandbox: Sandbox;
let n8n: SharedN8n;
let client: N8nClient;
const credentials: Record<string, { id: string; name: string }> = {};

beforeAll(async () => {
	sandbox = await startSandbox({ guests: 50, rateLimitPerMinute: 0 });
	n8n = await sharedN8n('n8n');
	client = new N8nClient(n8n.url);
	await client.signIn();
	for (const [type, name, data] of [
		[TYPE, 'SevenRooms sandbox', credentialData(sandbox.url, 600)],
		[TYPE_24, 'SevenRooms sandbox (API 2.4)', credential24Data(sandbox.url, 600)],
	] as const)
		credentials[type] = { id: await client.createCredential(name, type, data), name };
}, 300_000);

afterAll(async () => await sandbox?.close());

/** Manual Trigger → the rows as items → one SevenRooms node (errors as items), run in n8n. */
async function runOnRows(
	name: string,
	typeVersion: number,
	parameters: IDataObject,
	rows: IDataObject[],
) {
	const type = parameters.authentication === 'api24' ? TYPE_24 : TYPE;
	const workflow = sevenRoomsWorkflow(parameters, { rows, continueOnFail: true, typeVersion });
	const created = await client.createWorkflow({
		...workflow,
		name,
		nodes: workflow.nodes.map((node) =>
			node.credentials ? { ...node, credentials: { [type]: credentials[type] } } : node,
		),
		settings: { executionOrder: 'v1' },
	});
	const execution = await client.runManually(created.id);
	expect(execution.status).toBe('success');
	return execution.outputOf('SevenRooms');
}

describe('input at the edges, in a real n8n', () => {
	it('API 2.4, version 1: Email Opt-In "true" from an expression gives consent; "maybe" is an item error', async () => {
		const [ada, bea] = [...sandbox.state.guests.values()].filter(
			(guest) => !guest.email_opt_in && guest.phone,
		);
		const output = await runOnRows(
			'Opt-in as text',
			1,
			{
				authentication: 'api24',
				resource: 'guest',
				operation: 'update',
				guestId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				updateFields: { email_opt_in: '={{ $json.optIn }}' },
				options: {},
			},
			[
				{ id: ada.id, optIn: 'true' },
				{ id: bea.id, optIn: 'maybe' },
			],
		);
		expect(output[0]).toMatchObject({ id: ada.id, email_opt_in: true });
		expect(sandbox.state.guests.get(ada.id)?.email_opt_in).toBe(true);
		expect(output[1].error).toBe('Email Opt-In "maybe" is not true or false');
		expect(sandbox.state.guests.get(bea.id)?.email_opt_in).toBe(false);
	});

	it('Map Automatically books a sheet’s Date and Time columns on that date; a time alone is refused', async () => {
		const output = await runOnRows(
			'Date and Time columns',
			2,
			{
				resource: 'reservation',
				operation: 'create',
				venue: { __rl: true, mode: 'id', value: 'ven_nyc' },
				columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema: [] },
				options: {},
			},
			[
				{ Covers: 2, 'First Name': 'Ivy', Date: '2027-07-04', Time: '19:30' },
				{ Covers: 2, 'First Name': 'Jo', Time: '19:30' },
			],
		);
		expect(output[0]).toMatchObject({
			start_time: '2027-07-04T23:30:00.000Z',
			start_time_local: '2027-07-04T19:30:00-04:00',
		});
		expect(output[1].error).toBe('Start Time (column "Time") "19:30" has no date');
	});

	it('the credential Test sends nothing over plain http to a host on the network, however http is spelled', async () => {
		const listener = await listenOnNetwork();
		const host = listener.host;
		try {
			for (const spelling of [`ht\ttp://${host}`, `HTTP:${host}`, `http:\\\\${host}`]) {
				for (const [type, data] of [
					[TYPE, { ...credentialData(sandbox.url), baseUrl: spelling }],
					[TYPE_24, { ...credential24Data(sandbox.url), baseUrl: `${spelling}/2_4` }],
				] as const) {
					const result = await client.testCredential(
						credentials[type].id,
						credentials[type].name,
						type,
						data,
					);
					expect({ type, spelling, status: result.status }).toEqual({
						type,
						spelling,
						status: 'Error',
					});
				}
			}
			expect(listener.received).toEqual([]);
			// This machine over plain http, written as the URL parser still reads it, passes.
			const local = sandbox.url.replace('http://', 'http://\t');
			for (const [type, data] of [
				[TYPE, { ...credentialData(sandbox.url), baseUrl: local }],
				[TYPE_24, { ...credential24Data(sandbox.url), baseUrl: `${local}/2_4` }],
			] as const)
				expect(
					(await client.testCredential(credentials[type].id, credentials[type].name, type, data))
						.status,
				).toBe('OK');
		} finally {
			await listener.close();
		}
	});
});
