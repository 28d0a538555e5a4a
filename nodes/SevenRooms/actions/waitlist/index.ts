import type { INodeProperties } from 'n8n-workflow';

import type { SevenRoomsOperation } from '../types';
import * as add from './add.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as remove from './remove.operation';
import * as update from './update.operation';

export const operations: Record<string, SevenRoomsOperation> = { add, get, getAll, remove, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['waitlist'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Add a party to the waitlist',
				action: 'Add to the waitlist',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a waitlist entry by ID',
				action: 'Get a waitlist entry',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List a venue's waitlist",
				action: 'Get many waitlist entries',
			},
			{
				name: 'Remove',
				value: 'remove',
				description: 'Remove a party from the waitlist',
				action: 'Remove from the waitlist',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change a waitlist entry, e.g. mark it notified',
				action: 'Update a waitlist entry',
			},
		],
		default: 'add',
	},
	...add.description,
	...get.description,
	...getAll.description,
	...remove.description,
	...update.description,
];
