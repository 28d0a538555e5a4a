import { Workflow } from 'n8n-workflow';
import type { INode, INodePropertyOptions } from 'n8n-workflow';

import { nodeTypes } from '../../dev/engine';

import { SevenRooms } from '../../nodes/SevenRooms/SevenRooms.node';
import * as guest from '../../nodes/SevenRooms/actions/guest';
import * as reservation from '../../nodes/SevenRooms/actions/reservation';
import * as venue from '../../nodes/SevenRooms/actions/venue';
import * as waitlist from '../../nodes/SevenRooms/actions/waitlist';
import * as webhook from '../../nodes/SevenRooms/actions/webhook';

const SMALL_WORDS = new Set(['a', 'an', 'and', 'from', 'in', 'of', 'or', 'the', 'to']);
const titleCase = (text: string) =>
	text
		.split(' ')
		.map((word, index) =>
			index > 0 && SMALL_WORDS.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1),
		)
		.join(' ');

/** The canvas subtitle as n8n's expression engine evaluates it for the chosen action. */
function subtitleFor(resource: string, operation: string): unknown {
	const node: INode = {
		id: 'n',
		name: 'SevenRooms',
		type: 'n8n-nodes-sevenrooms.sevenRooms',
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource, operation },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(
		node,
		String(new SevenRooms().getNodeType().description.subtitle),
		'internal',
		{},
	);
}

describe('the action node as the editor shows it', () => {
	it.each(Object.entries({ guest, reservation, venue, waitlist, webhook }))(
		'names every %s action on the canvas as the node panel does',
		(resource, { description }) => {
			const operations = description.find((property) => property.name === 'operation');
			for (const option of operations?.options as INodePropertyOptions[]) {
				expect(subtitleFor(resource, String(option.value))).toBe(titleCase(String(option.action)));
			}
		},
	);

	it('reads "Create or Update a Guest", not "upsert: guest"', () => {
		expect(subtitleFor('guest', 'upsert')).toBe('Create or Update a Guest');
	});

	it("names API 2.4's guest delete honestly: Remove Personal Data, on the canvas too", () => {
		const operations24 = guest.description.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.authentication?.includes('api24'),
		);
		const options = operations24?.options as INodePropertyOptions[];
		expect(options.map((option) => option.name)).toEqual([
			'Create',
			'Create or Update',
			'Find by Email or Phone',
			'Get',
			'Get Many',
			'Remove Personal Data',
			'Update',
		]);
		for (const option of options)
			expect(subtitleFor('guest', String(option.value))).toBe(titleCase(String(option.action)));
	});
});
