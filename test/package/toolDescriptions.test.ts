import { NodeHelpers, Workflow, traverseNodeParameters } from 'n8n-workflow';
import type {
	INode,
	INodeParameters,
	INodePropertyOptions,
	INodeTypeDescription,
	FromAIArgument,
} from 'n8n-workflow';

import { nodeTypes } from '../../dev/engine';
import { TOOL_DESCRIPTIONS } from '../../nodes/SevenRooms/actions/toolDescriptions';

/**
 * The SevenRooms tool as n8n makes it for an AI Agent or MCP client (dev/engine/tools.ts does what
 * n8n's CLI does): every operation tells a model what it does, and every input a model fills has a
 * name and a description, as n8n-core builds the tool's input schema from its `$fromAI()` calls.
 */
const TOOL = 'n8n-nodes-sevenrooms.sevenRoomsTool';
const APIS = ['oAuth2', 'api24'];

function operationsOf(description: INodeTypeDescription, api: string): string[] {
	const resources = description.properties.find((property) => property.name === 'resource');
	const keys: string[] = [];
	for (const { value: resource } of resources?.options as INodePropertyOptions[]) {
		const lists = description.properties.filter(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource) &&
				(!property.displayOptions.show.authentication ||
					property.displayOptions.show.authentication.includes(api)),
		);
		for (const list of lists)
			for (const option of list.options as INodePropertyOptions[])
				keys.push(`${String(resource)}:${String(option.value)}`);
	}
	return keys;
}

/** The tool node's parameters as n8n fills them at run time (defaults of what is shown). */
function toolNode(description: INodeTypeDescription, version: number, key: string, api: string) {
	const [resource, operation] = key.split(':');
	const node: INode = {
		id: 't',
		name: 'tool',
		type: TOOL,
		typeVersion: version,
		position: [0, 0],
		parameters: { authentication: api, resource, operation },
	};
	node.parameters = NodeHelpers.getNodeParameters(
		description.properties,
		node.parameters,
		true,
		false,
		node,
		description,
	) as INodeParameters;
	return node;
}

describe.each([1, 2])('the SevenRooms tool, node version %s', (version) => {
	const description = nodeTypes.getByNameAndVersion(TOOL, version).description;

	it("has its own description parameter, so n8n adds none of its thin 'Create a reservation in SevenRooms'", () => {
		expect(description.name).toBe('sevenRoomsTool');
		expect(description.properties.map((property) => property.name)).not.toContain(
			'descriptionType',
		);
	});

	it.each(APIS)('describes every operation on %s for a model, in sentences', (api) => {
		const keys = operationsOf(description, api);
		expect(keys.length).toBeGreaterThan(20);
		for (const key of keys) {
			const node = toolNode(description, version, key, api);
			const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
			const told = workflow.expression.getSimpleParameterValue(
				node,
				node.parameters.toolDescription as string,
				'internal',
				{},
			);
			expect([key, told]).toEqual([key, TOOL_DESCRIPTIONS[key]]);
			expect(String(told)).toMatch(/^[A-Z].{40,}\.$/);
		}
		expect(Object.keys(TOOL_DESCRIPTIONS).sort()).toEqual(expect.arrayContaining(keys.sort()));
	});

	it.each(APIS)('gives every input a model fills on %s a name and a description', (api) => {
		for (const key of operationsOf(description, api)) {
			const collected: FromAIArgument[] = [];
			traverseNodeParameters(toolNode(description, version, key, api).parameters, collected);
			const byKey = new Map<string, FromAIArgument>();
			for (const argument of collected) {
				expect([key, argument.key]).toEqual([key, expect.stringMatching(/^[a-z][a-z_]{1,63}$/)]);
				expect([key, argument.key, (argument.description ?? '').length > 15]).toEqual([
					key,
					argument.key,
					true,
				]);
				// n8n refuses a tool whose one key has two descriptions or types.
				const earlier = byKey.get(argument.key);
				if (earlier) expect(earlier).toEqual(argument);
				byKey.set(argument.key, argument);
			}
		}
	});

	it("keeps the user's own description when they write one", () => {
		const node = toolNode(description, version, 'reservation:create', 'oAuth2');
		node.parameters = NodeHelpers.getNodeParameters(
			description.properties,
			{
				...node.parameters,
				toolDescriptionMode: 'manual',
				toolDescription: 'Books at our rooftop.',
			},
			true,
			false,
			node,
			description,
		) as INodeParameters;
		const nodeType = nodeTypes.getByNameAndVersion(TOOL, version);
		expect(NodeHelpers.getToolDescriptionForNode(node, nodeType)).toBe('Books at our rooftop.');
	});

	it('lets the model fill what a booking conversation needs, out of the box', () => {
		const keysOf = (key: string) => {
			const collected: FromAIArgument[] = [];
			traverseNodeParameters(toolNode(description, version, key, 'oAuth2').parameters, collected);
			return collected.map((argument) => argument.key).sort();
		};
		expect(keysOf('reservation:checkAvailability')).toEqual([
			'date',
			'earliest_time',
			'latest_time',
			'party_size',
		]);
		expect(keysOf('guest:findByContact')).toEqual(['email', 'phone']);
		expect(keysOf('reservation:get')).toEqual(['reservation_id']);
		expect(keysOf('reservation:cancel')).toEqual(['reason', 'reservation_id']);
		// Version 2 takes a booking's fields through the column mapper, which the editor pre-fills.
		if (version === 1)
			expect(keysOf('reservation:create')).toEqual([
				'email',
				'first_name',
				'last_name',
				'party_size',
				'phone',
				'start_time',
			]);
	});
});
