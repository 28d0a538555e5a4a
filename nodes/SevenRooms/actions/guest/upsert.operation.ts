import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defaultPhoneCountry } from '../../helpers/phone';
import {
	collection,
	defaultPhoneCountryOption,
	idempotencyKeyOption,
} from '../../shared/descriptions';
import { checkedId } from '../../shared/validation';
import { apiErrorsOf, apiRequestObject, nodeErrorOf } from '../../transport';
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

/** Create; on 409 `guest_exists` PATCH the existing guest with the same fields. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body = newGuestBody(
		this,
		itemIndex,
		defaultPhoneCountry(this.getNode(), options, itemIndex),
	);
	const idempotencyKey = idempotencyKeyFor(this, 'guest.upsert', itemIndex, options);
	let existingId: unknown;
	try {
		const created = await apiRequestObject.call(this, 'POST', '/guests', {
			body,
			idempotencyKey,
			itemIndex,
		});
		return { ...created, upsert_action: 'created' };
	} catch (error) {
		existingId = apiErrorsOf(error).find((entry) => entry.code === 'guest_exists')?.existing_id;
		// Not a duplicate: the transport's error already names the problem.
		if (existingId === undefined) throw nodeErrorOf(this.getNode(), error, itemIndex);
	}
	const guestId = checkedId(this.getNode(), existingId, 'existing guest ID', itemIndex);
	const updated = await apiRequestObject.call(
		this,
		'PATCH',
		`/guests/${encodeURIComponent(guestId)}`,
		{
			body,
			itemIndex,
		},
	);
	return { ...updated, upsert_action: 'updated' };
}
