import type { INodeProperties } from 'n8n-workflow';

/**
 * What the SevenRooms tool tells an AI model about each operation: what it does, what it needs,
 * what it returns, and when not to use it. n8n's own default ("Create a reservation in
 * SevenRooms", from the action name) is too thin for a model to call a booking tool right.
 */
export const TOOL_DESCRIPTIONS: Record<string, string> = {
	'guest:create':
		"Creates a guest profile in SevenRooms. Needs the guest's first and last name and an email or phone (API 2.4: all four). Returns the new guest with its id. Fails when a guest with that email or phone exists: look the guest up by email or phone first.",
	'guest:upsert':
		"Creates a guest profile, or updates the guest with the same email or phone. Needs the guest's names and an email or phone. Returns the guest with its id and upsert_action (created or updated).",
	'guest:delete':
		'Permanently erases a guest and their personal data. Needs the guest id. Cannot be undone: use it only when the guest asks to be forgotten. Returns the erased id.',
	'guest:removePersonalData':
		"Removes a guest's personal data (name, email, phone, birthday); the profile and its visits stay. Needs the guest id. Cannot be undone. Returns the guest id.",
	'guest:findByContact':
		"Finds the guest with exactly this email address or phone number, e.g. to recognise a returning guest before booking. Needs the guest's own email or phone; there is no search by name. Returns the guest's id, first and last name, email, phone and visit count, or found: false when no guest has it.",
	'guest:get':
		"Gets one guest by their SevenRooms id (from finding the guest or from a reservation). Returns the guest's name, email, phone and visit count.",
	'guest:getAll':
		'Lists guests filtered by email, phone, tags, birthday window or last change; there is no search by name. Returns one entry per guest.',
	'guest:update':
		"Changes a guest's profile (names, email, phone, notes, tags and more). Needs the guest id and the fields to change. Returns the updated guest.",
	'reservation:checkAvailability':
		"Finds the times a table is free at the restaurant for a party on a date. Needs the date (YYYY-MM-DD, the restaurant's local date) and the party size; optionally the earliest and latest time (HH:mm, restaurant time; times after midnight belong to that night). Returns one entry per free time: local_time (the restaurant's clock), start_time (UTC: pass it unchanged to the booking tool), shift_name and type (book: confirmed at once; request: the restaurant confirms by hand). When nothing is free it returns a message naming the nearest free times that day.",
	'reservation:create':
		"Books a table. Needs the start time (best: a start_time from the availability tool, else YYYY-MM-DDTHH:mm in the restaurant's local time), the party size, and the guest's first and last name with an email or phone. Returns the reservation: id (keep it to look the booking up or cancel it), status, start_time_local and party size. Calling it again for the same guest, time and party size returns that same reservation instead of booking twice. When the time is no longer free the error names the nearest free times.",
	'reservation:get':
		'Gets one reservation by its id (from booking). Returns its status, start_time_local (restaurant time), party size, guest name and notes.',
	'reservation:getAll':
		'Lists reservations filtered by venue, guest id, status or start time. Returns one entry per reservation with its id, status, time and party size.',
	'reservation:update':
		'Changes a reservation: notes, tags, duration, tables or status; on the OAuth2 API also the start time and party size. Needs the reservation id and what to change. Returns the updated reservation.',
	'reservation:cancel':
		'Cancels a reservation. Needs the reservation id (from booking). Returns the reservation with status cancelled; cancelling it again changes nothing. Its time becomes free for others.',
	'venue:get': 'Gets one venue (restaurant) by id: its name, address, time zone and opening hours.',
	'venue:getAll':
		"Lists the group's venues (restaurants) with their ids, names, addresses, time zones and opening hours.",
	'venue:getTables':
		"Lists a venue's tables: their names, sections and the party sizes each seats.",
	'waitlist:add':
		"Adds a walk-in party to a venue's waitlist for the next free table. Needs the party size and the guest's name and phone. Returns the waitlist entry with its id and quoted wait.",
	'waitlist:get': 'Gets one waitlist entry by id: its status, party size and quoted wait.',
	'waitlist:getAll':
		"Lists a venue's waitlist entries, optionally only those with one status. Returns one entry per party.",
	'waitlist:remove': 'Removes a party from the waitlist. Needs the waitlist entry id.',
	'waitlist:update':
		'Changes a waitlist entry: party size, quoted wait, status or notes. Needs the entry id. Returns the updated entry.',
	'webhook:create':
		'Subscribes a URL to SevenRooms events (new or changed reservations, guests and waitlist entries). Returns the subscription.',
	'webhook:delete': 'Deletes a webhook subscription. Needs its id.',
	'webhook:get': 'Gets one webhook subscription by id: its URL and events.',
	'webhook:getAll': 'Lists the webhook subscriptions with their URLs and events.',
};

const automatic = `={{ ${JSON.stringify(TOOL_DESCRIPTIONS)}[$parameter["resource"] + ":" + $parameter["operation"]] ?? "Runs the chosen SevenRooms operation." }}`;
const inTool = (show: Record<string, string[]> = {}) => ({ show: { '@tool': [true], ...show } });

/**
 * The tool variant's description: written per operation (the automatic choice, the default) or
 * the user's own. Shown in the tool variant only. Having a `toolDescription` parameter keeps n8n
 * from adding its own, whose automatic choice is the thin action name.
 */
export const toolDescriptionProperties: INodeProperties[] = [
	{
		displayName: 'Tool Description',
		name: 'toolDescriptionMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Set Automatically',
				value: 'auto',
				description:
					'A description written for AI models: what the chosen operation does, needs and returns',
			},
			{ name: 'Set Manually', value: 'manual', description: 'Write the description yourself' },
		],
		default: 'auto',
		displayOptions: inTool(),
	},
	{
		displayName: 'Description',
		name: 'toolDescription',
		type: 'hidden',
		default: automatic,
		displayOptions: inTool({ toolDescriptionMode: ['auto'] }),
	},
	{
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description:
			'Explain to the model what this tool does, what it needs and what it returns; a good, specific description makes the model call it right much more often',
		displayOptions: inTool({ toolDescriptionMode: ['manual'] }),
	},
];
