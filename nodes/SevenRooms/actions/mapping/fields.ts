import type { Authentication } from '../../shared/contract';
import type { MappedField, MappingTarget } from './field';
import { CONTACT, GUEST_ADDITIONS, GUEST_PROFILE } from './guestFields';

export { mapperIdOf } from './field';
export type { MappedField, MappingTarget } from './field';

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
