import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toE164 } from '../helpers/phone';
import { checkedId, idParameter, wholeNumber } from '../shared/validation';
import { filledByModel } from './tool';

/** How many come (a booking, a waitlist entry): typed, mapped, or in the tool variant told by the model. */
export const partySizeProperties: INodeProperties[] = filledByModel(
	{
		displayName: 'Party Size',
		name: 'partySize',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 2,
		required: true,
	},
	'party_size',
	'How many guests, children included',
	{ type: 'number' },
);

/** The party size typed or told for the item: a whole number of at least 1, or an item error. */
export const partySizeOf = (context: IExecuteFunctions, itemIndex: number): number =>
	wholeNumber(
		context.getNode(),
		itemIndex,
		'Party Size',
		context.getNodeParameter('partySize', itemIndex),
	);

/** "Who is it for": an existing guest by ID, or a new guest SevenRooms matches by email or phone. */
export const bookingGuestProperties: INodeProperties[] = [
	{
		displayName: 'Guest',
		name: 'guestMode',
		type: 'options',
		options: [
			{ name: 'Existing Guest (by ID)', value: 'existing' },
			{
				name: 'New or Matching Guest',
				value: 'new',
				description: 'SevenRooms reuses the guest with the same email or phone',
			},
		],
		default: 'new',
	},
	{
		displayName: 'Guest ID',
		name: 'guestId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. gst_000123',
		displayOptions: { show: { guestMode: ['existing'] } },
	},
	{
		displayName: 'First Name',
		name: 'guestFirstName',
		type: 'string',
		default: '',
		displayOptions: { show: { guestMode: ['new'] } },
	},
	{
		displayName: 'Last Name',
		name: 'guestLastName',
		type: 'string',
		default: '',
		displayOptions: { show: { guestMode: ['new'] } },
	},
	{
		displayName: 'Email',
		name: 'guestEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		displayOptions: { show: { guestMode: ['new'] } },
	},
	{
		displayName: 'Phone',
		name: 'guestPhone',
		type: 'string',
		default: '',
		placeholder: 'e.g. +14155552671 or (415) 555-2671',
		description: 'Any common format; it is sent in E.164 form',
		displayOptions: { show: { guestMode: ['new'] } },
	},
];

/** Who a booking is for, as fields: `guest_id`, or the new guest's names, email and phone. */
export interface BookingGuestFields {
	guest_id?: unknown;
	first_name?: unknown;
	last_name?: unknown;
	email?: unknown;
	phone?: unknown;
}

/**
 * `guest_id` or an inline `guest` for a reservation or waitlist body, from the fields; errors
 * name them as `labels` says (the resource mapper's column names), else by their parameter names.
 */
export function bookingGuestOf(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: BookingGuestFields,
	defaultCountry: string,
	labels: Record<string, string> = {},
): IDataObject {
	const text = (value: unknown) =>
		value === undefined || value === null ? '' : String(value).trim();
	if (text(fields.guest_id)) {
		return {
			guest_id: checkedId(
				context.getNode(),
				fields.guest_id,
				labels.guest_id ?? 'Guest ID',
				itemIndex,
			),
		};
	}
	const guest: IDataObject = {};
	if (text(fields.first_name)) guest.first_name = text(fields.first_name);
	if (text(fields.last_name)) guest.last_name = text(fields.last_name);
	if (text(fields.email)) guest.email = text(fields.email);
	if (text(fields.phone))
		guest.phone = toE164(context.getNode(), text(fields.phone), {
			field: labels.phone ?? 'Phone',
			defaultCountry,
			itemIndex,
		});
	if (!guest.first_name && !guest.last_name) {
		throw new NodeOperationError(
			context.getNode(),
			"The guest's First Name or Last Name is needed for a new guest",
			{ itemIndex },
		);
	}
	return { guest };
}

/** `guest_id` or an inline `guest` from the Guest parameters (node version 1, the waitlist). */
export function bookingGuestBody(
	context: IExecuteFunctions,
	itemIndex: number,
	defaultCountry: string,
): IDataObject {
	if (context.getNodeParameter('guestMode', itemIndex) === 'existing') {
		return { guest_id: idParameter(context, 'guestId', 'Guest ID', itemIndex) };
	}
	const parameter = (name: string) => context.getNodeParameter(name, itemIndex, '');
	return bookingGuestOf(
		context,
		itemIndex,
		{
			first_name: parameter('guestFirstName'),
			last_name: parameter('guestLastName'),
			email: parameter('guestEmail'),
			phone: parameter('guestPhone'),
		},
		defaultCountry,
	);
}
