import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest, defaultIdempotencyKey, unwrap } from '../../transport';
import { bookingGuestBody, bookingGuestProperties, wholeNumber } from '../common.guest';
import {
	collection,
	defaultPhoneCountryOption,
	idempotencyKeyOption,
	venueLocator,
} from '../common.descriptions';
import type { RunContext } from '../types';
import { WAITLIST_LOCAL_FIELDS } from './get.operation';

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

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
): Promise<IDataObject> {
	const venueId = String(
		this.getNodeParameter('venue', itemIndex, '', { extractValue: true }) ?? '',
	).trim();
	if (!venueId)
		throw new NodeOperationError(
			this.getNode(),
			'Venue is empty: choose the venue of the waitlist',
			{ itemIndex },
		);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		venue_id: venueId,
		party_size: wholeNumber(
			this,
			itemIndex,
			'Party Size',
			this.getNodeParameter('partySize', itemIndex),
		),
		...bookingGuestBody(this, itemIndex, String(options.defaultPhoneCountry || 'US')),
	};
	if (fields.quotedWaitMinutes !== undefined)
		body.quoted_wait_minutes = wholeNumber(
			this,
			itemIndex,
			'Quoted Wait (Minutes)',
			fields.quotedWaitMinutes,
			0,
		);
	if (fields.notes) body.notes = fields.notes;
	const idempotencyKey =
		String(options.idempotencyKey || '') || defaultIdempotencyKey(this, 'waitlist.add', itemIndex);
	const entry = unwrap(
		await apiRequest.call(this, 'POST', '/waitlist', { body, idempotencyKey, itemIndex }),
	);
	return await run.withVenueLocalTimes(entry, WAITLIST_LOCAL_FIELDS, itemIndex);
}
