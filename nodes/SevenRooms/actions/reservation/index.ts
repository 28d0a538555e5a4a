import type { INodeProperties } from 'n8n-workflow';

import type { SevenRoomsOperation } from '../types';
import * as cancel from './cancel.operation';
import * as checkAvailability from './checkAvailability.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations: Record<string, SevenRoomsOperation> = {
	cancel,
	checkAvailability,
	create,
	get,
	getAll,
	update,
};

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['reservation'] } },
	options: [
		{
			name: 'Cancel',
			value: 'cancel',
			description: 'Cancel a reservation',
			action: 'Cancel a reservation',
		},
		{
			name: 'Check Availability',
			value: 'checkAvailability',
			description: 'Find the free times for a party on a date, one item per time',
			action: 'Check availability',
		},
		{
			name: 'Create',
			value: 'create',
			description: 'Book a table',
			action: 'Create a reservation',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a reservation by ID',
			action: 'Get a reservation',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List reservations by venue, status, guest or time',
			action: 'Get many reservations',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Change a reservation',
			action: 'Update a reservation',
		},
	],
	default: 'create',
};

export const description: INodeProperties[] = [
	operation,
	...cancel.description,
	...checkAvailability.description,
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
];

/** Node version 2: Create takes its fields through the resource mapper. */
export const descriptionV2: INodeProperties[] = [
	operation,
	...cancel.description,
	...checkAvailability.description,
	...create.descriptionV2,
	...get.description,
	...getAll.description,
	...update.description,
];
