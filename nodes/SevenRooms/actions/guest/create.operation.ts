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
	...newGuestProperties,
	collection('Options', 'options', 'Add Option', [defaultPhoneCountryOption, idempotencyKeyOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['guest'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body = newGuestBody(
		this,
		itemIndex,
		defaultPhoneCountry(this.getNode(), options, itemIndex),
	);
	const idempotencyKey = idempotencyKeyFor(this, 'guest.create', itemIndex, options);
	return await apiOf(this).guests.create(this, body, {
		idempotencyKey,
		itemIndex,
		userKey: Boolean(String(options.idempotencyKey ?? '').trim()),
	});
}
