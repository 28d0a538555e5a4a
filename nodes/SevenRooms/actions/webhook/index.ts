import { NodeOperationError } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { authenticationOf } from '../../transport';

import type { SevenRoomsOperation } from '../types';
import * as create from './create.operation';
import * as deleteWebhook from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

const NO_WEBHOOKS_24 =
	'SevenRooms API 2.4 has no webhooks. To start workflows on new or changed guests, reservations or waitlist entries, use the SevenRooms Poll Trigger.';

/** API 2.4 has no webhook subscriptions: every webhook operation says so and names the way. */
function oauth2Only(operation: SevenRoomsOperation): SevenRoomsOperation {
	return {
		description: operation.description,
		async execute(itemIndex) {
			if (authenticationOf(this) === 'api24') {
				throw new NodeOperationError(this.getNode(), 'Webhooks are not available on API 2.4', {
					itemIndex,
					description: NO_WEBHOOKS_24,
				});
			}
			return await operation.execute.call(this, itemIndex);
		},
	};
}

export const operations: Record<string, SevenRoomsOperation> = {
	create: oauth2Only(create),
	delete: oauth2Only(deleteWebhook),
	get: oauth2Only(get),
	getAll: oauth2Only(getAll),
};

export const description: INodeProperties[] = [
	{
		displayName: NO_WEBHOOKS_24,
		name: 'noWebhooksNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['webhook'], authentication: ['api24'] } },
	},
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
