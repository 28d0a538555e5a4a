import {
	ExecutionLifecycleHooks,
	HookContext,
	PollContext,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { OAuth2Api } from 'n8n-nodes-base/dist/credentials/OAuth2Api.credentials';
import { HttpRequest } from 'n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node';
import { ManualTrigger } from 'n8n-nodes-base/dist/nodes/ManualTrigger/ManualTrigger.node';
import { NoOp } from 'n8n-nodes-base/dist/nodes/NoOp/NoOp.node';
import { Set as EditFields } from 'n8n-nodes-base/dist/nodes/Set/Set.node';
import { RemoveDuplicates } from 'n8n-nodes-base/dist/nodes/Transform/RemoveDuplicates/RemoveDuplicates.node';
import { SplitInBatches } from 'n8n-nodes-base/dist/nodes/SplitInBatches/SplitInBatches.node';
import { SplitOut } from 'n8n-nodes-base/dist/nodes/Transform/SplitOut/SplitOut.node';

import { SevenRoomsApi } from '../credentials/SevenRoomsApi.credentials';
import { SevenRoomsOAuth2Api } from '../credentials/SevenRoomsOAuth2Api.credentials';
import { SevenRooms } from '../nodes/SevenRooms/SevenRooms.node';
import { SevenRoomsPollTrigger } from '../nodes/SevenRooms/SevenRoomsPollTrigger.node';
import { SevenRoomsTrigger } from '../nodes/SevenRooms/SevenRoomsTrigger.node';

/** Node types by the name a workflow export uses; community nodes are `<package>.<name>`. */
const NODE_FACTORIES: Record<string, () => INodeType | IVersionedNodeType> = {
	'n8n-nodes-sevenrooms.sevenRooms': () => new SevenRooms(),
	'n8n-nodes-sevenrooms.sevenRoomsTrigger': () => new SevenRoomsTrigger(),
	'n8n-nodes-sevenrooms.sevenRoomsPollTrigger': () => new SevenRoomsPollTrigger(),
	'n8n-nodes-base.manualTrigger': () => new ManualTrigger(),
	'n8n-nodes-base.set': () => new EditFields(),
	'n8n-nodes-base.noOp': () => new NoOp(),
	'n8n-nodes-base.splitOut': () => new SplitOut(),
	'n8n-nodes-base.splitInBatches': () => new SplitInBatches(),
	'n8n-nodes-base.removeDuplicates': () => new RemoveDuplicates(),
	'n8n-nodes-base.httpRequest': () => new HttpRequest(),
};

/** Extra node types a test adds (e.g. the trigger nodes), by workflow type name. */
export function registerNodeType(name: string, factory: () => INodeType | IVersionedNodeType) {
	NODE_FACTORIES[name] = factory;
	nodeTypeCache.delete(name);
}

const nodeTypeCache = new Map<string, INodeType | IVersionedNodeType>();

export const nodeTypes: INodeTypes = {
	getByName(type) {
		let nodeType = nodeTypeCache.get(type);
		if (!nodeType) {
			const factory = NODE_FACTORIES[type];
			if (!factory) throw new Error(`The test harness does not know node type ${type}`);
			nodeType = factory();
			nodeTypeCache.set(type, nodeType);
		}
		return nodeType;
	},
	getByNameAndVersion(type, version) {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	},
	getKnownTypes() {
		return {};
	},
};

const CREDENTIAL_TYPES: Record<string, ICredentialType> = {
	sevenRoomsOAuth2Api: new SevenRoomsOAuth2Api(),
	sevenRoomsApi: new SevenRoomsApi(),
	oAuth2Api: new OAuth2Api(),
};

/** A node to resolve credential expressions on, as n8n's credentials helper does. */
function expressionWorkflow(): { workflow: Workflow; node: INode } {
	const node: INode = {
		id: 'cred',
		name: 'Credential',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	return {
		workflow: new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes }),
		node,
	};
}

