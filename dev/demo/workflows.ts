/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node modules and dev packages) */
import { copyFileSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../../sandbox/server';
import { ROOT } from '../n8n';

export const DEMO_DIR = path.join(ROOT, 'demo');

/** Files the demo workflows read (`guests.csv`) into the outbox, the only folder n8n may read. */
export function copyDemoFiles(outbox: string): void {
	for (const file of readdirSync(DEMO_DIR).filter((name) => name.endsWith('.csv')))
		copyFileSync(path.join(DEMO_DIR, file), path.join(outbox, file));
}

/** The demo's credential names, as the demo workflows refer to them. */
export const DEMO_CREDENTIALS = {
	oauth2: 'SevenRooms sandbox',
	api24: 'SevenRooms sandbox (API 2.4)',
	smtp: 'Demo mail (MailDev)',
} as const;

/**
 * The demo workflows with the credential ids and the outbox folder filled in, by file name. The
 * API 2.4 ones (`__CREDENTIAL_ID_24__`) only when a 2.4 credential id is given. Without an SMTP
 * credential id (`__SMTP_CREDENTIAL_ID__`) the nodes that send email are left out, so a test
 * without a mail server runs the rest of a workflow as before.
 */
export function demoWorkflows(
	credentialId: string,
	outbox: string,
	credentialId24?: string,
	smtpCredentialId?: string,
): Record<string, Record<string, unknown>> {
	const workflows: Record<string, Record<string, unknown>> = {};
	for (const file of readdirSync(DEMO_DIR).filter((name) => name.endsWith('.json'))) {
		const raw = readFileSync(path.join(DEMO_DIR, file), 'utf8');
		if (raw.includes('__CREDENTIAL_ID_24__') && !credentialId24) continue;
		const text = raw
			.replaceAll('__CREDENTIAL_ID_24__', credentialId24 ?? '')
			.replaceAll('__CREDENTIAL_ID__', credentialId)
			.replaceAll('__OUTBOX__', outbox);
		const workflow = JSON.parse(text) as Record<string, unknown>;
		workflows[file.replace(/\.json$/, '')] = smtpCredentialId
			? (JSON.parse(
					JSON.stringify(workflow).replaceAll('__SMTP_CREDENTIAL_ID__', smtpCredentialId),
				) as Record<string, unknown>)
			: withoutNodes(workflow, (node) => JSON.stringify(node).includes('__SMTP_CREDENTIAL_ID__'));
	}
	return workflows;
}

/** A workflow without the nodes `drop` picks, and without the connections to and from them. */
export function withoutNodes(
	workflow: Record<string, unknown>,
	drop: (node: Record<string, unknown>) => boolean,
): Record<string, unknown> {
	const nodes = (workflow.nodes as Array<Record<string, unknown>>) ?? [];
	const dropped = new Set(nodes.filter(drop).map((node) => String(node.name)));
	if (!dropped.size) return workflow;
	type Link = { node: string };
	const connections = Object.fromEntries(
		Object.entries((workflow.connections as Record<string, Record<string, Link[][]>>) ?? {})
			.filter(([from]) => !dropped.has(from))
			.map(([from, outputs]) => [
				from,
				Object.fromEntries(
					Object.entries(outputs).map(([kind, branches]) => [
						kind,
						branches.map((links) => links.filter((link) => !dropped.has(link.node))),
					]),
				),
			]),
	);
	return {
		...workflow,
		nodes: nodes.filter((node) => !dropped.has(String(node.name))),
		connections,
	};
}

type Node = { type?: unknown };
const nodesOf = (workflow: Record<string, unknown>) =>
	Array.isArray(workflow.nodes) ? (workflow.nodes as Node[]) : [];

/**
 * Triggers the demo does not activate: the manual one, and the Chat Trigger, which the editor's
 * chat panel runs as it is (activating it needs the model credential the user adds).
 */
const RUN_BY_HAND = ['n8n-nodes-base.manualTrigger', '@n8n/n8n-nodes-langchain.chatTrigger'];

/** Whether a workflow starts on its own (a trigger not run by hand): the demo activates those. */
export function startsOnItsOwn(workflow: Record<string, unknown>): boolean {
	return nodesOf(workflow).some((node) => {
		const type = String(node.type);
		return /trigger$/i.test(type) && !RUN_BY_HAND.includes(type);
	});
}

/** The path of a workflow's MCP Server Trigger, if it has one: its MCP URL is `<n8n>/mcp/<path>`. */
export function mcpPathOf(workflow: Record<string, unknown>): string | undefined {
	const trigger = nodesOf(workflow).find(
		(node) => node.type === '@n8n/n8n-nodes-langchain.mcpTrigger',
	) as { parameters?: { path?: unknown } } | undefined;
	return typeof trigger?.parameters?.path === 'string' ? trigger.parameters.path : undefined;
}

/** Whether a workflow has a SevenRooms Trigger, whose webhook subscription lives in SevenRooms. */
export function hasWebhookTrigger(workflow: Record<string, unknown>): boolean {
	return nodesOf(workflow).some((node) => node.type === 'n8n-nodes-sevenrooms.sevenRoomsTrigger');
}

/** The OAuth2 credential of the demo, filled as the editor's form fills it (its visible fields). */
export function credentialData(sandboxUrl: string, rateLimitPerMinute = 120) {
	return {
		environment: 'custom',
		baseUrl: sandboxUrl,
		apiClientId: SANDBOX_CLIENT_ID,
		apiClientSecret: SANDBOX_CLIENT_SECRET,
		rateLimitPerMinute,
	};
}

/** The API 2.4 credential of the demo: the sandbox's 2.4 dialect at `<sandbox url>/2_4`. */
export function credential24Data(sandboxUrl: string, rateLimitPerMinute = 120) {
	return {
		region: 'custom',
		baseUrl: `${sandboxUrl}/2_4`,
		clientId: SANDBOX_CLIENT_ID,
		clientSecret: SANDBOX_CLIENT_SECRET,
		rateLimitPerMinute,
	};
}
