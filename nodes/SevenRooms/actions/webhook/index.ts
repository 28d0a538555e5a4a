import type { INodeProperties } from 'n8n-workflow';

import type { SevenRoomsOperation } from '../types';
import * as create from './create.operation';
import * as deleteWebhook from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations: Record<string, SevenRoomsOperation> = {
	create,
	delete: deleteWebhook,
	get,
	getAll,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhook'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Subscribe a URL to SevenRooms events',
				action: 'Create a webhook',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Unsubscribe a webhook',
				action: 'Delete a webhook',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a webhook subscription by ID',
				action: 'Get a webhook',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List webhook subscriptions',
				action: 'Get many webhooks',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...deleteWebhook.description,
	...get.description,
	...getAll.description,
];
