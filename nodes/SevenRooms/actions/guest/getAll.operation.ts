import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { defaultPhoneCountry, toE164 } from '../../helpers/phone';
import { toUtcIso } from '../../helpers/time';
import { apiOf } from '../../api';
import type { GuestFilters } from '../../api';
import {
	collection,
	defaultPhoneCountryOption,
	returnAllAndLimit,
} from '../../shared/descriptions';
import { yesNo } from '../../shared/validation';

export const description = updateDisplayOptions(
	{ show: { resource: ['guest'], operation: ['getAll'] } },
	[
		...returnAllAndLimit,
		collection('Filters', 'filters', 'Add Filter', [
			{
				displayName: 'Birthday From (MM-DD)',
				name: 'birthdayStart',
				type: 'string',
				default: '',
				placeholder: 'e.g. 12-28',
				description:
					'First day of a birthday window, inclusive; with Birthday To it may wrap the year end (12-28 to 01-03)',
			},
			{
				displayName: 'Birthday To (MM-DD)',
				name: 'birthdayEnd',
				type: 'string',
				default: '',
				placeholder: 'e.g. 01-03',
				description: 'Last day of the birthday window, inclusive',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			{
				displayName: 'Email Opt-In',
				name: 'emailOptIn',
				type: 'options',
				options: [
					{ name: 'Opted In', value: 'true' },
					{ name: 'Not Opted In', value: 'false' },
				],
				default: 'true',
				description:
					'Whether to return only guests who agreed (or did not agree) to marketing email',
			},
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				description: 'Any common format; it is matched in E.164 form',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. vip, wine-lover',
				description: 'Comma-separated; guests must have all of them',
			},
			{
				displayName: 'Updated Since',
				name: 'updatedSince',
				type: 'dateTime',
				default: '',
				description: 'Only guests changed at or after this time (UTC unless an offset is given)',
			},
			{
				displayName: 'Updated Until',
				name: 'updatedUntil',
				type: 'dateTime',
				default: '',
				description: 'Only guests changed at or before this time (UTC unless an offset is given)',
			},
		]),
		collection('Options', 'options', 'Add Option', [defaultPhoneCountryOption]),
	],
);

function monthDay(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string {
	const match = /^(?:--)?(\d{1,2})-(\d{1,2})$/.exec(String(value).trim());
	const month = Number(match?.[1]);
	const day = Number(match?.[2]);
	const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
	if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth[month - 1]) {
		throw new NodeOperationError(
			context.getNode(),
			`${field} "${String(value)}" is not a month and day: use MM-DD, e.g. 12-31`,
			{ itemIndex },
		);
	}
	return `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const node = this.getNode();
	const query: GuestFilters = {};
	if (filters.updatedSince)
		query.updatedSince = toUtcIso(node, filters.updatedSince, {
			field: 'Updated Since',
			zone: 'utc',
			itemIndex,
		});
	if (filters.updatedUntil)
		query.updatedUntil = toUtcIso(node, filters.updatedUntil, {
			field: 'Updated Until',
			zone: 'utc',
			itemIndex,
		});
	if (filters.email) query.email = String(filters.email).trim();
	if (filters.phone) {
		query.phone = toE164(node, filters.phone, {
			field: 'Phone',
			defaultCountry: defaultPhoneCountry(node, options, itemIndex),
			itemIndex,
		});
	}
	if (filters.emailOptIn !== undefined && filters.emailOptIn !== '')
		query.emailOptIn = yesNo(node, itemIndex, 'Email Opt-In', filters.emailOptIn);
	if (filters.tags)
		query.tags = String(filters.tags)
			.split(',')
			.map((tag) => tag.trim())
			.filter(Boolean);
	if (filters.birthdayStart || filters.birthdayEnd) {
		if (!filters.birthdayStart || !filters.birthdayEnd) {
			throw new NodeOperationError(node, 'Birthday From and Birthday To must be set together', {
				itemIndex,
			});
		}
		query.birthdayStart = monthDay(this, itemIndex, 'Birthday From', filters.birthdayStart);
		query.birthdayEnd = monthDay(this, itemIndex, 'Birthday To', filters.birthdayEnd);
	}
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	return await apiOf(this).guests.list(this, query, { limit, itemIndex });
}
