import { sleep } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { exponentialBackoffMs, retryPolicy } from '../../transport/retryPolicy';
import { isAnswerLost, nodeErrorOf } from '../../transport';

/**
 * Creates that may have happened without an answer, by reference, in this process: n8n's Retry
 * On Fail (or the next item with the same key) looks for the object before creating again.
 * Bounded: a day, 10,000 keys.
 */
const uncertain = new Map<string, number>();
const UNCERTAIN_MS = 24 * 60 * 60_000;
const MAX_UNCERTAIN = 10_000;

function remember(reference: string) {
	const now = Date.now();
	for (const [key, at] of uncertain) {
		if (at > now - UNCERTAIN_MS && uncertain.size < MAX_UNCERTAIN) break;
		uncertain.delete(key);
	}
	uncertain.set(reference, now);
}

export interface CreateOnce {
	/** the value the create carries in the API's reference field (or a natural key) */
	reference: string;
	/** the create, sent with `once` (never repeated by the transport) */
	send: () => Promise<IDataObject>;
	/** the object the create made, found by its reference, or undefined */
	find: () => Promise<IDataObject | undefined>;
	/** look before the first attempt (a reference the user chose: a re-run must not create) */
	lookFirst?: boolean;
}

/**
 * A create on an API without idempotency keys, made at most once: when its answer is lost (no
 * answer, a 500), the object is looked for by its reference before the create is sent again, up
 * to the transport's attempts. What is found comes back with `idempotent_replay: true`.
 */
export async function createOnce(
	context: IExecuteFunctions,
	{ reference, send, find, lookFirst }: CreateOnce,
): Promise<IDataObject> {
	const found = async () => {
		const object = await find();
		if (object) uncertain.delete(reference);
		return object ? { ...object, idempotent_replay: true } : undefined;
	};
	if (lookFirst || uncertain.has(reference)) {
		const existing = await found();
		if (existing) return existing;
	}
	for (let attempt = 1; ; attempt++) {
		try {
			const created = await send();
			uncertain.delete(reference);
			return created;
		} catch (error) {
			if (!isAnswerLost(error)) throw nodeErrorOf(context.getNode(), error);
			remember(reference);
			if (attempt >= retryPolicy.maxAttempts) throw nodeErrorOf(context.getNode(), error);
			await sleep(exponentialBackoffMs(attempt), context.getExecutionCancelSignal?.());
			const existing = await found();
			if (existing) return existing;
		}
	}
}
