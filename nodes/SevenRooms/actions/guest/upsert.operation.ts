import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defaultPhoneCountry } from '../../helpers/phone';
import {
	collection,
	defaultPhoneCountryOption,
	idempotencyKeyOption,
} from '../../shared/descriptions';
import { apiOf } from '../../api';
import { idempotencyKeyFor } from '../idempotency';
import { newGuestBody } from './body';
import { newGuestProperties } from './description';

const properties: INodeProperties[] = [
	{
		displayName: 'Creates the guest, or updates the existing guest with the same email or phone',
		name: 'upsertNotice',
		type: 'notice',
		default: '',
	},
	...newGuestProperties,
	collection('Options', 'options', 'Add Option', [defaultPhoneCountryOption, idempotencyKeyOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['guest'], operation: ['upsert'] } },
	properties,
);

/** Create, or update the guest with the same email or phone (see the API's `upsert`). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body = newGuestBody(
		this,
		itemIndex,
		defaultPhoneCountry(this.getNode(), options, itemIndex),
	);
	const idempotencyKey = idempotencyKeyFor(this, 'guest.upsert', itemIndex, options);
	return await apiOf(this).guests.upsert(this, body, {
		idempotencyKey,
		itemIndex,
		userKey: Boolean(String(options.idempotencyKey ?? '').trim()),
	});
}
