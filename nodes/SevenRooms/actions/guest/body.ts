import { DateTime } from 'luxon';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toE164 } from '../../helpers/phone';
import { yesNo } from '../../shared/validation';
import { readMapped, usesMapper } from '../mapping';
import type { MappedItem } from '../mapping';

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

const FIELD_NAMES: Record<string, string> = {
	phone: 'Phone',
	email: 'Email',
	birthday: 'Birthday',
	anniversary: 'Anniversary',
	preferences: 'Preferences (JSON)',
	email_opt_in: 'Email Opt-In',
	sms_opt_in: 'SMS Opt-In',
};

/**
 * The API body for the guest fields a user filled in: empty strings are left out, phone goes to
 * E.164, tags to a list, preferences to an object, opt-ins to true or false, dates checked. Errors name the field as
 * `labels` says (the resource mapper's: `Phone (column "Mobile")`), else by its parameter name.
 */
export function guestBody(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
	defaultCountry: string,
	labels: Record<string, string> = {},
): IDataObject {
	const body: IDataObject = {};
	const name = (key: string) => labels[key] ?? FIELD_NAMES[key] ?? key;
	for (const key of Object.keys(fields)) {
		const value = fields[key];
		if (value === '' || value === undefined || value === null) continue;
		switch (key) {
			case 'phone':
				body.phone = toE164(context.getNode(), value, {
					field: name('phone'),
					defaultCountry,
					itemIndex,
				});
				break;
			case 'email':
				if (!EMAIL.test(String(value).trim()))
					throw invalid(context, itemIndex, name('email'), value, 'is not an email address');
				body.email = String(value).trim();
				break;
			case 'birthday':
				body.birthday = normalizeGuestDate(context, itemIndex, name('birthday'), value);
				break;
			case 'anniversary':
				body.anniversary = normalizeGuestDate(context, itemIndex, name('anniversary'), value);
				break;
			case 'email_opt_in':
			case 'sms_opt_in':
				body[key] = yesNo(context.getNode(), itemIndex, name(key), value);
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
						throw invalid(context, itemIndex, name('preferences'), value, 'is not valid JSON');
					}
				}
				if (typeof preferences !== 'object' || preferences === null || Array.isArray(preferences)) {
					throw invalid(context, itemIndex, name('preferences'), value, 'must be a JSON object');
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

/**
 * The guest fields of Create / Create or Update as the node version has them: version 1's
 * parameters and Additional Fields, or version 2's mapped fields.
 */
function newGuestFields(
	context: IExecuteFunctions,
	itemIndex: number,
	target: 'guestCreate' | 'guestUpsert',
): MappedItem {
	if (usesMapper(context)) return readMapped(context, itemIndex, target);
	const parameter = (name: string) => context.getNodeParameter(name, itemIndex, '') as string;
	return {
		values: {
			first_name: parameter('firstName'),
			last_name: parameter('lastName'),
			email: parameter('email'),
			phone: parameter('phone'),
			...(context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		},
		labels: {},
		matchOn: [],
	};
}

/**
 * The guest body of Create / Create or Update, with the rule that a guest needs a name or
 * contact, and (Create or Update, version 2) the fields to find the guest by.
 */
export function newGuestBody(
	context: IExecuteFunctions,
	itemIndex: number,
	defaultCountry: string,
	target: 'guestCreate' | 'guestUpsert' = 'guestCreate',
): { body: IDataObject; matchOn: string[] } {
	const { values, labels, matchOn } = newGuestFields(context, itemIndex, target);
	const body = guestBody(context, itemIndex, values, defaultCountry, labels);
	if (!body.first_name && !body.last_name && !body.email && !body.phone) {
		throw new NodeOperationError(
			context.getNode(),
			'A guest needs at least a first name, last name, email or phone',
			{ itemIndex },
		);
	}
	return { body, matchOn };
}
