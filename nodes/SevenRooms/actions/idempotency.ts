import { hash } from 'node:crypto';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * Where a node run sits in its workflow's execution, what makes its creates distinct: workflow,
 * the SevenRooms event that started the execution (or the execution itself), node and pass
 * (Loop Over Items runs a node once per batch), joined; and per operation the start of its keys.
 */
interface RunOrigin {
	prefix: string;
	keyStarts: Map<string, string>;
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
		const origin = eventId ? `event:${eventId}` : `execution:${context.getExecutionId()}`;
		const runIndex =
			typeof context.getWorkflowDataProxy === 'function'
				? Number(context.getWorkflowDataProxy(0).$thisRunIndex) || 0
				: 0;
		run = {
			prefix: [context.getWorkflow().id ?? '', origin, context.getNode().id, runIndex].join('|'),
			keyStarts: new Map(),
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
	// UUID-shaped so it reads like the API's default: 80 bits of a hash of the run and operation
	// (made once per run), then the item's index in hex, so items of one run never share a key.
	const run = runOriginOf(context);
	let start = run.keyStarts.get(operation);
	if (start === undefined) {
		start = uuidStart(hash('sha256', `${run.prefix}|${operation}`, 'hex'));
		run.keyStarts.set(operation, start);
	}
	return start + itemIndex.toString(16).padStart(12, '0');
}

const uuidStart = (digest: string) =>
	`${digest.slice(0, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}-${digest.slice(16, 20)}-`;

/**
 * The key of a create that is one create whenever it is asked with the same arguments, in any
 * execution: an AI tool call's (an agent's every turn, an MCP client's every call, is a run of its
 * own, and n8n gives tool calls no item to key on). Per workflow, node and operation.
 */
export function argumentKey(
	context: IExecuteFunctions,
	operation: string,
	args: unknown[],
): string {
	const digest = hash(
		'sha256',
		JSON.stringify([context.getWorkflow().id ?? '', context.getNode().id, operation, ...args]),
		'hex',
	);
	return uuidStart(digest) + digest.slice(20, 32);
}
