import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { defaultPhoneCountry } from '../../helpers/phone';
import { WAITLIST_LOCAL_FIELDS } from '../../shared/contract';
import {
	collection,
	defaultPhoneCountryOption,
	idempotencyKeyOption,
	venueLocator,
} from '../../shared/descriptions';
import { wholeNumber } from '../../shared/validation';
import { withVenueLocalTimes } from '../../shared/venueTime';
import { apiRequestObject } from '../../transport';
import { bookingGuestBody, bookingGuestProperties } from '../bookingGuest';
import { idempotencyKeyFor } from '../idempotency';

export const description = updateDisplayOptions(
	{ show: { resource: ['waitlist'], operation: ['add'] } },
	[
		venueLocator,
		{
			displayName: 'Party Size',
			name: 'partySize',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 2,
			required: true,
		},
		...bookingGuestProperties,
		collection('Additional Fields', 'additionalFields', 'Add Field', [
			{ displayName: 'Notes', name: 'notes', type: 'string', default: '' },
			{
				displayName: 'Quoted Wait (Minutes)',
				name: 'quotedWaitMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 15,
			},
		]),
		collection('Options', 'options', 'Add Option', [
			defaultPhoneCountryOption,
			idempotencyKeyOption,
		]),
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const venueId = String(
		this.getNodeParameter('venue', itemIndex, '', { extractValue: true }) ?? '',
	).trim();
	if (!venueId) {
		throw new NodeOperationError(node, 'Venue is empty: choose the venue of the waitlist', {
			itemIndex,
		});
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		venue_id: venueId,
		party_size: wholeNumber(
			node,
			itemIndex,
			'Party Size',
			this.getNodeParameter('partySize', itemIndex),
		),
		...bookingGuestBody(this, itemIndex, defaultPhoneCountry(node, options, itemIndex)),
	};
	if (fields.quotedWaitMinutes !== undefined) {
		body.quoted_wait_minutes = wholeNumber(
			node,
			itemIndex,
			'Quoted Wait (Minutes)',
			fields.quotedWaitMinutes,
			0,
		);
	}
	if (fields.notes) body.notes = fields.notes;
	const idempotencyKey = idempotencyKeyFor(this, 'waitlist.add', itemIndex, options);
	const entry = await apiRequestObject.call(this, 'POST', '/waitlist', {
		body,
		idempotencyKey,
		itemIndex,
	});
	return await withVenueLocalTimes(this, entry, WAITLIST_LOCAL_FIELDS, { itemIndex });
}
