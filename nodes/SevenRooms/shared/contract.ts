import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Facts of the SevenRooms API contract (../shared/sevenrooms-api.md) that every node needs. The
 * sandbox keeps its own copy on purpose (it is the other side of the contract); a test checks that
 * the two agree.
 */

export const CREDENTIAL_TYPE = 'sevenRoomsOAuth2Api';

/** The credential of SevenRooms' Reservations API 2.4 (../shared/sevenrooms-api-2_4.md). */
export const CREDENTIAL_TYPE_24 = 'sevenRoomsApi';

/** The nodes' Authentication parameter: which API a node speaks. */
export type Authentication = 'oAuth2' | 'api24';

/** The hosts of API 2.4 (CONFIRMED); anything else is a custom base URL. */
export const API_24_HOSTS = {
	us: 'https://api.sevenrooms.com/2_4',
	eu: 'https://api.eu.sevenrooms.com/2_4',
	demo: 'https://demo.sevenrooms.com/api-ext/2_4',
};

export const SEVENROOMS_SCOPES = [
	'read:guests',
	'write:guests',
	'read:reservations',
	'write:reservations',
	'read:waitlist',
	'write:waitlist',
	'read:venues',
	'read:webhooks',
	'write:webhooks',
];

export const WEBHOOK_EVENTS: INodePropertyOptions[] = [
	{ name: 'Guest Created', value: 'guest.created', action: 'On a new guest' },
	{ name: 'Guest Updated', value: 'guest.updated', action: 'On a changed guest' },
	{
		name: 'Reservation Cancelled',
		value: 'reservation.cancelled',
		action: 'On a cancelled reservation',
	},
	{ name: 'Reservation Created', value: 'reservation.created', action: 'On a new reservation' },
	{ name: 'Reservation Updated', value: 'reservation.updated', action: 'On a changed reservation' },
	{ name: 'Waitlist Entry Created', value: 'waitlist.created', action: 'On a new waitlist entry' },
	{
		name: 'Waitlist Entry Updated',
		value: 'waitlist.updated',
		action: 'On a changed waitlist entry',
	},
];

export const RESERVATION_STATUSES: INodePropertyOptions[] = [
	{ name: 'Booked', value: 'booked' },
	{ name: 'Cancelled', value: 'cancelled' },
	{ name: 'Completed', value: 'completed' },
	{ name: 'Confirmed', value: 'confirmed' },
	{ name: 'No Show', value: 'no_show' },
	{ name: 'Seated', value: 'seated' },
];

export const WAITLIST_STATUSES: INodePropertyOptions[] = [
	{ name: 'Cancelled', value: 'cancelled' },
	{ name: 'Notified', value: 'notified' },
	{ name: 'Seated', value: 'seated' },
	{ name: 'Waiting', value: 'waiting' },
];

// The times a guest meets (arrival, joining the queue) get a venue-local copy for emails and POS;
// audit stamps stay UTC only (and cheap).
export const RESERVATION_LOCAL_FIELDS = ['start_time'];
export const WAITLIST_LOCAL_FIELDS = ['joined_at'];
export const EVENT_LOCAL_FIELDS = [...RESERVATION_LOCAL_FIELDS, ...WAITLIST_LOCAL_FIELDS];
/** After the visit: when the party arrived, was seated and left. */
export const VISIT_LOCAL_FIELDS = [...RESERVATION_LOCAL_FIELDS, 'seated_at', 'completed_at'];

/** Largest page the API serves; Return All asks for it to spend the fewest requests. */
export const MAX_PAGE_SIZE = 200;
