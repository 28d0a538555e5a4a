import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defaultPhoneCountry } from '../../helpers/phone';
import { RESERVATION_LOCAL_FIELDS } from '../../shared/contract';
import {
	collection,
	defaultPhoneCountryOption,
	idempotencyKeyOption,
	timeInputZoneOption,
	venueLocator,
} from '../../shared/descriptions';
import { wholeNumber } from '../../shared/validation';
import { withVenueLocalTimes } from '../../shared/venueTime';
import { apiRequestObject } from '../../transport';
import { bookingGuestBody, bookingGuestProperties } from '../bookingGuest';
import { idempotencyKeyFor } from '../idempotency';
import { reservationFieldsBody, startTimeUtc } from './body';
import { reservationFieldOptions } from './description';

const properties: INodeProperties[] = [
	venueLocator,
	{
		displayName: 'Party Size',
		name: 'partySize',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 2,
		required: true,
	},
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		default: '',
		required: true,
		description: "When the party arrives, in the venue's local time unless Options say UTC",
	},
	...bookingGuestProperties,
	collection('Additional Fields', 'additionalFields', 'Add Field', reservationFieldOptions),
	collection('Options', 'options', 'Add Option', [
		defaultPhoneCountryOption,
		idempotencyKeyOption,
		timeInputZoneOption,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['reservation'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const venueId = String(
		this.getNodeParameter('venue', itemIndex, '', { extractValue: true }) ?? '',
	).trim();
	if (!venueId) {
		throw new NodeOperationError(node, 'Venue is empty: choose the venue to book', { itemIndex });
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const partySize = wholeNumber(
		node,
		itemIndex,
		'Party Size',
		this.getNodeParameter('partySize', itemIndex),
	);
	const guest = bookingGuestBody(this, itemIndex, defaultPhoneCountry(node, options, itemIndex));
	const startTime = await startTimeUtc(
		this,
		itemIndex,
		this.getNodeParameter('startTime', itemIndex),
		venueId,
		options.timeZone,
	);
	const body: IDataObject = {
		venue_id: venueId,
		party_size: partySize,
		start_time: startTime,
		...guest,
		...reservationFieldsBody(
			this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
		),
	};
	const idempotencyKey = idempotencyKeyFor(this, 'reservation.create', itemIndex, options);
	const reservation = await apiRequestObject.call(this, 'POST', '/reservations', {
		body,
		idempotencyKey,
		itemIndex,
	});
	return await withVenueLocalTimes(this, reservation, RESERVATION_LOCAL_FIELDS, { itemIndex });
}
