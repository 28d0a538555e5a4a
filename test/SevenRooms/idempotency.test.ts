import type { IExecuteFunctions } from 'n8n-workflow';

import { idempotencyKeyFor } from '../../nodes/SevenRooms/actions/idempotency';

/** A node run as n8n hands it over: its own context object per run. */
function run(executionId: string, runIndex = 0): IExecuteFunctions {
	return {
		getWorkflow: () => ({ id: 'wf-1' }),
		getExecutionId: () => executionId,
		getNode: () => ({ id: 'node-1', name: 'SevenRooms' }),
		getParentNodes: () => [],
		getWorkflowDataProxy: () => ({ $thisRunIndex: runIndex }),
	} as unknown as IExecuteFunctions;
}

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const keysOf = (context: IExecuteFunctions, count: number, operation = 'guest.create') =>
	Array.from({ length: count }, (_, item) => idempotencyKeyFor(context, operation, item));

describe('derived Idempotency-Keys', () => {
	it('gives every item of a run its own UUID-shaped key, also past 65,536 items', () => {
		const keys = keysOf(run('exec-1'), 70_000);
		expect(new Set(keys).size).toBe(70_000);
		for (const key of keys) expect(key).toMatch(UUID_SHAPE);
	});

	it('gives the same keys when the same run is executed again (Retry On Fail, a re-run)', () => {
		expect(keysOf(run('exec-1'), 100)).toEqual(keysOf(run('exec-1'), 100));
	});

	it.each([
		['another execution', run('exec-2'), 'guest.create'],
		['another Loop Over Items pass', run('exec-1', 1), 'guest.create'],
		['another operation', run('exec-1'), 'reservation.create'],
	])('shares no key with %s', (_, context, operation) => {
		const first = new Set(keysOf(run('exec-1'), 1_000));
		expect(keysOf(context, 1_000, operation).filter((key) => first.has(key))).toEqual([]);
	});

	it("uses the user's own key as it is", () => {
		expect(
			idempotencyKeyFor(run('exec-1'), 'guest.create', 3, { idempotencyKey: ' mine-7 ' }),
		).toBe('mine-7');
	});
});
