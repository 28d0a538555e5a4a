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
	venueTimeZoneOption,
} from '../../shared/descriptions';
import { wholeNumber, yesNo } from '../../shared/validation';
import { bookingGuestBody, bookingGuestOf, bookingGuestProperties } from '../bookingGuest';
import { idempotencyKeyFor } from '../idempotency';
import { mapperProperties, readMapped, usesMapper } from '../mapping';
import { reservationFieldsBody } from './body';
import { reservationFieldOptions } from './description';

const options = collection('Options', 'options', 'Add Option', [
	defaultPhoneCountryOption,
	idempotencyKeyOption,
	timeInputZoneOption,
	venueTimeZoneOption,
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
]);

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
	options,
];
const show = { show: { resource: ['reservation'], operation: ['create'] } };

export const description = updateDisplayOptions(show, properties);

/** Node version 2: party, time, guest and details through the resource mapper. */
export const descriptionV2 = updateDisplayOptions(show, [
	venueLocator,
	...mapperProperties('reservationCreate'),
	options,
]);

/** What to book, as the node version has it: version 1's parameters or version 2's mapped fields. */
function booking(context: IExecuteFunctions, itemIndex: number, defaultCountry: string) {
	const node = context.getNode();
	if (usesMapper(context)) {
		const { values, labels } = readMapped(context, itemIndex, 'reservationCreate');
		for (const required of ['party_size', 'start_time'])
			if (values[required] === undefined)
				throw new NodeOperationError(node, `${labels[required]} is empty`, {
					itemIndex,
					description: 'A reservation needs a party size and a start time.',
				});
		return {
			partySize: wholeNumber(node, itemIndex, labels.party_size, values.party_size),
			startTime: values.start_time,
			guest: bookingGuestOf(context, itemIndex, values, defaultCountry, labels),
			fields: reservationFieldsBody({
				durationMinutes: values.duration_minutes,
				notes: values.notes,
				tableIds: values.table_ids,
				tags: values.tags,
			}),
		};
	}
	return {
		partySize: wholeNumber(
			node,
			itemIndex,
			'Party Size',
			context.getNodeParameter('partySize', itemIndex),
		),
		startTime: context.getNodeParameter('startTime', itemIndex),
		guest: bookingGuestBody(context, itemIndex, defaultCountry),
		fields: reservationFieldsBody(
			context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
		),
	};
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const venueId = String(
		this.getNodeParameter('venue', itemIndex, '', { extractValue: true }) ?? '',
	).trim();
	if (!venueId) {
		throw new NodeOperationError(node, 'Venue is empty: choose the venue to book', { itemIndex });
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const { partySize, startTime, guest, fields } = booking(
		this,
		itemIndex,
		defaultPhoneCountry(node, options, itemIndex),
	);
	const idempotencyKey = idempotencyKeyFor(this, 'reservation.create', itemIndex, options);
	const extra: IDataObject = {};
	if (options.sendClientEmail !== undefined)
		extra.send_client_email = yesNo(node, itemIndex, 'Email the Guest', options.sendClientEmail);
	if (options.externalId) extra.external_id = String(options.externalId).trim();
	return await apiOf(this).reservations.create(
		this,
		{
			venueId,
			partySize,
			startTime,
			timeZone: options.timeZone,
			venueTimeZone: options.venueTimeZone,
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
