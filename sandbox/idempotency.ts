import { createHash } from 'node:crypto';

import type { Reply } from './reply';

const TTL_MS = 24 * 3600 * 1000;
export const MAX_KEY_LENGTH = 255;

export type IdempotencyLookup =
	| { outcome: 'new' }
	| { outcome: 'replay'; reply: Reply }
	| { outcome: 'reused' };

/**
 * First answers of creating POSTs by client and Idempotency-Key, kept 24 h (real time). A request
 * is the same when its method, path and raw body are.
 */
export class IdempotencyStore {
	private readonly answers = new Map<string, { fingerprint: string; reply: Reply; at: number }>();

	constructor(private readonly nowMs: () => number = Date.now) {}

	static fingerprint(method: string, path: string, raw: string): string {
		return createHash('sha256').update(`${method} ${path} ${raw}`).digest('hex');
	}

	lookup(clientId: string, key: string, fingerprint: string): IdempotencyLookup {
		const previous = this.answers.get(`${clientId}|${key}`);
		if (!previous || previous.at <= this.nowMs() - TTL_MS) return { outcome: 'new' };
		return previous.fingerprint === fingerprint
			? { outcome: 'replay', reply: previous.reply }
			: { outcome: 'reused' };
	}

	remember(clientId: string, key: string, fingerprint: string, reply: Reply): void {
		this.answers.set(`${clientId}|${key}`, { fingerprint, reply, at: this.nowMs() });
	}
}
