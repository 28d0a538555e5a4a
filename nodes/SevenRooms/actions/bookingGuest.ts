import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toE164 } from '../helpers/phone';
import { idParameter } from '../shared/validation';

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

/** `guest_id` or an inline `guest` for a reservation or waitlist body. */
export function bookingGuestBody(
	context: IExecuteFunctions,
	itemIndex: number,
	defaultCountry: string,
): IDataObject {
	const text = (name: string) => String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (context.getNodeParameter('guestMode', itemIndex) === 'existing') {
		return { guest_id: idParameter(context, 'guestId', 'Guest ID', itemIndex) };
	}
	const guest: IDataObject = {};
	if (text('guestFirstName')) guest.first_name = text('guestFirstName');
	if (text('guestLastName')) guest.last_name = text('guestLastName');
	if (text('guestEmail')) guest.email = text('guestEmail');
	if (text('guestPhone'))
		guest.phone = toE164(context.getNode(), text('guestPhone'), {
			field: 'Phone',
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
