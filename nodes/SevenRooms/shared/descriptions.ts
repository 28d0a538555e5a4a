import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { CREDENTIAL_TYPE, CREDENTIAL_TYPE_24 } from './contract';

/**
 * n8n's usual Authentication selector. Its default keeps workflows saved before it existed (no
 * `authentication` parameter) on the OAuth2 API.
 */
export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'OAuth2 API', value: 'oAuth2' },
		{
			name: 'API 2.4',
			value: 'api24',
			description: "SevenRooms' Reservations API 2.4: client ID and secret, no webhooks",
		},
	],
	default: 'oAuth2',
};

/** Each node's credentials: the one its Authentication names. */
export const nodeCredentials: INodeCredentialDescription[] = [
	{
		name: CREDENTIAL_TYPE,
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
	{
		name: CREDENTIAL_TYPE_24,
		required: true,
		displayOptions: { show: { authentication: ['api24'] } },
	},
];

/** Shows a parameter (or a collection's option) only for one API. */
export function onlyFor(
	authentication: 'oAuth2' | 'api24',
	property: INodeProperties,
	root = true,
): INodeProperties {
	const key = root ? 'authentication' : '/authentication';
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, [key]: [authentication] },
		},
	};
}

/** API 2.4's `send_client_email` (SevenRooms' default: yes) on bookings and cancellations. */
export const emailGuestOption: INodeProperties = onlyFor(
	'api24',
	{
		displayName: 'Email the Guest',
		name: 'sendClientEmail',
		type: 'boolean',
		default: true,
		description: 'Whether SevenRooms emails the guest a confirmation (or cancellation)',
	},
	false,
);

export const venueLocator: INodeProperties = {
	displayName: 'Venue',
	name: 'venue',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchVenues', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. ven_nyc_01',
			validation: [
				{ type: 'regex', properties: { regex: '\\S+', errorMessage: 'Enter a venue ID' } },
			],
		},
	],
};

function idLocator(displayName: string, name: string, placeholder: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		required: true,
		modes: [
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder,
				validation: [
					{
						type: 'regex',
						properties: { regex: '\\S+', errorMessage: `Enter a ${displayName.toLowerCase()} ID` },
					},
				],
			},
		],
	};
}

export const guestLocator = idLocator('Guest', 'guestId', 'e.g. gst_000123');
export const reservationLocator = idLocator('Reservation', 'reservationId', 'e.g. res_000042');
export const waitlistLocator = idLocator('Waitlist Entry', 'waitlistId', 'e.g. wl_000007');
export const webhookLocator = idLocator('Webhook', 'webhookId', 'e.g. wh_000001');

export const returnAllAndLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const defaultPhoneCountryOption: INodeProperties = {
	displayName: 'Default Phone Country',
	name: 'defaultPhoneCountry',
	type: 'string',
	default: 'US',
	placeholder: 'e.g. GB',
	description:
		'Two-letter country code used for phone numbers written without a country code, e.g. "(415) 555-2671"',
};

export const idempotencyKeyOption: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	placeholder: 'e.g. the webhook event ID',
	description:
		'Makes a repeated create a no-op: SevenRooms returns the first result for the same key within 24 hours. Map an event or row ID here so re-running the workflow cannot create twice. Left empty, a key unique to this execution and item is used.',
};

export const timeInputZoneOption: INodeProperties = {
	displayName: 'Times Entered In',
	name: 'timeZone',
	type: 'options',
	options: [
		{
			name: "Venue's Local Time",
			value: 'venue',
			description: "Read date-times without an offset in the venue's time zone",
		},
		{ name: 'UTC', value: 'utc', description: 'Read date-times without an offset as UTC' },
	],
	default: 'venue',
	description:
		'How date-times you enter are meant; a value with an explicit offset (Z, +01:00) always keeps it',
};

/** A venue's IANA time zone typed on the node (both APIs', below). */
const venueTimeZoneField: INodeProperties = {
	displayName: 'Venue Time Zone',
	name: 'venueTimeZone',
	type: 'string',
	default: '',
	placeholder: 'e.g. America/New_York',
};

/**
 * API 2.4 has no venue time zone: the user names it on the node (empty: n8n's time zone, the
 * workflow's setting or the instance's).
 */
export const venueTimeZoneProperty: INodeProperties = {
	...venueTimeZoneField,
	description:
		"The venue's IANA time zone: API 2.4 gives local times without one. Empty: this workflow's time zone.",
	displayOptions: { show: { authentication: ['api24'] } },
};

/**
 * The OAuth2 API gives each venue its zone; for a venue it has no valid one for, local times are
 * refused unless this option names it (an option of the operations that read local times).
 */
export const venueTimeZoneOption: INodeProperties = onlyFor(
	'oAuth2',
	{
		...venueTimeZoneField,
		description:
			"The venue's IANA time zone, used only when SevenRooms has no valid one for the venue (its own zone always wins)",
	},
	false,
);

/** A collection parameter (Options, Filters, Additional or Update Fields) in n8n's usual shape. */
export function collection(
	displayName: string,
	name: string,
	placeholder: string,
	options: INodeProperties[],
): INodeProperties {
	// n8n lists a collection's fields in the order given: alphabetical, as its own nodes do.
	const sorted = [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return { displayName, name, type: 'collection', placeholder, default: {}, options: sorted };
}
