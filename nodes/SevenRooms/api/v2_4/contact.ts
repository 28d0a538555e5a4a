import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { countryOfPhone } from '../../helpers/phone';
import { apiRequestObject } from '../../transport';
import type { BookingGuest } from '../types';
import { guestOf } from './shapes';

export interface Contact {
	first_name: string;
	last_name: string;
	/** E.164 */
	phone: string;
	/** the phone's country, e.g. US (the waitlist's `phone_number_locale`) */
	locale: string;
	email?: string;
	client_id?: string;
}

/**
 * Who a booking or waitlist entry is for, as 2.4 wants it: first and last name and phone are
 * required even for an existing client, so an existing guest's are read from their profile.
 */
export async function bookingContact(
	context: IExecuteFunctions,
	guest: BookingGuest,
	itemIndex: number,
): Promise<Contact> {
	let fields: IDataObject;
	let clientId: string | undefined;
	if (typeof guest.guest_id === 'string') {
		clientId = guest.guest_id;
		fields = guestOf(
			await apiRequestObject.call(context, 'GET', `/clients/${encodeURIComponent(clientId)}`, {
				itemIndex,
			}),
		);
	} else fields = (guest.guest ?? {}) as IDataObject;
	const missing = [
		['first_name', 'First Name'],
		['last_name', 'Last Name'],
		['phone', 'Phone'],
	]
		.filter(([field]) => typeof fields[field] !== 'string' || !String(fields[field]).trim())
		.map(([, name]) => name);
	if (missing.length) {
		throw new NodeOperationError(
			context.getNode(),
			`SevenRooms API 2.4 needs the guest's ${missing.join(', ')}`,
			{
				itemIndex,
				description: clientId
					? `Guest ${clientId} has no ${missing.join(', ')} in SevenRooms; API 2.4 books only with first and last name and phone.`
					: 'API 2.4 books and adds to the waitlist only with first and last name and phone.',
			},
		);
	}
	const phone = String(fields.phone);
	return {
		first_name: String(fields.first_name),
		last_name: String(fields.last_name),
		phone,
		locale: countryOfPhone(phone) ?? 'US',
		...(typeof fields.email === 'string' && fields.email ? { email: fields.email } : {}),
		...(clientId ? { client_id: clientId } : {}),
	};
}
