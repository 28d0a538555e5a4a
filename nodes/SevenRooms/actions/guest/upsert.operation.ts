import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defaultPhoneCountry } from '../../helpers/phone';
import {
	collection,
	defaultPhoneCountryOption,
	idempotencyKeyOption,
} from '../../shared/descriptions';
import { apiOf } from '../../api';
import type { GuestMatchField } from '../../api';
import { idempotencyKeyFor } from '../idempotency';
import { mapperProperties } from '../mapping';
import { newGuestBody } from './body';
import { newGuestProperties } from './description';

const notice: INodeProperties = {
	displayName: 'Creates the guest, or updates the existing guest with the same email or phone',
	name: 'upsertNotice',
	type: 'notice',
	default: '',
};
const options = collection('Options', 'options', 'Add Option', [
	defaultPhoneCountryOption,
	idempotencyKeyOption,
]);
const show = { show: { resource: ['guest'], operation: ['upsert'] } };

export const description = updateDisplayOptions(show, [notice, ...newGuestProperties, options]);

/** Node version 2: the fields through the resource mapper, which also says what to match on. */
export const descriptionV2 = updateDisplayOptions(show, [
	{
		...notice,
		displayName:
			'Creates the guest, or updates the guest found by the fields chosen under Match Guests On',
	},
	...mapperProperties('guestUpsert'),
	options,
]);

/**
 * Create, or update the guest with the same email or phone (see the API's `upsert`); in node
 * version 2 looked for by the match columns first.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const { body, matchOn } = newGuestBody(
		this,
		itemIndex,
		defaultPhoneCountry(this.getNode(), options, itemIndex),
		'guestUpsert',
	);
	const idempotencyKey = idempotencyKeyFor(this, 'guest.upsert', itemIndex, options);
	return await apiOf(this).guests.upsert(this, body, {
		idempotencyKey,
		itemIndex,
		userKey: Boolean(String(options.idempotencyKey ?? '').trim()),
		matchOn: matchOn.length ? (matchOn as GuestMatchField[]) : undefined,
	});
}
