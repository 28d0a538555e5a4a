import { DateTime } from 'luxon';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toE164 } from '../../helpers/phone';

/** Guest fields a user can set, shared by Create, Update and Create or Update. */
export const guestFieldOptions: INodeProperties[] = [
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
		description: "Comma-separated tags; they replace the guest's tags",
	},
];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function invalid(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	problem: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `${field} "${String(value)}" ${problem}`, {
		itemIndex,
	});
}

/** "YYYY-MM-DD" stays; "--MM-DD" and "MM-DD" become "--MM-DD" (no year); anything else is an error. */
export function normalizeGuestDate(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string {
	const text = String(value).trim();
	const yearless = /^(?:--)?(\d{2})-(\d{2})$/.exec(text);
	if (yearless) {
		// 2024 is a leap year, so --02-29 is accepted.
		if (
			DateTime.fromObject({ year: 2024, month: Number(yearless[1]), day: Number(yearless[2]) })
				.isValid
		) {
			return `--${yearless[1]}-${yearless[2]}`;
		}
	} else if (/^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text).isValid) {
		return text;
	}
	throw invalid(
		context,
		itemIndex,
		field,
		value,
		'is not a date: use YYYY-MM-DD, or --MM-DD without a year',
	);
}

/**
 * The API body for the guest fields a user filled in: empty strings are left out, phone goes to
 * E.164, tags to a list, preferences to an object, dates checked.
 */
export function guestBody(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
	defaultCountry: string,
): IDataObject {
	const body: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value === '' || value === undefined || value === null) continue;
		switch (key) {
			case 'phone':
				body.phone = toE164(context.getNode(), value, {
					field: 'Phone',
					defaultCountry,
					itemIndex,
				});
				break;
			case 'email':
				if (!EMAIL.test(String(value).trim()))
					throw invalid(context, itemIndex, 'Email', value, 'is not an email address');
				body.email = String(value).trim();
				break;
			case 'birthday':
				body.birthday = normalizeGuestDate(context, itemIndex, 'Birthday', value);
				break;
			case 'anniversary':
				body.anniversary = normalizeGuestDate(context, itemIndex, 'Anniversary', value);
				break;
			case 'tags':
				body.tags = Array.isArray(value)
					? value.map(String)
					: String(value)
							.split(',')
							.map((tag) => tag.trim())
							.filter(Boolean);
				break;
			case 'preferences': {
				let preferences: unknown = value;
				if (typeof value === 'string') {
					try {
						preferences = JSON.parse(value);
					} catch {
						throw invalid(context, itemIndex, 'Preferences (JSON)', value, 'is not valid JSON');
					}
				}
				if (typeof preferences !== 'object' || preferences === null || Array.isArray(preferences)) {
					throw invalid(context, itemIndex, 'Preferences (JSON)', value, 'must be a JSON object');
				}
				if (Object.keys(preferences).length) body.preferences = preferences as IDataObject;
				break;
			}
			default:
				body[key] = typeof value === 'string' ? value.trim() : value;
		}
	}
	return body;
}

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

/** The guest body of Create / Create or Update, with the rule that a guest needs a name or contact. */
export function newGuestBody(
	context: IExecuteFunctions,
	itemIndex: number,
	defaultCountry: string,
): IDataObject {
	const parameter = (name: string) => context.getNodeParameter(name, itemIndex, '') as string;
	const body = guestBody(
		context,
		itemIndex,
		{
			first_name: parameter('firstName'),
			last_name: parameter('lastName'),
			email: parameter('email'),
			phone: parameter('phone'),
			...(context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		},
		defaultCountry,
	);
	if (!body.first_name && !body.last_name && !body.email && !body.phone) {
		throw new NodeOperationError(
			context.getNode(),
			'A guest needs at least a first name, last name, email or phone',
			{ itemIndex },
		);
	}
	return body;
}
