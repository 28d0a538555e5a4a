import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defaultPhoneCountry } from '../../helpers/phone';
import { needsZone, toUtcIso } from '../../helpers/time';
import { apiOf } from '../../api';
import { inputTimeZone, venueTimeZone } from '../../api/venueTime';
import { isAnswerLost, nodeErrorOf } from '../../transport';
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
import {
	bookingGuestBody,
	bookingGuestOf,
	bookingGuestProperties,
	partySizeOf,
	partySizeProperties,
} from '../bookingGuest';
import { idempotencyKeyFor } from '../idempotency';
import { mapperProperties, readMapped, usesMapper } from '../mapping';
import { filledByModel, isToolCall } from '../tool';
import { bookOnce } from './bookOnce';
import { reservationFieldsBody } from './body';
import { reservationFieldOptions } from './description';
import { retold, whyRefused } from './freeTimes';

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

/** Version 1's guest fields; the tool variant has the model fill a new or matching guest's. */
const MODEL_FILLS: Record<string, [string, string]> = {
	guestFirstName: ['first_name', "The guest's first (given) name"],
	guestLastName: ['last_name', "The guest's last (family) name"],
	guestEmail: ['email', "The guest's email address; empty if they gave none"],
	guestPhone: ['phone', "The guest's phone number with its country code; empty if they gave none"],
};

const properties: INodeProperties[] = [
	venueLocator,
	...partySizeProperties,
	...filledByModel(
		{
			displayName: 'Start Time',
			name: 'startTime',
			type: 'dateTime',
			default: '',
			required: true,
			description: "When the party arrives, in the venue's local time unless Options say UTC",
		},
		'start_time',
		"When the party arrives: a start_time from the availability tool, or YYYY-MM-DDTHH:mm in the restaurant's local time",
	),
	...bookingGuestProperties.flatMap((property) =>
		MODEL_FILLS[property.name]
			? filledByModel(property, ...MODEL_FILLS[property.name], {
					optional: property.name !== 'guestFirstName' && property.name !== 'guestLastName',
				})
			: [property],
	),
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
		partySize: partySizeOf(context, itemIndex),
		startTime: context.getNodeParameter('startTime', itemIndex),
		guest: bookingGuestBody(context, itemIndex, defaultCountry),
		fields: reservationFieldsBody(
			context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
		),
	};
}

/** Statuses by which an API refuses a booking it understood (2.4's codes per case: UNVERIFIED). */
const REFUSALS = ['400', '409', '422'];
/** In the tool variant a start more than this far back is refused: a model's wrong year or day. */
const PAST_GRACE_MS = 5 * 60_000;

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
	// The instant, once: for the booking, and to say why a refused one was refused. A local time
	// needs the venue's zone; without a valid one the item fails (never booked as UTC).
	const zone =
		options.timeZone === 'utc' || !needsZone(startTime)
			? 'utc'
			: await inputTimeZone(this, venueId, {
					itemIndex,
					fallback: options.venueTimeZone,
					field: 'Start Time',
					value: startTime,
				});
	const start = toUtcIso(node, startTime, { field: 'Start Time', zone, itemIndex });
	const extra: IDataObject = {};
	if (options.sendClientEmail !== undefined)
		extra.send_client_email = yesNo(node, itemIndex, 'Email the Guest', options.sendClientEmail);
	if (options.externalId) extra.external_id = String(options.externalId).trim();
	const reservation = {
		venueId,
		partySize,
		startTime: start,
		timeZone: 'utc',
		guest,
		fields,
		extra,
	};
	const userKey = Boolean(String(options.idempotencyKey ?? '').trim());
	const tool = isToolCall(this);
	if (tool && Date.parse(start) < Date.now() - PAST_GRACE_MS)
		throw new NodeOperationError(node, `The start time ${String(startTime)} is in the past`, {
			itemIndex,
			description: "Book a future time: check the date and year against today's.",
		});
	try {
		if (tool && !userKey) return await bookOnce(this, reservation, itemIndex);
		return await apiOf(this).reservations.create(this, reservation, {
			idempotencyKey: idempotencyKeyFor(this, 'reservation.create', itemIndex, options),
			itemIndex,
			userKey,
		});
	} catch (error) {
		// A refusal for the time or the party's size is said so, with the nearest free times.
		if (
			!(error instanceof NodeApiError) ||
			isAnswerLost(error) ||
			!REFUSALS.includes(String(error.httpCode)) ||
			// Tables the user chose: SevenRooms' own error is about them.
			fields.table_ids !== undefined
		)
			throw nodeErrorOf(node, error, itemIndex);
		const venueZone =
			zone === 'utc'
				? ((await venueTimeZone(this, venueId, { itemIndex }).catch(() => undefined)) ?? 'utc')
				: zone;
		const durationMinutes = Number(fields.duration_minutes) || undefined;
		const refused = { venueId, startTime: start, partySize, zone: venueZone, durationMinutes };
		throw retold(error, await whyRefused(this, refused, itemIndex));
	}
}
