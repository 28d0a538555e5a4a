import type { N8nClient } from '../n8n';
import {
	DEMO_CREDENTIALS,
	copyDemoFiles,
	credential24Data,
	credentialData,
	demoWorkflows,
	hasWebhookTrigger,
	startsOnItsOwn,
} from './workflows';

export interface DemoImportOptions {
	sandboxUrl: string;
	/** where the demo workflows write their files */
	outbox: string;
	/** n8n's SMTP credential data for the birthday emails (see `smtpCredentialData`) */
	smtp: Record<string, unknown>;
}

export interface ImportedDemo {
	/** every demo workflow, by file name */
	workflows: Record<string, { id: string; name: string; active: boolean }>;
	/** the workflows with a SevenRooms Trigger that are active now (their subscriptions) */
	webhookWorkflows: string[];
	/** those of them that were published again to subscribe again (see `resubscribe`) */
	resubscribed: string[];
}

/**
 * A credential by name: made when missing; when it exists, its data is written again only if one
 * of the `watched` fields differs (the sandbox moved, or it predates the form's fields), so a
 * change the user made elsewhere in it stays.
 */
async function ensureCredential(
	client: N8nClient,
	name: string,
	type: string,
	data: Record<string, unknown>,
	watched: string[],
): Promise<string> {
	const all = await client.request<Array<{ id: string; name: string; type: string }>>(
		'GET',
		'/rest/credentials',
	);
	const found = all.data.find((credential) => credential.name === name && credential.type === type);
	if (!found) return await client.createCredential(name, type, data);
	const stored = await client.request<{ data?: Record<string, unknown> }>(
		'GET',
		`/rest/credentials/${found.id}?includeData=true`,
	);
	if (watched.some((key) => stored.data?.data?.[key] !== data[key])) {
		const updated = await client.request('PATCH', `/rest/credentials/${found.id}`, {
			name,
			type,
			data,
		});
		if (updated.status !== 200)
			throw new Error(`Could not update the credential ${name}: ${JSON.stringify(updated.raw)}`);
	}
	return found.id;
}

interface StoredWorkflow {
	id: string;
	name: string;
	active?: boolean;
	activeVersionId?: string | null;
	nodes?: unknown[];
	activeVersion?: { nodes?: unknown[] } | null;
}

/**
 * n8n 2.x keeps a workflow's webhook registrations in its database and, when it starts again,
 * registers only those it finds missing: it never asks a trigger whether its subscription still
 * exists (`checkExists`). A SevenRooms subscription that went away while n8n was stopped (the
 * demo's sandbox starts empty every time) therefore stays gone. Publishing the workflow again,
 * as a user would (deactivate, activate the same version), runs the trigger's life cycle: it
 * removes what is left and subscribes anew. Returns the names of the workflows published again.
 */
export async function resubscribe(client: N8nClient, skip: Set<string> = new Set()) {
	const listed = await client.request<StoredWorkflow[]>('GET', '/rest/workflows');
	const active: StoredWorkflow[] = [];
	for (const summary of listed.data ?? []) {
		if (!(summary.active ?? summary.activeVersionId)) continue;
		const workflow = (await client.request<StoredWorkflow>('GET', `/rest/workflows/${summary.id}`))
			.data;
		const nodes = workflow.activeVersion?.nodes ?? workflow.nodes;
		if (workflow.activeVersionId && hasWebhookTrigger({ nodes })) active.push(workflow);
	}
	const resubscribed: string[] = [];
	for (const workflow of active) {
		if (skip.has(workflow.id)) continue;
		await client.deactivate(workflow.id);
		// The version that was published, not a draft edited since.
		await client.activate(workflow.id, workflow.activeVersionId as string);
		resubscribed.push(workflow.name);
	}
	return { webhookWorkflows: active.map((workflow) => workflow.name), resubscribed };
}

/**
 * The demo's credentials (OAuth2 API and API 2.4 on the sandbox, SMTP on MailDev) and workflows,
 * each made once: a restart finds them and keeps them (a credential's address is brought up to
 * date). New workflows that start on their own are activated; existing active ones with a
 * SevenRooms Trigger are published again, so they subscribe to the fresh sandbox.
 */
export async function importDemo(
	client: N8nClient,
	{ sandboxUrl, outbox, smtp }: DemoImportOptions,
): Promise<ImportedDemo> {
	const credentialId = await ensureCredential(
		client,
		DEMO_CREDENTIALS.oauth2,
		'sevenRoomsOAuth2Api',
		credentialData(sandboxUrl),
		['environment', 'baseUrl', 'apiClientId'],
	);
	const credentialId24 = await ensureCredential(
		client,
		DEMO_CREDENTIALS.api24,
		'sevenRoomsApi',
		credential24Data(sandboxUrl),
		['region', 'baseUrl', 'clientId'],
	);
	const smtpId = await ensureCredential(client, DEMO_CREDENTIALS.smtp, 'smtp', smtp, [
		'host',
		'port',
	]);

	copyDemoFiles(outbox);
	const existing = await client.request<StoredWorkflow[]>('GET', '/rest/workflows');
	const byName = new Map((existing.data ?? []).map((workflow) => [workflow.name, workflow]));
	const workflows: ImportedDemo['workflows'] = {};
	const activatedNow = new Set<string>();
	for (const [file, workflow] of Object.entries(
		demoWorkflows(credentialId, outbox, credentialId24, smtpId),
	)) {
		const name = String(workflow.name);
		const stored = byName.get(name);
		if (stored) {
			workflows[file] = {
				id: stored.id,
				name,
				active: Boolean(stored.active ?? stored.activeVersionId),
			};
			continue;
		}
		const saved = await client.createWorkflow(workflow);
		const activate = startsOnItsOwn(workflow);
		if (activate) {
			await client.activate(saved.id, saved.versionId);
			activatedNow.add(saved.id);
		}
		workflows[file] = { id: saved.id, name, active: activate };
	}
	return { workflows, ...(await resubscribe(client, activatedNow)) };
}
