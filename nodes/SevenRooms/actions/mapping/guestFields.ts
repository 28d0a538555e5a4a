import type { MappedField } from './field';

/** A guest's fields in the column mapper: contact, profile, and the additions Update takes. */
export const CONTACT: MappedField[] = [
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

export const GUEST_PROFILE: MappedField[] = [
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
export const GUEST_ADDITIONS: MappedField[] = [
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
