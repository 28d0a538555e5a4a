import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiRequest, defaultIdempotencyKey, unwrap } from '../../transport';
import {
	collection,
	defaultPhoneCountryOption,
	idempotencyKeyOption,
} from '../common.descriptions';
import { newGuestBody, newGuestProperties } from './fields';

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
	const body = newGuestBody(this, itemIndex, String(options.defaultPhoneCountry || 'US'));
	const idempotencyKey =
		String(options.idempotencyKey || '') || defaultIdempotencyKey(this, 'guest.create', itemIndex);
	return unwrap(
		await apiRequest.call(this, 'POST', '/guests', { body, idempotencyKey, itemIndex }),
	);
}
