import { retryPolicy } from '../../nodes/SevenRooms/transport';
import { DEFAULT_FAULTS } from '../../sandbox/faults';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { runWorkflow, sevenRoomsCredentials, sevenRoomsWorkflow } from '../../dev/engine';

/**
 * What a user meets in ordinary n8n use: loops, a server slower than the setting, answers no
 * contract promises. Each failed before the transport was hardened.
 */
let sandbox: Sandbox;
const defaults = { ...retryPolicy };

beforeAll(async () => {
	sandbox = await startSandbox({ guests: 1_200, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());
afterEach(() => {
	sandbox.setFaults(DEFAULT_FAULTS);
	sandbox.setRateLimit(0);
	Object.assign(retryPolicy, defaults);
});

const requestsTo = (route: string) =>
	Object.values(sandbox.stats.requests[route] ?? {}).reduce((sum, count) => sum + count, 0);
const guestsWithEmail = (email: string) =>
	[...sandbox.state.guests.values()].filter((guest) => guest.email === email);
const createGuest = {
	resource: 'guest',
	operation: 'create',
	firstName: '={{ $json.first }}',
	email: '={{ $json.email }}',
};

describe('Idempotency-Key in loops and re-runs', () => {
	it('creates one guest per Loop Over Items pass: passes do not share a key', async () => {
		const rows = ['ana', 'ben', 'cleo'].map((first) => ({
			first,
			email: `${first}.loop@example.com`,
		}));
		const result = await runWorkflow(sevenRoomsWorkflow(createGuest, { rows, loopBatchSize: 1 }), {
			credentialsHelper: sevenRoomsCredentials(sandbox.url),
		});
		expect(result.errorOf('SevenRooms')).toBeUndefined();
		expect(result.outputOfAllRuns('SevenRooms').map((guest) => guest.first_name)).toEqual([
			'ana',
			'ben',
			'cleo',
		]);
		for (const row of rows) expect(guestsWithEmail(row.email)).toHaveLength(1);
	});

	it('replays instead of creating when the same execution runs the same pass again', async () => {
		const rows = [{ first: 'dora', email: 'dora.rerun@example.com' }];
		const workflow = sevenRoomsWorkflow(createGuest, { rows, loopBatchSize: 1 });
		const credentialsHelper = sevenRoomsCredentials(sandbox.url);
		const first = await runWorkflow(workflow, { credentialsHelper, executionId: 'exec-rerun' });
		const again = await runWorkflow(workflow, { credentialsHelper, executionId: 'exec-rerun' });
		expect(again.outputOfAllRuns('SevenRooms')).toEqual(first.outputOfAllRuns('SevenRooms'));
		expect(guestsWithEmail('dora.rerun@example.com')).toHaveLength(1);
		// Another execution is another create: the guest exists, SevenRooms says so.
		const other = await runWorkflow(
			sevenRoomsWorkflow(createGuest, { rows, continueOnFail: true }),
			{
				credentialsHelper,
			},
		);
		expect(other.outputOf('SevenRooms')[0]).toMatchObject({ httpCode: '409' });
	});
});

describe('n8n Retry On Fail', () => {
	it('re-runs a pass whose answers were lost without creating anything twice', async () => {
		// No transport retries: the lost answers fail the node, and n8n's Retry On Fail runs it again.
		Object.assign(retryPolicy, { maxAttempts: 1 });
		const rows = ['fay', 'gus'].map((first) => ({ first, email: `${first}.retry@example.com` }));
		sandbox.setFaults({ loseNextAnswers: 2 });
		const result = await runWorkflow(
			sevenRoomsWorkflow(createGuest, {
				rows,
				loopBatchSize: 2,
				settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 },
			}),
			{ credentialsHelper: sevenRoomsCredentials(sandbox.url) },
		);
		expect(result.errorOf('SevenRooms')).toBeUndefined();
		expect(sandbox.stats.faultsInjected.lost_answer).toBeGreaterThanOrEqual(2);
		for (const row of rows) expect(guestsWithEmail(row.email)).toHaveLength(1);
	});
});

describe('rate control that follows the server', () => {
	it('reads every page of a Return All when the API allows fewer requests than the setting', async () => {
		sandbox.setRateLimit(4);
		const result = await runWorkflow(
			sevenRoomsWorkflow({ resource: 'guest', operation: 'getAll', returnAll: true }),
			{ credentialsHelper: sevenRoomsCredentials(sandbox.url, { rateLimitPerMinute: 120 }) },
		);
		expect(result.errorOf('SevenRooms')).toBeUndefined();
		expect(result.outputOf('SevenRooms')).toHaveLength(sandbox.state.guests.size);
		// It waited for the window rather than collecting 429s.
		expect(sandbox.stats.requests['GET /guests']?.['429'] ?? 0).toBeLessThanOrEqual(1);
	});

	it('does not hang on a Requests per Minute below 1', async () => {
		const result = await runWorkflow(
			sevenRoomsWorkflow({ resource: 'venue', operation: 'getAll', returnAll: true }),
			{ credentialsHelper: sevenRoomsCredentials(sandbox.url, { rateLimitPerMinute: 0.5 }) },
		);
		expect(result.outputOf('SevenRooms').length).toBeGreaterThan(0);
	});
});

describe('every wait is bounded', () => {
	it.each([
		[86_400, 'SevenRooms asked to wait 24 hours before trying again'],
		[2_592_000, 'SevenRooms asked to wait 720 hours before trying again'],
	])('fails at once, clearly, when Retry-After is %i seconds', async (seconds, message) => {
		sandbox.setFaults({ rateLimitedFraction: 1, retryAfterSeconds: seconds });
		const before = requestsTo('GET /venues/{id}');
		const started = Date.now();
		const result = await runWorkflow(
			sevenRoomsWorkflow({
				resource: 'venue',
				operation: 'get',
				venue: { __rl: true, mode: 'id', value: 'ven_nyc' },
			}),
			{ credentialsHelper: sevenRoomsCredentials(sandbox.url) },
		);
		expect(result.errorOf('SevenRooms')?.message).toBe(message);
		// It did not wait (not even the longest wait it allows itself, 5 minutes): half a minute is
		// ample for one request on the busiest machine, and far from any wait it could have made.
		expect(Date.now() - started).toBeLessThan(30_000);
		expect(requestsTo('GET /venues/{id}') - before).toBe(1);
	});

	it('stops a list whose cursor comes back, naming the path, after a few requests', async () => {
		sandbox.setFaults({ repeatCursor: true });
		const before = requestsTo('GET /guests');
		const result = await runWorkflow(
			sevenRoomsWorkflow({ resource: 'guest', operation: 'getAll', returnAll: true }),
			{ credentialsHelper: sevenRoomsCredentials(sandbox.url) },
		);
		expect(result.errorOf('SevenRooms')?.message).toBe(
			"SevenRooms' pages of /guests do not end: the same page cursor came back twice",
		);
		expect(requestsTo('GET /guests') - before).toBeLessThanOrEqual(3);
	});

	it('stops a list that goes on with empty pages and ever-new cursors, naming the path, after a few requests', async () => {
		sandbox.setFaults({ endlessEmptyPages: true });
		const before = requestsTo('GET /guests');
		const result = await runWorkflow(
			sevenRoomsWorkflow({ resource: 'guest', operation: 'getAll', returnAll: true }),
			{ credentialsHelper: sevenRoomsCredentials(sandbox.url) },
		);
		expect(result.errorOf('SevenRooms')?.message).toBe(
			"SevenRooms' pages of /guests do not end: 3 empty pages in a row each named a next page",
		);
		// The guests' pages of 200, then the empty ones.
		const pages = Math.ceil(sandbox.state.guests.size / 200);
		expect(requestsTo('GET /guests') - before).toBeLessThanOrEqual(pages + 3);
	});
});

describe('ids are ids', () => {
	it.each([
		['webhook', 'get', 'webhookId', '={{ $json.missing }}', 'Webhook ID is empty'],
		['webhook', 'get', 'webhookId', '.', 'Webhook ID "." is not a valid ID'],
		['guest', 'delete', 'guestId', '..', 'Guest ID ".." is not a valid ID'],
		[
			'guest',
			'get',
			'guestId',
			'gst_1/../../webhooks',
			'Guest ID "gst_1/../../webhooks" is not a valid ID',
		],
	])(
		'%s → %s with %s "%s" fails before any request',
		async (resource, operation, name, value, message) => {
			const before = JSON.stringify(sandbox.stats.requests);
			const result = await runWorkflow(
				sevenRoomsWorkflow({ resource, operation, [name]: { __rl: true, mode: 'id', value } }),
				{ credentialsHelper: sevenRoomsCredentials(sandbox.url) },
			);
			expect(result.errorOf('SevenRooms')?.message).toBe(message);
			expect(JSON.stringify(sandbox.stats.requests)).toBe(before);
		},
	);

	it('fails only the item with a bad id under Continue On Fail', async () => {
		const result = await runWorkflow(
			sevenRoomsWorkflow(
				{
					resource: 'guest',
					operation: 'get',
					guestId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				},
				{ rows: [{ id: 'gst_000010' }, { id: '' }, { id: 'gst_000011' }], continueOnFail: true },
			),
			{ credentialsHelper: sevenRoomsCredentials(sandbox.url) },
		);
		const output = result.outputOf('SevenRooms');
		expect(output.map((item) => item.id ?? item.error)).toEqual([
			'gst_000010',
			'Guest ID is empty',
			'gst_000011',
		]);
	});
});
