import type { FieldType } from 'n8n-workflow';

import type { Authentication } from '../../shared/contract';

/**
 * The fields node version 2 maps (Guest → Create, Update, Create or Update; Reservation →
 * Create), one schema per API. `id` is the key in the mapped value and what an input column
 * with the same name fills; `aliases` are other spellings a sheet, CSV, POS or form export uses
 * (compared after `columnKey`, so `First Name`, `first_name` and `firstName` are one spelling).
 * `about` is the field's description: the AI tool variant's `$fromAI` text and the hint in errors.
 */
export interface MappedField {
	id: string;
	displayName: string;
	type: FieldType;
	about: string;
	aliases: string[];
	/** the APIs that have the field; all when absent */
	apis?: Authentication[];
	/** needed to create on these APIs (marked required on Create) */
	requiredOn?: Authentication[];
	/** offered as a column to match guests on (Create or Update) */
	canMatch?: boolean;
	/**
	 * A date-time field: names of a column that holds its date alone, as exports keep a date and a
	 * time in two columns. Map Automatically joins such a column with a time-of-day value.
	 */
	dateColumns?: string[];
	/**
	 * The field's id in n8n's column mapper, where it differs from `id`. n8n's Match On select
	 * shows a chosen field by its mapper id (its options carry no label), so the fields one can
	 * match on go by their display name there: `Email`, not `email`.
	 */
	mapperId?: string;
}

/** The key of a field in the column mapper's schema, values and match columns. */
export const mapperIdOf = (field: MappedField): string => field.mapperId ?? field.id;

export type MappingTarget = 'guestCreate' | 'guestUpsert' | 'guestUpdate' | 'reservationCreate';

const CONTACT: MappedField[] = [
	{
		id: 'first_name',
		displayName: 'First Name',
		type: 'string',
		about: "The guest's first (given) name",
		aliases: ['first', 'firstname', 'fname', 'given name', 'forename', 'guest first name'],
		requiredOn: ['api24'],
	},
	{
		id: 'last_name',
		displayName: 'Last Name',
		type: 'string',
		about: "The guest's last (family) name",
		aliases: ['last', 'lastname', 'lname', 'surname', 'family name', 'guest last name'],
		requiredOn: ['api24'],
	},
	{
		id: 'email',
		displayName: 'Email',
		type: 'string',
		about: "The guest's email address, e.g. ana@example.com",
		aliases: ['e-mail', 'email address', 'e-mail address', 'mail', 'guest email'],
		requiredOn: ['api24'],
		canMatch: true,
		mapperId: 'Email',
	},
	{
		id: 'phone',
		displayName: 'Phone',
		type: 'string',
		about:
			"The guest's phone number, with its country code (+44 20 7946 0958) or as a local number of the Default Phone Country",
		aliases: [
			'phone number',
			'mobile',
			'mobile phone',
			'mobile number',
			'cell',
			'cell phone',
			'cellphone',
			'tel',
			'telephone',
			'contact number',
			'guest phone',
		],
		requiredOn: ['api24'],
		canMatch: true,
		mapperId: 'Phone',
	},
];

const GUEST_PROFILE: MappedField[] = [
	{
		id: 'birthday',
		displayName: 'Birthday',
		type: 'string',
		about: 'Date of birth as YYYY-MM-DD, or --MM-DD (or MM-DD) when the year is unknown',
		aliases: ['birth date', 'birthdate', 'date of birth', 'dob', 'bday'],
	},
	{
		id: 'anniversary',
		displayName: 'Anniversary',
		type: 'string',
		about: 'Anniversary as YYYY-MM-DD, or --MM-DD when the year is unknown',
		aliases: ['anniversary date', 'wedding anniversary'],
		apis: ['oAuth2'],
	},
	{
		id: 'email_opt_in',
		displayName: 'Email Opt-In',
		type: 'boolean',
		about: 'Whether the guest agreed to marketing email (true or false)',
		aliases: [
			'opt in',
			'optin',
			'email optin',
			'marketing opt in',
			'accepts marketing',
			'email marketing',
			'subscribed',
			'newsletter',
		],
	},
	{
		id: 'sms_opt_in',
		displayName: 'SMS Opt-In',
		type: 'boolean',
		about: 'Whether the guest agreed to marketing SMS (true or false)',
		aliases: ['sms optin', 'text opt in', 'sms marketing', 'accepts sms'],
		apis: ['oAuth2'],
	},
	{
		id: 'dietary_notes',
		displayName: 'Dietary Notes',
		type: 'string',
		about: 'Allergies and dietary needs, e.g. "no shellfish"',
		aliases: ['dietary', 'diet', 'allergies', 'dietary restrictions', 'dietary requirements'],
		apis: ['oAuth2'],
	},
	{
		id: 'loyalty_id',
		displayName: 'Loyalty ID',
		type: 'string',
		about: "The guest's loyalty program number",
		aliases: ['loyalty number', 'loyalty', 'member id', 'membership id', 'membership number'],
	},
	{
		id: 'loyalty_tier',
		displayName: 'Loyalty Tier',
		type: 'string',
		about: "The guest's loyalty tier, e.g. Gold",
		aliases: ['tier', 'membership tier', 'member tier', 'membership level'],
	},
	{
		id: 'notes',
		displayName: 'Notes',
		type: 'string',
		about: 'Notes for the venue team; they replace the notes the guest has',
		aliases: ['note', 'comments', 'comment', 'guest notes'],
	},
	{
		id: 'preferences',
		displayName: 'Preferences (JSON)',
		type: 'object',
		about: 'Free-form preferences as a JSON object, e.g. {"seating": "booth"}',
		aliases: ['prefs', 'guest preferences'],
		apis: ['oAuth2'],
	},
	{
		id: 'tags',
		displayName: 'Tags',
		type: 'string',
		about:
			"Comma-separated tags that replace the guest's tags, e.g. vip, wine-lover (API 2.4: each as Tag Group:Tag Name)",
		aliases: ['tag', 'labels', 'segments', 'guest tags'],
	},
	{
		id: 'external_user_id',
		displayName: 'External User ID',
		type: 'string',
		about: "Your system's ID for the guest (a CRM or POS customer ID)",
		aliases: ['external id', 'customer id', 'crm id', 'pos id', 'client reference'],
		apis: ['api24'],
	},
	...(
		[
			[
				'address',
				'Address',
				'Street address, first line',
				['street', 'address line 1', 'address1'],
			],
			[
				'address_2',
				'Address Line 2',
				'Street address, second line',
				['address line 2', 'address2'],
			],
			['city', 'City', 'City of the home address', ['town']],
			['state', 'State', 'State, province or region', ['province', 'region', 'county']],
			['postal_code', 'Postal Code', 'Postal or ZIP code', ['zip', 'zip code', 'postcode']],
			['country', 'Country', 'Country of the home address', []],
			['gender', 'Gender', 'MALE, FEMALE or UNSPECIFIED', ['sex']],
		] as Array<[string, string, string, string[]]>
	).map(
		([id, displayName, about, aliases]): MappedField => ({
			id,
			displayName,
			type: 'string',
			about,
			aliases,
			apis: ['api24'],
		}),
	),
];