/**
 * Credentials as n8n's own helper treats them: parent (`extends`) properties merged in, defaults
 * applied, `={{ $self… }}` expressions resolved, and OAuth token data stored back.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** stored data by credential id, as n8n keeps it (user fields + oauthTokenData) */
	readonly store = new Map<string, ICredentialDataDecryptedObject>();

	/** every token-data write n8n made, newest last */
	readonly tokenWrites: IDataObject[] = [];

	/** every `preAuthentication` output n8n stored (API 2.4 tokens), newest last */
	readonly preAuthentications: IDataObject[] = [];

	getParentTypes(name: string): string[] {
		const parents = CREDENTIAL_TYPES[name]?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	/** As n8n merges them: parents' first, an own property taking its parent's place. */
	getCredentialsProperties(type: string): INodeProperties[] {
		const merged: INodeProperties[] = [];
		for (const parent of CREDENTIAL_TYPES[type]?.extends ?? []) {
			NodeHelpers.mergeNodeProperties(merged, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(merged, CREDENTIAL_TYPES[type]?.properties ?? []);
		return merged;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	/** n8n's generic `authenticate`: each `={{$credentials…}}` resolved onto the request. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		type: string,
		request: IHttpRequestOptions,
	) {
		const authenticate = CREDENTIAL_TYPES[type]?.authenticate;
		if (!authenticate || typeof authenticate !== 'object' || authenticate.type !== 'generic')
			return request;
		const { workflow, node } = expressionWorkflow();
		const resolve = (value: string) =>
			String(
				workflow.expression.getSimpleParameterValue(
					node,
					value,
					'internal',
					{ $credentials: credentials },
					undefined,
					'',
				) ?? '',
			);
		for (const [outer, values] of Object.entries(authenticate.properties)) {
			const target = ((request as unknown as IDataObject)[outer] ??= {}) as IDataObject;
			for (const [key, value] of Object.entries(values as IDataObject))
				target[resolve(key)] = resolve(String(value));
		}
		return request;
	}

	/**
	 * As n8n's credentials helper: a credential with a hidden expirable property runs its
	 * `preAuthentication` when that property is empty or the token expired, and stores the output.
	 */
	async preAuthentication(
		helpers: { helpers: { httpRequest: (options: IHttpRequestOptions) => Promise<unknown> } },
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	) {
		const type = CREDENTIAL_TYPES[typeName];
		const expirable = type?.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call(
			{ helpers: { httpRequest: helpers.helpers.httpRequest } } as never,
			credentials,
		);
		if (output[expirable.name] === undefined || !node.credentials) return undefined;
		const id = String(node.credentials[typeName].id);
		this.store.set(id, { ...this.store.get(id), ...(output as ICredentialDataDecryptedObject) });
		this.preAuthentications.push(output);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('getCredentials is not used by these tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		_mode: unknown,
		_executeData?: unknown,
		raw?: boolean,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store.get(String(nodeCredentials.id));
		if (!stored) throw new Error(`No credential ${String(nodeCredentials.id)}`);
		const data = structuredClone(stored);
		if (raw) return data;
		const properties = this.getCredentialsProperties(type);
		const withDefaults = NodeHelpers.getNodeParameters(
			properties,
			data as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		for (const [key, value] of Object.entries(data))
			if (withDefaults[key] === undefined) withDefaults[key] = value;
		const { workflow, node } = expressionWorkflow();
		return workflow.expression.getComplexParameterValue(
			node,
			withDefaults as INodeParameters,
			'internal',
			{},
			undefined,
			undefined,
			withDefaults,
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	) {
		this.store.set(String(nodeCredentials.id), {
			...this.store.get(String(nodeCredentials.id)),
			...data,
		});
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	) {
		const id = String(nodeCredentials.id);
		this.tokenWrites.push(data.oauthTokenData as IDataObject);
		this.store.set(id, { ...this.store.get(id), oauthTokenData: data.oauthTokenData });
	}
}

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IWorkflowBase['connections'];
	settings?: IWorkflowBase['settings'];
}

export interface RunResult {
	run: IRun;
	/** json of the items a node put out on its first output (first run) */
	outputOf(nodeName: string): IDataObject[];
	items(nodeName: string): INodeExecutionData[];
	/** json of the items a node put out, every run (Loop Over Items runs a node once per batch) */
	outputOfAllRuns(nodeName: string): IDataObject[];
	errorOf(
		nodeName: string,
	): (Error & { description?: string; httpCode?: string; context?: IDataObject }) | undefined;
}

/** What n8n hands a node run besides its parameters; webhook URLs point at `webhookBaseUrl`. */
export function createAdditionalData(
	credentialsHelper: TestCredentialsHelper,
	executionId: string,
	hooks?: ExecutionLifecycleHooks,
	webhookBaseUrl = 'http://localhost:5678/webhook',
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		hooks,
		executionId,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl,
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'user-1',
		variables: {},
		setExecutionStatus: () => undefined,
		logAiEvent: () => undefined,
		sendDataToUI: () => undefined,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not used by these tests');
		},
		getRunExecutionData: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
}

let executionCounter = 0;

/**
 * Runs a workflow the way n8n's engine does: WorkflowExecute from the trigger node onward, which
 * passes `triggerItems` on as a webhook trigger's output.
 */
export async function runWorkflow(
	workflowJson: WorkflowJson,
	{
		credentialsHelper,
		executionId,
		triggerItems = [{}],
	}: {
		credentialsHelper: TestCredentialsHelper;
		executionId?: string;
		triggerItems?: IDataObject[];
	},
): Promise<RunResult> {
	const workflow = new Workflow({
		id: 'wf-test',
		name: workflowJson.name ?? 'Test workflow',
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		active: false,
		nodeTypes,
		settings: workflowJson.settings ?? {},
	});
	const id = executionId ?? `exec-${++executionCounter}`;
	const hooks = new ExecutionLifecycleHooks('manual', id, {
		id: 'wf-test',
		name: 'Test',
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		active: false,
		settings: {},
	} as unknown as IWorkflowBase);
	let resolveRun: (run: IRun) => void = () => undefined;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));
	const additionalData = createAdditionalData(credentialsHelper, id, hooks);

	// n8n's getStartNode skips webhook-only triggers; their workflows start at the first node.
	const startNode = workflow.getStartNode() ?? workflow.getNode(workflowJson.nodes[0].name);
	if (!startNode) throw new Error('The workflow has no trigger node');
	const runExecutionData: IRunExecutionData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{ node: startNode, data: { main: [triggerItems.map((json) => ({ json }))] }, source: null },
			],
		},
	} as unknown as IRunExecutionData;
	const workflowExecute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	await workflowExecute.processRunExecutionData(workflow);
	const run = await finished;

	const runsOf = (nodeName: string) => run.data.resultData.runData[nodeName];
	return {
		run,
		items: (nodeName) => runsOf(nodeName)?.[0]?.data?.main?.[0] ?? [],
		outputOf: (nodeName) => (runsOf(nodeName)?.[0]?.data?.main?.[0] ?? []).map((item) => item.json),
		outputOfAllRuns: (nodeName) =>
			(runsOf(nodeName) ?? []).flatMap((taskData) =>
				(taskData.data?.main?.[0] ?? []).map((item) => item.json),
			),
		errorOf: (nodeName) =>
			(runsOf(nodeName) ?? []).find((taskData) => taskData.error)?.error as never,
	};
}

