import type { SandboxStats } from './types';

export function freshStats(): SandboxStats {
	return {
		requests: {},
		created: { guests: 0, reservations: 0, waitlist: 0, webhooks: 0 },
		idempotentReplays: 0,
		faultsInjected: {},
		rateLimited: 0,
		tokensIssued: 0,
		clientEmails: { confirmation: 0, cancellation: 0 },
		webhookDeliveries: {
			attempted: 0,
			acknowledged: 0,
			failed: 0,
			duplicatesSent: 0,
			events: 0,
			answers: {},
		},
	};
}

/** One answer of `template` ("GET /guests/{id}"), by status or by 'reset'. */
export function countRequest(stats: SandboxStats, template: string, status: number | string): void {
	const byStatus = (stats.requests[template] ??= {});
	byStatus[String(status)] = (byStatus[String(status)] ?? 0) + 1;
}

export function countFault(stats: SandboxStats, name: string): void {
	stats.faultsInjected[name] = (stats.faultsInjected[name] ?? 0) + 1;
}
