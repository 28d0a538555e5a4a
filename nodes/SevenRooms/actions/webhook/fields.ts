import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

export const WEBHOOK_EVENTS: INodePropertyOptions[] = [
	{ name: 'Guest Created', value: 'guest.created' },
	{ name: 'Guest Updated', value: 'guest.updated' },
	{ name: 'Reservation Cancelled', value: 'reservation.cancelled' },
	{ name: 'Reservation Created', value: 'reservation.created' },
	{ name: 'Reservation Updated', value: 'reservation.updated' },
	{ name: 'Waitlist Entry Created', value: 'waitlist.created' },
	{ name: 'Waitlist Entry Updated', value: 'waitlist.updated' },
];

/** A subscription as listed: whether it has a signing secret, never the secret itself. */
export function withoutSecret(webhook: IDataObject): IDataObject {
	const { secret, ...rest } = webhook;
	return { ...rest, secret_set: typeof secret === 'string' && secret !== '' };
}