export const CREDENTIAL_ID = 'cred-sevenrooms';

/** Stores a SevenRooms credential (as a user would fill it in) pointing at `baseUrl`. */
export function sevenRoomsCredentials(
	baseUrl: string,
	overrides: IDataObject = {},
): TestCredentialsHelper {
	const helper = new TestCredentialsHelper();
	helper.store.set(CREDENTIAL_ID, {
		environment: 'custom',
		baseUrl,
		clientId: 'sandbox-client',
		clientSecret: 'sandbox-secret',
		rateLimitPerMinute: 0,
		...overrides,
	});
	return helper;
}

/**
 * Stores a SevenRooms API 2.4 credential for a sandbox (its dialect at `<sandboxUrl>/2_4`), for
 * nodes whose `authentication` is `api24`.
 */
export function sevenRooms24Credentials(
	sandboxUrl: string,
	overrides: IDataObject = {},
): TestCredentialsHelper {
	const helper = new TestCredentialsHelper();
	helper.store.set(CREDENTIAL_ID, {
		region: 'custom',
		baseUrl: `${sandboxUrl}/2_4`,
		clientId: 'sandbox-client',
		clientSecret: 'sandbox-secret',
		rateLimitPerMinute: 0,
		...overrides,
	});
	return helper;
}

/** The credential a SevenRooms node with these parameters uses (its Authentication). */
export function nodeCredentialsFor(parameters: IDataObject): INode['credentials'] {
	const type = parameters.authentication === 'api24' ? 'sevenRoomsApi' : 'sevenRoomsOAuth2Api';
	return { [type]: { id: CREDENTIAL_ID, name: 'SevenRooms sandbox' } };
}

