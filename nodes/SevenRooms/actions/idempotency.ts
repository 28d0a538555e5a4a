import { createHash } from 'node:crypto';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** Where a node run sits in its workflow's execution: what makes its creates distinct. */
interface RunOrigin {
	/** the SevenRooms event that started the execution, or the execution itself */
	origin: string;
	/** which pass of this node (Loop Over Items runs a node once per batch) */
	runIndex: number;
}

const runOrigins = new WeakMap<object, RunOrigin>();

/**
 * The id of the SevenRooms event that started this execution, when a SevenRooms Trigger did. A
 * redelivered event that still got a second execution (two webhook processors in queue mode, each
 * with its own memory) then makes the same keys, so it cannot create twice.
 */
function triggeringEventId(context: IExecuteFunctions): string | undefined {
	if (typeof context.getParentNodes !== 'function') return undefined;
	const triggers = context
		.getParentNodes(context.getNode().name)
		.filter((node) => /(^|\.)sevenRoomsTrigger$/.test(node.type) && !node.disabled);
	for (const trigger of triggers) {
		try {
			const id = context.evaluateExpression(
				`{{ $(${JSON.stringify(trigger.name)}).first().json.id }}`,
				0,
			);
			if (typeof id === 'string' && id) return id;
		} catch {
			// That trigger did not run in this execution (another trigger started it).
		}
	}
	return undefined;
}

function runOriginOf(context: IExecuteFunctions): RunOrigin {
	let run = runOrigins.get(context);
	if (!run) {
		const eventId = triggeringEventId(context);
		run = {
			origin: eventId ? `event:${eventId}` : `execution:${context.getExecutionId()}`,
			runIndex:
				typeof context.getWorkflowDataProxy === 'function'
					? Number(context.getWorkflowDataProxy(0).$thisRunIndex) || 0
					: 0,
		};
		runOrigins.set(context, run);
	}
	return run;
}

/**
 * The `Idempotency-Key` of a create: the user's own (Options → Idempotency Key) or one derived from
 * where the create sits: workflow, execution (or the SevenRooms event that started it), node, run
 * (each Loop Over Items pass), operation and item. n8n's Retry On Fail re-runs the same run and
 * item, and the transport's retries reuse the key, so they replay instead of creating again; every
 * distinct create (another pass, another item, another execution or sub-workflow call) gets its own.
 */
export function idempotencyKeyFor(
	context: IExecuteFunctions,
	operation: string,
	itemIndex: number,
	options: IDataObject = {},
): string {
	const own = String(options.idempotencyKey ?? '').trim();
	if (own) {
		if (own.length > 255) {
			throw new NodeOperationError(
				context.getNode(),
				`Idempotency Key is ${own.length} characters long; SevenRooms accepts at most 255`,
				{ itemIndex },
			);
		}
		return own;
	}
	const { origin, runIndex } = runOriginOf(context);
	const hash = createHash('sha256')
		.update(
			[
				context.getWorkflow().id ?? '',
				origin,
				context.getNode().id,
				runIndex,
				operation,
				itemIndex,
			].join('|'),
		)
		.digest('hex');
	// UUID-shaped so it reads like the API's default.
	return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-${hash.slice(12, 16)}-${hash.slice(16, 20)}-${hash.slice(20, 32)}`;
}
