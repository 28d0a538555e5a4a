import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { Workflow, deepCopy } from 'n8n-workflow';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IRunExecutionData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { nodeCredentialsFor } from './credentials';
import type { TestCredentialsHelper } from './credentials';
import { nodeTypes } from './nodeTypes';

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
	/** the static data n8n would save after the run (the whole of it), or undefined: nothing changed */
	staticDataToSave(): IDataObject | undefined;
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
		webhookItems,
		staticData,
	}: {
		credentialsHelper: TestCredentialsHelper;
		executionId?: string;
		triggerItems?: IDataObject[];
		/** the items a trigger's webhook() returned, whole (wins over `triggerItems`) */
		webhookItems?: INodeExecutionData[];
		/** the workflow's static data as the run gets it (a queue-mode worker gets none) */
		staticData?: IDataObject;
	},
): Promise<RunResult> {
	const workflow = new Workflow({
		staticData: staticData === undefined ? undefined : deepCopy(staticData),
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
				{
					node: startNode,
					data: { main: [webhookItems ?? triggerItems.map((json) => ({ json }))] },
					source: null,
				},
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
		staticDataToSave: () =>
			(workflow.staticData as IDataObject).__dataChanged
				? (JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject)
				: undefined,
	};
}

/** The Manual Trigger a test workflow starts from. */
export const manualTrigger = (): INode => ({
	id: 'trigger',
	name: 'Manual Trigger',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
});

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
		typeVersion = 1,
	}: {
		rows?: IDataObject[];
		continueOnFail?: boolean;
		name?: string;
		/** puts the rows through Loop Over Items (Split In Batches v3) in batches of this size */
		loopBatchSize?: number;
		/** node settings such as Retry On Fail (`retryOnFail`, `maxTries`, `waitBetweenTries`) */
		settings?: Partial<INode>;
		/** the SevenRooms node's version (2: fields through the resource mapper) */
		typeVersion?: number;
	} = {},
): WorkflowJson {
	const nodes: INode[] = [manualTrigger()];
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
		typeVersion,
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
