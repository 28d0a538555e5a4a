import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IVersionedNodeType,
} from 'n8n-workflow';

import { SevenRooms } from '../../nodes/SevenRooms/SevenRooms.node';
import { nodeCredentialsFor } from './credentials';
import type { TestCredentialsHelper } from './credentials';
import { registerNodeType } from './nodeTypes';
import { manualTrigger, runWorkflow } from './workflows';
import type { WorkflowJson } from './workflows';

/**
 * A node's tool variant at work without a model: the variant as n8n's CLI makes it
 * (`convertNodeToAiTool`: name + "Tool", no inputs, an AI tool output, and n8n's own description
 * parameters only when the node has no `toolDescription`), and an agent that gets the tools
 * connected to it through n8n-core (`getInputConnectionData`, which builds each tool's input schema
 * from its `$fromAI()` parameters and its description) and calls them as a test says. Real n8n is
 * in e2e/mcp.e2e.ts.
 */

/** n8n 2.41.1's parameters for a tool without a description of its own (tool-generation/ai-tools). */
function n8nDescriptionParameters(description: INodeTypeDescription): INodeProperties[] {
	return [
		{
			displayName: 'Tool Description',
			name: 'descriptionType',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Set Automatically', value: 'auto' },
				{ name: 'Set Manually', value: 'manual' },
			],
			default: 'auto',
		},
		{
			displayName: 'Description',
			name: 'toolDescription',
			type: 'string',
			default: description.description,
			required: true,
			displayOptions: { show: { descriptionType: ['manual'] } },
		},
	];
}

function asTool(node: INodeType): INodeType {
	const base = { ...node.description };
	delete base.usableAsTool;
	const properties = base.properties.some((property) => property.name === 'toolDescription')
		? base.properties
		: [...n8nDescriptionParameters(base), ...base.properties];
	const description: INodeTypeDescription = {
		...base,
		name: `${base.name}Tool`,
		displayName: `${base.displayName} Tool`,
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
		properties,
	};
	return Object.create(node, { description: { value: description } }) as INodeType;
}

/** Registers `<type>Tool` for a versioned node type, as n8n's CLI offers it to AI nodes. */
export function registerToolVariant(type: string, make: () => IVersionedNodeType): void {
	registerNodeType(`${type}Tool`, () => {
		const versioned = make();
		const nodeVersions = Object.fromEntries(
			Object.entries(versioned.nodeVersions).map(([version, node]) => [version, asTool(node)]),
		);
		return {
			...versioned,
			nodeVersions,
			description: { ...versioned.description, name: `${versioned.description.name}Tool` },
			getNodeType: (version?: number) => nodeVersions[version ?? versioned.currentVersion],
		} as IVersionedNodeType;
	});
}

/** A tool as a model sees it, and a way to call it. */
export interface AgentTool {
	name: string;
	description: string;
	/** the input schema's fields: name → { description, optional } */
	fields: Record<string, { description?: string; optional: boolean }>;
	/** what the tool answers (parsed JSON), or the error a model would read, as `{ error }` */
	call(args: IDataObject): Promise<unknown>;
}

type Script = (tools: Record<string, AgentTool>) => Promise<void>;
let script: Script | undefined;
let scriptError: unknown;

/** What n8n-core hands an agent per tool (a LangChain structured tool with a zod object schema). */
interface LangchainTool {
	name: string;
	description: string;
	schema: { shape: Record<string, { description?: string; isOptional(): boolean }> };
	invoke(args: IDataObject): Promise<string>;
}

/** The agent: gets its tools from n8n-core and hands them to the test's script. */
const scriptedAgent: INodeType = {
	description: {
		displayName: 'Scripted Agent',
		name: 'scriptedAgent',
		group: ['transform'],
		version: 1,
		description: 'Calls its tools as the test says',
		defaults: { name: 'Agent' },
		inputs: [
			NodeConnectionTypes.Main,
			{ type: NodeConnectionTypes.AiTool, displayName: 'Tools', required: true },
		],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const connected = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as
			| LangchainTool[]
			| LangchainTool;
		const tools: Record<string, AgentTool> = {};
		for (const tool of Array.isArray(connected) ? connected : [connected]) {
			tools[tool.name] = {
				name: tool.name,
				description: tool.description,
				fields: Object.fromEntries(
					Object.entries(tool.schema.shape).map(([key, field]) => [
						key,
						{ description: field.description, optional: field.isOptional() },
					]),
				),
				call: async (args) => {
					try {
						return JSON.parse(await tool.invoke(args)) as unknown;
					} catch (error) {
						return { error: (error as Error).message };
					}
				},
			};
		}
		try {
			await script?.(tools);
		} catch (error) {
			scriptError = error;
		}
		return [[{ json: {} }]];
	},
};
registerNodeType('test.scriptedAgent', () => scriptedAgent);
registerToolVariant('n8n-nodes-sevenrooms.sevenRooms', () => new SevenRooms());

/** A tool node of the SevenRooms tool variant, named as a model will call it. */
export function sevenRoomsTool(name: string, parameters: IDataObject, typeVersion = 2): INode {
	return {
		id: `tool-${name}`,
		name,
		type: 'n8n-nodes-sevenrooms.sevenRoomsTool',
		typeVersion,
		position: [0, 300],
		parameters: parameters as INodeParameters,
		credentials: nodeCredentialsFor(parameters),
	};
}

/**
 * One agent run (one execution: one turn of a conversation) with these tool nodes; `use` calls
 * them. Each run is a new execution, as each chat message or MCP call is.
 */
export async function withTools(
	toolNodes: INode[],
	credentialsHelper: TestCredentialsHelper,
	use: Script,
): Promise<void> {
	const workflow: WorkflowJson = {
		nodes: [
			manualTrigger(),
			{
				id: 'agent',
				name: 'Agent',
				type: 'test.scriptedAgent',
				typeVersion: 1,
				position: [200, 0],
				parameters: {},
			},
			...toolNodes,
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
			...Object.fromEntries(
				toolNodes.map((node) => [
					node.name,
					{ ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
				]),
			),
		},
	};
	script = use;
	scriptError = undefined;
	try {
		const run = await runWorkflow(workflow, { credentialsHelper });
		const error = run.errorOf('Agent');
		if (error) throw error;
		if (scriptError) throw scriptError;
	} finally {
		script = undefined;
	}
}
