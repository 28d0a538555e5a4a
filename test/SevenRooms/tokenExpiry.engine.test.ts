import { retryPolicy } from '../../nodes/SevenRooms/transport';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { runWorkflow, sevenRoomsCredentials, sevenRoomsWorkflow } from '../../dev/engine';

let sandbox: Sandbox;
const defaults = { ...retryPolicy };
beforeAll(async () => {
	sandbox = await startSandbox({ guests: 1200, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());
afterEach(() => {
	sandbox.setFaults({
		unavailableFraction: 0,
		rateLimitedFraction: 0,
		resetFraction: 0,
		serverErrorFraction: 0,
	});
	Object.assign(retryPolicy, defaults);
});

describe('token expiry in the middle of a run', () => {
	it('gets a new token when the old one expires between two items, and finishes the run', async () => {
		const shortLived = await startSandbox({
			guests: 50,
			rateLimitPerMinute: 0,
			tokenTtlSeconds: 1,
		});
		try {
			// Every answer takes 400 ms: the one-second token expires after a few items.
			shortLived.setFaults({ slowFraction: 1, slowMs: 400 });
			const rows = [
				'gst_000001',
				'gst_000002',
				'gst_000003',
				'gst_000004',
				'gst_000005',
				'gst_000006',
			].map((guest) => ({ guest }));
			const credentials = sevenRoomsCredentials(shortLived.url);
			const result = await runWorkflow(
				sevenRoomsWorkflow(
					{
						resource: 'guest',
						operation: 'get',
						guestId: { __rl: true, mode: 'id', value: '={{ $json.guest }}' },
					},
					{ rows },
				),
				{ credentialsHelper: credentials },
			);
			expect(result.errorOf('SevenRooms')).toBeUndefined();
			expect(result.outputOf('SevenRooms').map((guest) => guest.id)).toEqual(
				rows.map((row) => row.guest),
			);
			expect(shortLived.stats.requests['GET /guests/{id}']['401']).toBeGreaterThanOrEqual(1);
			expect(shortLived.stats.tokensIssued).toBeGreaterThanOrEqual(2);
			expect(credentials.tokenWrites.length).toBe(shortLived.stats.tokensIssued);
		} finally {
			await shortLived.close();
		}
	});
});
