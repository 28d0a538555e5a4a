import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defaultPhoneCountry } from '../../helpers/phone';
import { apiOf } from '../../api';
import {
	collection,
	defaultPhoneCountryOption,
	emailGuestOption,
	idempotencyKeyOption,
	onlyFor,
	timeInputZoneOption,
	venueLocator,
} from '../../shared/descriptions';
import { wholeNumber } from '../../shared/validation';
import { bookingGuestBody, bookingGuestProperties } from '../bookingGuest';
import { idempotencyKeyFor } from '../idempotency';
import { reservationFieldsBody } from './body';
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
		emailGuestOption,
		onlyFor(
			'api24',
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				description:
					"Your system's ID for the reservation (API 2.4's external_id). Left empty, the node's idempotency key goes here so a booking whose answer was lost is found, not repeated.",
			},
			false,
		),
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
	const fields = reservationFieldsBody(
		this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
	);
	const idempotencyKey = idempotencyKeyFor(this, 'reservation.create', itemIndex, options);
	const extra: IDataObject = {};
	if (options.sendClientEmail !== undefined) extra.send_client_email = options.sendClientEmail;
	if (options.externalId) extra.external_id = String(options.externalId).trim();
	return await apiOf(this).reservations.create(
		this,
		{
			venueId,
			partySize,
			startTime: this.getNodeParameter('startTime', itemIndex),
			timeZone: options.timeZone,
			guest,
			fields,
			extra,
		},
		{
			idempotencyKey,
			itemIndex,
			userKey: Boolean(String(options.idempotencyKey ?? '').trim()),
		},
	);
}
