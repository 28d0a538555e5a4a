import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiRequest, defaultIdempotencyKey, unwrap } from '../../transport';
import { bookingGuestBody, bookingGuestProperties, wholeNumber } from '../common.guest';
import {
	collection,
	defaultPhoneCountryOption,
	idempotencyKeyOption,
	timeInputZoneOption,
	venueLocator,
} from '../common.descriptions';
import type { RunContext } from '../types';
import {
	RESERVATION_LOCAL_FIELDS,
	reservationFieldOptions,
	reservationFieldsBody,
	startTimeUtc,
} from './fields';

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

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
): Promise<IDataObject> {
	const venueId = String(
		this.getNodeParameter('venue', itemIndex, '', { extractValue: true }) ?? '',
	).trim();
	if (!venueId)
		throw new NodeOperationError(this.getNode(), 'Venue is empty: choose the venue to book', {
			itemIndex,
		});
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const partySize = wholeNumber(
		this,
		itemIndex,
		'Party Size',
		this.getNodeParameter('partySize', itemIndex),
	);
	const guest = bookingGuestBody(this, itemIndex, String(options.defaultPhoneCountry || 'US'));
	const startTime = await startTimeUtc(
		this,
		run,
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
	const idempotencyKey =
		String(options.idempotencyKey || '') ||
		defaultIdempotencyKey(this, 'reservation.create', itemIndex);
	const reservation = unwrap(
		await apiRequest.call(this, 'POST', '/reservations', { body, idempotencyKey, itemIndex }),
	);
	return await run.withVenueLocalTimes(reservation, RESERVATION_LOCAL_FIELDS, itemIndex);
}
