import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { N8nClient } from '../dev/n8n';
import { sharedN8n } from './shared';

/**
 * Safe by default in a real n8n: a loop creates once per row, and a sync against an API slower
 * than the credential's setting returns every guest without failing on 429s.
 */
const ACTION = 'n8n-nodes-sevenrooms.sevenRooms';
let sandbox: Sandbox;
let client: N8nClient;
let credential: { id: string; name: string };

beforeAll(async () => {
	sandbox = await startSandbox({ guests: 20_000, rateLimitPerMinute: 0 });
	client = new N8nClient((await sharedN8n('n8n')).url);
	await client.signIn();
	credential = {
		name: 'SevenRooms sandbox',
		id: await client.createCredential('SevenRooms sandbox', 'sevenRoomsOAuth2Api', {
			environment: 'custom',
			baseUrl: sandbox.url,
			apiClientId: SANDBOX_CLIENT_ID,
			apiClientSecret: SANDBOX_CLIENT_SECRET,
			// The default: a user can't know the API's real limit.
			rateLimitPerMinute: 120,
		}),
	};
});

afterAll(async () => await sandbox?.close());

/** Manual Trigger → rows (Edit Fields, Split Out) → (Loop Over Items →) SevenRooms, as a user builds it. */
function workflow(name: string, parameters: object, { rows = [] as object[], loop = false } = {}) {
	const nodes: object[] = [
		{
			id: 't',
			name: 'Manual Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'r',
			name: 'Rows',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [200, 0],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ rows }), options: {} },
		},
		{
			id: 's',
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [400, 0],
			parameters: { fieldToSplitOut: 'rows', options: {} },
		},
		{
			id: 'n',
			name: 'SevenRooms',
			type: ACTION,
			typeVersion: 1,
			position: [800, 0],
			parameters,
			credentials: { sevenRoomsOAuth2Api: credential },
		},
	];
	const connections: Record<string, unknown> = {
		'Manual Trigger': { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
		Rows: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
		'Split Out': {
			main: [[{ node: loop ? 'Loop Over Items' : 'SevenRooms', type: 'main', index: 0 }]],
		},
	};
	if (loop) {
		nodes.push({
			id: 'l',
			name: 'Loop Over Items',
			type: 'n8n-nodes-base.splitInBatches',
			typeVersion: 3,
			position: [600, 0],
			parameters: { batchSize: 1, options: {} },
		});
		connections['Loop Over Items'] = {
			main: [[], [{ node: 'SevenRooms', type: 'main', index: 0 }]],
		};
		connections.SevenRooms = { main: [[{ node: 'Loop Over Items', type: 'main', index: 0 }]] };
	}
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

describe('safe by default in real n8n', () => {
	it('creates one guest per row through Loop Over Items', async () => {
		const rows = ['ines', 'jon', 'kai'].map((first) => ({
			first,
			email: `${first}.e2e-loop@example.com`,
		}));
		const saved = await client.createWorkflow(
			workflow(
				'Loop: create guests',
				{
					resource: 'guest',
					operation: 'create',
					firstName: '={{ $json.first }}',
					email: '={{ $json.email }}',
				},
				{ rows, loop: true },
			),
		);
		const execution = await client.runManually(saved.id);
		expect(execution.status).toBe('success');
		for (const row of rows) {
			expect(
				[...sandbox.state.guests.values()].filter((guest) => guest.email === row.email),
			).toHaveLength(1);
		}
	});

	it('syncs 10,000 opted-in guests at the default setting from an API limited to 30 a minute', async () => {
		const optedIn = [...sandbox.state.guests.values()].filter(
			(guest) => guest.email_opt_in === true,
		);
		// The seed decides who opted in; the test needs ten thousand of them.
		for (const guest of [...sandbox.state.guests.values()].slice(0, 10_000 + 200)) {
			if (optedIn.length >= 10_000) break;
			if (!guest.email_opt_in) {
				guest.email_opt_in = true;
				optedIn.push(guest);
			}
		}
		const total = [...sandbox.state.guests.values()].filter(
			(guest) => guest.email_opt_in === true,
		).length;
		sandbox.resetStats();
		sandbox.setRateLimit(30);
		const saved = await client.createWorkflow(
			workflow(
				'Audience export',
				{
					resource: 'guest',
					operation: 'getAll',
					returnAll: true,
					filters: { emailOptIn: 'true' },
				},
				{ rows: [{}] },
			),
		);
		// About 60 pages at 30 a minute: a few minutes.
		const execution = await client.runManually(saved.id, 'Manual Trigger', 480_000);
		sandbox.setRateLimit(0);
		expect(execution.status).toBe('success');
		const ids = execution.outputOf('SevenRooms').map((guest) => guest.id);
		expect(ids).toHaveLength(total);
		expect(new Set(ids).size).toBe(total);
		const pages = sandbox.stats.requests['GET /guests'] ?? {};
		const requests = Object.values(pages).reduce((sum, count) => sum + count, 0);
		expect((pages['429'] ?? 0) / requests).toBeLessThanOrEqual(0.1);
	});
});
