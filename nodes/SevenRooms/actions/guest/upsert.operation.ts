import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';

import { apiRequest, defaultIdempotencyKey, unwrap } from '../../transport';
import { apiErrorsOf } from '../../transport/errors';
import {
	collection,
	defaultPhoneCountryOption,
	idempotencyKeyOption,
} from '../common.descriptions';
import { newGuestBody, newGuestProperties } from './fields';

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

/** Create; on 409 `guest_exists` PATCH the existing guest with the same fields. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body = newGuestBody(this, itemIndex, String(options.defaultPhoneCountry || 'US'));
	const idempotencyKey =
		String(options.idempotencyKey || '') || defaultIdempotencyKey(this, 'guest.upsert', itemIndex);
	try {
		const created = unwrap(
			await apiRequest.call(this, 'POST', '/guests', { body, idempotencyKey, itemIndex }),
		);
		return { ...created, upsert_action: 'created' };
	} catch (error) {
		const existingId = apiErrorsOf(error).find(
			(entry) => entry.code === 'guest_exists',
		)?.existing_id;
		// Not a duplicate: the transport's error already names the problem.
		if (!existingId) throw new NodeApiError(this.getNode(), error as JsonObject);
		const updated = unwrap(
			await apiRequest.call(this, 'PATCH', `/guests/${encodeURIComponent(String(existingId))}`, {
				body,
				itemIndex,
			}),
		);
		return { ...updated, upsert_action: 'updated' };
	}
}
