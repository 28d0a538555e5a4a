import { HookContext, PollContext, WebhookContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	IDataObject,
	INode,
	INodeParameters,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { nodeCredentialsFor } from './credentials';
import type { TestCredentialsHelper } from './credentials';
import { nodeTypes } from './nodeTypes';
import { createAdditionalData } from './workflows';

/**
 * A trigger node in an active workflow, with n8n-core's own poll, hook and webhook contexts. n8n
 * keeps static data in its database and builds a Workflow from it (its nested objects proxied)
 * for every webhook request and after every restart, saving it back whole when it changed; every
 * call here does the same, so a node that can't handle n8n's proxies fails here too.
 */
export function triggerHarness(
	type: string,
	parameters: IDataObject,
	credentialsHelper: TestCredentialsHelper,
	{ webhookBaseUrl, staticData = {} }: { webhookBaseUrl?: string; staticData?: IDataObject } = {},
) {
	const node: INode = {
		id: 'trigger-node',
		name: 'Trigger',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INodeParameters,
		webhookId: 'a1b2c3d4-sevenrooms-trigger',
		credentials: nodeCredentialsFor(parameters),
	};
	let saved = JSON.parse(JSON.stringify(staticData)) as IDataObject;
	const load = () =>
		new Workflow({
			id: 'wf-trigger',
			name: 'Trigger test',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: JSON.parse(JSON.stringify(saved)) as IDataObject,
		});
	const save = (workflow: Workflow) => {
		const data = workflow.staticData as IDataObject;
		if (!data.__dataChanged) return;
		saved = JSON.parse(JSON.stringify(data)) as IDataObject;
		delete saved.__dataChanged;
	};
	const nodeKey = `node:${node.name}`;
	const additionalData = createAdditionalData(
		credentialsHelper,
		'trigger',
		undefined,
		webhookBaseUrl,
	);
	const nodeType = nodeTypes.getByNameAndVersion(type, 1);
	return {
		node,
		nodeType,
		/** the node's static data as n8n's database holds it; a test may change it */
		staticData: () => (saved[nodeKey] ??= {}) as IDataObject,
		/** the workflow's whole static data, e.g. to start another harness from it (a restart) */
		savedStaticData: () => JSON.parse(JSON.stringify(saved)) as IDataObject,
		/** n8n saving an execution's copy of the static data over the workflow's whole */
		overwriteStaticData: (whole: IDataObject) => {
			saved = JSON.parse(JSON.stringify(whole)) as IDataObject;
			delete saved.__dataChanged;
		},
		async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<IDataObject[]> {
			const workflow = load();
			const context = new PollContext(workflow, node, additionalData, mode, 'activate');
			const result = await nodeType.poll!.call(context);
			save(workflow);
			return (result?.[0] ?? []).map((item) => item.json);
		},
		async hook(method: 'checkExists' | 'create' | 'delete'): Promise<boolean> {
			const workflow = load();
			const context = new HookContext(workflow, node, additionalData, 'trigger', 'activate');
			const result = await nodeType.webhookMethods!.default![method].call(context);
			save(workflow);
			return result;
		},
		/** One delivery as n8n's webhook server hands it to the node, and whether it started a run. */
		async deliver(rawBody: string, headers: Record<string, string>) {
			const workflow = load();
			const lower = Object.fromEntries(
				Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]),
			);
			const request = {
				headers: lower,
				header: (name: string) => lower[name.toLowerCase()],
				rawBody: Buffer.from(rawBody),
				body: {},
			};
			const answer: { status: number; body?: unknown; headers: Record<string, string> } = {
				status: 200,
				headers: {},
			};
			const response = {
				status(code: number) {
					answer.status = code;
					return response;
				},
				set(headers: Record<string, string>) {
					Object.assign(answer.headers, headers);
					return response;
				},
				json(body: unknown) {
					answer.body = body;
					return response;
				},
				send(body: unknown) {
					answer.body = body;
					return response;
				},
				end: () => response,
			};
			const context = new WebhookContext(
				workflow,
				node,
				{
					...additionalData,
					httpRequest: request,
					httpResponse: response,
				} as unknown as IWorkflowExecuteAdditionalData,
				'webhook',
				{ webhookDescription: { name: 'default', httpMethod: 'POST', path: 'webhook' } } as never,
				[],
				null,
			);
			const result = await nodeType.webhook!.call(context);
			save(workflow);
			return {
				...answer,
				items: (result.workflowData?.[0] ?? []).map((item) => item.json) as IDataObject[],
				/** the items whole, as n8n hands them to the execution the delivery starts */
				executionItems: result.workflowData?.[0] ?? [],
				started: Boolean(result.workflowData),
			};
		},
	};
}
