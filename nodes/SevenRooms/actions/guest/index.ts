import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteGuest from './delete.operation';
import * as findByContact from './findByContact.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

import type { SevenRoomsOperation } from '../types';

export const operations: Record<string, SevenRoomsOperation> = {
	create,
	delete: deleteGuest,
	findByContact,
	get,
	getAll,
	// API 2.4 has no delete: its operation says what it does.
	removePersonalData: deleteGuest,
	update,
	upsert,
};

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['guest'], authentication: ['oAuth2'] } },
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
		{
			name: 'Find by Email or Phone',
			value: 'findByContact',
			description:
				'Find the guest with exactly this email or phone (never by name), e.g. before booking',
			action: 'Find a guest from email or phone',
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
};

/** API 2.4's list: Remove Personal Data where the OAuth2 API deletes. */
const operation24: INodeProperties = {
	...operation,
	displayOptions: { show: { resource: ['guest'], authentication: ['api24'] } },
	options: (operation.options as INodePropertyOptions[])
		.map((option) =>
			option.value === 'delete'
				? {
						name: 'Remove Personal Data',
						value: 'removePersonalData',
						description: "Blank a guest's name, email, phone and birthday; the profile stays",
						action: "Remove a guest's personal data",
					}
				: option,
		)
		.sort((a, b) => a.name.localeCompare(b.name)),
};

export const description: INodeProperties[] = [
	operation,
	operation24,
	...create.description,
	...upsert.description,
	...deleteGuest.description,
	...findByContact.description,
	...get.description,
	...getAll.description,
	...update.description,
];

/** Node version 2: Create, Create or Update and Update take their fields through the mapper. */
export const descriptionV2: INodeProperties[] = [
	operation,
	operation24,
	...create.descriptionV2,
	...upsert.descriptionV2,
	...deleteGuest.description,
	...findByContact.description,
	...get.description,
	...getAll.description,
	...update.descriptionV2,
];
