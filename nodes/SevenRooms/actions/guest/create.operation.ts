import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { defaultPhoneCountry } from '../../helpers/phone';
import {
	collection,
	defaultPhoneCountryOption,
	idempotencyKeyOption,
} from '../../shared/descriptions';
import { apiOf } from '../../api';
import { idempotencyKeyFor } from '../idempotency';
import { mapperProperties } from '../mapping';
import { newGuestBody } from './body';
import { newGuestProperties } from './description';

const options = collection('Options', 'options', 'Add Option', [
	defaultPhoneCountryOption,
	idempotencyKeyOption,
]);
const show = { show: { resource: ['guest'], operation: ['create'] } };

export const description = updateDisplayOptions(show, [...newGuestProperties, options]);

/** Node version 2: the fields through the resource mapper. */
export const descriptionV2 = updateDisplayOptions(show, [
	...mapperProperties('guestCreate'),
	options,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const { body } = newGuestBody(
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