/**
 * Manual Trigger → (rows as items, like a sheet) → one SevenRooms node with `parameters`.
 * Parameters may use expressions on the rows, e.g. `={{ $json.email }}`.
 */
export function sevenRoomsWorkflow(
	parameters: IDataObject,
	{
		rows,
		continueOnFail,
		name = 'SevenRooms',
		loopBatchSize,
		settings = {},
	}: {
		rows?: IDataObject[];
		continueOnFail?: boolean;
		name?: string;
		/** puts the rows through Loop Over Items (Split In Batches v3) in batches of this size */
		loopBatchSize?: number;
		/** node settings such as Retry On Fail (`retryOnFail`, `maxTries`, `waitBetweenTries`) */
		settings?: Partial<INode>;
	} = {},
): WorkflowJson {
	const nodes: INode[] = [
		{
			id: 'trigger',
			name: 'Manual Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections: WorkflowJson['connections'] = {};
	let previous = 'Manual Trigger';
	if (rows) {
		nodes.push(
			{
				id: 'rows',
				name: 'Rows',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ rows }), options: {} },
			},
			{
				id: 'split',
				name: 'Split Out',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [400, 0],
				parameters: { fieldToSplitOut: 'rows', options: {} },
			},
		);
		connections['Manual Trigger'] = { main: [[{ node: 'Rows', type: 'main', index: 0 }]] };
		connections.Rows = { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] };
		previous = 'Split Out';
	}
	nodes.push({
		id: 'sevenrooms',
		name,
		type: 'n8n-nodes-sevenrooms.sevenRooms',
		typeVersion: 1,
		position: [600, 0],
		parameters: parameters as INodeParameters,
		credentials: nodeCredentialsFor(parameters),
		...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...settings,
	});
	if (loopBatchSize) {
		// Loop Over Items: output 0 is "done", output 1 each batch, which comes back after the node.
		nodes.push({
			id: 'loop',
			name: 'Loop Over Items',
			type: 'n8n-nodes-base.splitInBatches',
			typeVersion: 3,
			position: [500, 0],
			parameters: { batchSize: loopBatchSize, options: {} },
		});
		connections[previous] = { main: [[{ node: 'Loop Over Items', type: 'main', index: 0 }]] };
		connections['Loop Over Items'] = { main: [[], [{ node: name, type: 'main', index: 0 }]] };
		connections[name] = { main: [[{ node: 'Loop Over Items', type: 'main', index: 0 }]] };
		return { nodes, connections };
	}
	connections[previous] = { main: [[{ node: name, type: 'main', index: 0 }]] };
	return { nodes, connections };
}

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
			const answer: { status: number; body?: unknown } = { status: 200 };
			const response = {
				status(code: number) {
					answer.status = code;
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
				started: Boolean(result.workflowData),
			};
		},
	};
}
