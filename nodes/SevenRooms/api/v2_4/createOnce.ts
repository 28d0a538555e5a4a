import { sleep } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isAnswerLost, nodeErrorOf } from '../../transport';
import { exponentialBackoffMs, retryPolicy } from '../../transport/retryPolicy';

/**
 * References of the creates this process sent in the last day: the same reference again (n8n's
 * Retry On Fail re-running a node, which runs its earlier items again too) looks for the object
 * before creating, as the OAuth2 API's Idempotency-Key replays within 24 hours. Bounded: a day,
 * 10,000 references.
 */
const attempted = new Map<string, number>();
const REMEMBER_MS = 24 * 60 * 60_000;
const MAX_REMEMBERED = 10_000;

function remember(reference: string) {
	const now = Date.now();
	attempted.delete(reference);
	for (const [key, at] of attempted) {
		if (at > now - REMEMBER_MS && attempted.size < MAX_REMEMBERED) break;
		attempted.delete(key);
	}
	attempted.set(reference, now);
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
 * A create on an API without idempotency keys, made at most once per reference: when its answer
 * is lost (no answer, a 500) the object is looked for by its reference before the create is sent
 * again, up to the transport's attempts; a reference seen before is looked for first. What is
 * found comes back with `idempotent_replay: true`.
 */
export async function createOnce(
	context: IExecuteFunctions,
	{ reference, send, find, lookFirst }: CreateOnce,
): Promise<IDataObject> {
	const found = async () => {
		const object = await find();
		return object ? { ...object, idempotent_replay: true } : undefined;
	};
	if (lookFirst || attempted.has(reference)) {
		const existing = await found();
		if (existing) return existing;
	}
	for (let attempt = 1; ; attempt++) {
		remember(reference);
		try {
			return await send();
		} catch (error) {
			if (!isAnswerLost(error)) throw nodeErrorOf(context.getNode(), error);
			if (attempt >= retryPolicy.maxAttempts) throw nodeErrorOf(context.getNode(), error);
			await sleep(exponentialBackoffMs(attempt), context.getExecutionCancelSignal?.());
			const existing = await found();
			if (existing) return existing;
		}
	}
}
