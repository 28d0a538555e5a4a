/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling, runs in Node beside n8n, never inside it (Node globals) */
/**
 * After the e2e files: stops the shared n8n groups (waiting for any still starting).
 */
export default async function globalTeardown(): Promise<void> {
	const groups = (globalThis as { sharedGroups?: Array<Promise<() => Promise<void>>> })
		.sharedGroups;
	await Promise.all((groups ?? []).map(async (starting) => await (await starting)()));
}