/** Update only: fields that add to what the guest has (see actions/additions.ts). */
const GUEST_ADDITIONS: MappedField[] = [
	{
		id: 'addTags',
		displayName: 'Add Tags',
		type: 'string',
		about: 'Comma-separated tags to add; the tags already there stay',
		aliases: ['tags to add', 'new tags'],
	},
	{
		id: 'removeTags',
		displayName: 'Remove Tags',
		type: 'string',
		about: 'Comma-separated tags to remove; the other tags stay',
		aliases: ['tags to remove'],
	},
	{
		id: 'appendNotes',
		displayName: 'Append to Notes',
		type: 'string',
		about: 'Text added on a new line after the notes already there',
		aliases: ['append notes', 'add note', 'new note'],
	},
];

const RESERVATION: MappedField[] = [
	{
		id: 'party_size',
		displayName: 'Party Size',
		type: 'number',
		about: 'How many people come, a whole number of at least 1',
		aliases: ['party', 'covers', 'guests', 'pax', 'people', 'number of guests', 'size'],
		requiredOn: ['oAuth2', 'api24'],
	},
	{
		id: 'start_time',
		displayName: 'Start Time',
		type: 'dateTime',
		about:
			"When the party arrives: a start_time from Check Availability as it is, or an ISO date-time such as 2026-12-24T19:30 in the venue's local time",
		aliases: ['start', 'time', 'date time', 'reservation time', 'arrival', 'arrival time'],
		dateColumns: [
			'date',
			'reservation date',
			'booking date',
			'arrival date',
			'visit date',
			'start date',
		],
		requiredOn: ['oAuth2', 'api24'],
	},
	{
		id: 'guest_id',
		displayName: 'Guest ID',
		type: 'string',
		about: "An existing guest's ID, e.g. gst_000123; leave it empty to book for the name below",
		aliases: ['client id', 'existing guest id'],
	},
	...CONTACT.map((field) => ({ ...field, requiredOn: undefined, canMatch: false })),
	{
		id: 'duration_minutes',
		displayName: 'Duration (Minutes)',
		type: 'number',
		about: 'How long the table is held, in minutes (at least 15)',
		aliases: ['duration', 'length', 'minutes'],
	},
	{
		id: 'table_ids',
		displayName: 'Tables',
		type: 'string',
		about: 'Comma-separated table IDs (API 2.4: table numbers); empty lets SevenRooms choose',
		aliases: ['table', 'table id', 'table number', 'table numbers'],
	},
	{
		id: 'notes',
		displayName: 'Notes',
		type: 'string',
		about: 'Notes on the reservation for the venue team',
		aliases: ['note', 'comments', 'special requests', 'requests'],
	},
	{
		id: 'tags',
		displayName: 'Tags',
		type: 'string',
		about: 'Comma-separated reservation tags, e.g. anniversary, window',
		aliases: ['tag', 'occasion'],
	},
];

const FIELDS: Record<MappingTarget, MappedField[]> = {
	guestCreate: [...CONTACT, ...GUEST_PROFILE],
	guestUpsert: [...CONTACT, ...GUEST_PROFILE],
	guestUpdate: [...CONTACT, ...GUEST_PROFILE, ...GUEST_ADDITIONS],
	reservationCreate: RESERVATION,
};

/** The fields of one target on one API, in the order the mapper lists them. */
export function mappedFields(target: MappingTarget, api: Authentication): MappedField[] {
	return FIELDS[target].filter((field) => !field.apis || field.apis.includes(api));
}
