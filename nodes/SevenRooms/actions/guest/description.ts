import type { INodeProperties } from 'n8n-workflow';

import { onlyFor } from '../../shared/descriptions';

/** Fields API 2.4's clients don't have: shown for the OAuth2 API only. */
const OAUTH2_ONLY = ['anniversary', 'dietary_notes', 'preferences', 'sms_opt_in'];

/** Guest fields a user can set, shared by Create, Update and Create or Update. */
const allGuestFieldOptions: INodeProperties[] = [
	{
		displayName: 'Anniversary',
		name: 'anniversary',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2015-06-20 or --06-20',
		description: 'Date as YYYY-MM-DD, or --MM-DD when the year is unknown',
	},
	{
		displayName: 'Birthday',
		name: 'birthday',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1990-12-31 or --12-31',
		description: 'Date as YYYY-MM-DD, or --MM-DD when the year is unknown',
	},
	{ displayName: 'Dietary Notes', name: 'dietary_notes', type: 'string', default: '' },
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{
		displayName: 'Email Opt-In',
		name: 'email_opt_in',
		type: 'boolean',
		default: false,
		description: 'Whether the guest agreed to marketing email',
	},
	{ displayName: 'First Name', name: 'first_name', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'last_name', type: 'string', default: '' },
	{ displayName: 'Loyalty ID', name: 'loyalty_id', type: 'string', default: '' },
	{ displayName: 'Loyalty Tier', name: 'loyalty_tier', type: 'string', default: '' },
	{ displayName: 'Notes', name: 'notes', type: 'string', typeOptions: { rows: 2 }, default: '' },
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: 'e.g. +14155552671 or (415) 555-2671',
		description: 'Any common format; it is sent in E.164 form',
	},
	{
		displayName: 'Preferences (JSON)',
		name: 'preferences',
		type: 'json',
		default: '{}',
		description: 'Free-form preferences object, e.g. {"seating": "booth"}',
	},
	{
		displayName: 'SMS Opt-In',
		name: 'sms_opt_in',
		type: 'boolean',
		default: false,
		description: 'Whether the guest agreed to marketing SMS',
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'e.g. vip, wine-lover',
		description:
			"Comma-separated tags; they replace the guest's tags. API 2.4: each as Tag Group:Tag Name.",
	},
];

export const guestFieldOptions: INodeProperties[] = [
	...allGuestFieldOptions.map((option) =>
		OAUTH2_ONLY.includes(option.name) ? onlyFor('oAuth2', option, false) : option,
	),
	onlyFor(
		'api24',
		{
			displayName: 'External User ID',
			name: 'external_user_id',
			type: 'string',
			default: '',
			description:
				"Your system's ID for the guest (API 2.4). Left empty on Create, the node's idempotency key goes here so a create whose answer was lost is found, not repeated.",
		},
		false,
	),
].sort((a, b) => a.displayName.localeCompare(b.displayName));

/** Parameters of a guest being created (Create, Create or Update), before display options. */
export const newGuestProperties: INodeProperties[] = [
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: 'e.g. +14155552671 or (415) 555-2671',
		description: 'Any common format; it is sent in E.164 form',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: guestFieldOptions.filter(
			(option) => !['first_name', 'last_name', 'email', 'phone'].includes(option.name),
		),
	},
];
