import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteGuest from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

import type { SevenRoomsOperation } from '../types';

export const operations: Record<string, SevenRoomsOperation> = {
	create,
	delete: deleteGuest,
	get,
	getAll,
	update,
	upsert,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['guest'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a guest profile',
				action: 'Create a guest',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a guest',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Erase a guest and their personal data',
				action: 'Delete a guest',
			},
			{ name: 'Get', value: 'get', description: 'Get a guest by ID', action: 'Get a guest' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List guests, e.g. opted-in or with birthdays in a window',
				action: 'Get many guests',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change fields of a guest',
				action: 'Update a guest',
			},
		],
		default: 'upsert',
	},
	...create.description,
	...upsert.description,
	...deleteGuest.description,
	...get.description,
	...getAll.description,
	...update.description,
];
