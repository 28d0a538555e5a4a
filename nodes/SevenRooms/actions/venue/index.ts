import type { INodeProperties } from 'n8n-workflow';

import type { SevenRoomsOperation } from '../types';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getTables from './getTables.operation';

export const operations: Record<string, SevenRoomsOperation> = { get, getAll, getTables };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['venue'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a venue with its time zone and hours',
				action: 'Get a venue',
			},
			{ name: 'Get Many', value: 'getAll', description: 'List venues', action: 'Get many venues' },
			{
				name: 'Get Tables',
				value: 'getTables',
				description: "Get a venue's floor layout",
				action: 'Get the tables of a venue',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...getTables.description,
];
