import { DateTime } from 'luxon';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties, NodeApiError } from 'n8n-workflow';

import { serviceDate } from '../../helpers/time';
import { apiOf } from '../../api';
import { clockMinutes, nightMinutes } from '../../api/slots';
import { venueTimeZone } from '../../api/venueTime';
import { collection, venueLocator } from '../../shared/descriptions';
import { nodeErrorOf } from '../../transport';
import { idParameter, wholeNumber } from '../../shared/validation';
import { filledByModel } from '../tool';
import { partySizeOf, partySizeProperties } from '../bookingGuest';
import { isTooLarge, largestTable, nothingFree, retold, tooLarge } from './freeTimes';

const properties: INodeProperties[] = [
	venueLocator,
	...filledByModel(
		{
			displayName: 'Date',
			name: 'date',
			type: 'dateTime',
			default: '',
			required: true,
			description:
				"The venue's local date; its times run from 6 AM to 6 AM the next morning, as SevenRooms counts a service day",
		},
		'date',
		"The date to check, YYYY-MM-DD, in the restaurant's local calendar",
	),
	...partySizeProperties,
	...filledByModel(
		{
			displayName: 'Earliest Time',
			name: 'earliestTime',
			type: 'string',
			default: '',
			placeholder: 'e.g. 18:00',
			description: "Venue-local, HH:mm. Empty: from the venue's opening.",
		},
		'earliest_time',
		"The earliest start the guest wants, HH:mm in the restaurant's time; empty for the whole day",
		{ optional: true },
	),
	...filledByModel(
		{
			displayName: 'Latest Time',
			name: 'latestTime',
			type: 'string',
			default: '',
			placeholder: 'e.g. 21:00',
			description:
				'Venue-local, HH:mm; a time after midnight (01:00) is the same night. Empty: until closing.',
		},
		'latest_time',
		"The latest start the guest wants, HH:mm in the restaurant's time; empty for the whole day",
		{ optional: true },
	),
	collection('Options', 'options', 'Add Option', [
		{
			displayName: 'Duration (Minutes)',
			name: 'durationMinutes',
			type: 'number',
			typeOptions: { minValue: 15 },
			default: 90,
			description: 'How long the table is needed; the API decides when not set',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['reservation'], operation: ['checkAvailability'] } },
	properties,
);

/** A date picker's value, an ISO date or date-time, or a luxon date: its calendar date. */
function dateOf(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('date', itemIndex, '') as unknown;
	let date: string | undefined;
	if (DateTime.isDateTime(value)) date = value.toISODate() ?? undefined;
	else if (value instanceof Date) date = value.toISOString().slice(0, 10);
	else if (typeof value === 'string')
		date = /^(\d{4}-\d{2}-\d{2})(?:[T ]|$)/.exec(value.trim())?.[1];
	if (!date || !DateTime.fromISO(date).isValid)
		throw new NodeOperationError(
			context.getNode(),
			`Date "${String(value ?? '')}" is not a date: use YYYY-MM-DD, e.g. 2026-12-24`,
			{ itemIndex },
		);
	return date;
}

/** A venue-local clock time parameter as `HH:mm` and its minutes in the service day, or none. */
function clockOf(context: IExecuteFunctions, name: string, field: string, itemIndex: number) {
	const text = String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!text) return undefined;
	const minutes = clockMinutes(text);
	if (minutes === undefined)
		throw new NodeOperationError(
			context.getNode(),
			`${field} "${text}" is not a time: use HH:mm in the venue's time, e.g. 19:30`,
			{ itemIndex },
		);
	const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
	return { hhmm, night: nightMinutes(minutes) };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const node = this.getNode();
	const venueId = idParameter(this, 'venue', 'Venue', itemIndex);
	const date = dateOf(this, itemIndex);
	const partySize = partySizeOf(this, itemIndex);
	const earliest = clockOf(this, 'earliestTime', 'Earliest Time', itemIndex);
	const latest = clockOf(this, 'latestTime', 'Latest Time', itemIndex);
	const [from, to] = [earliest?.hhmm, latest?.hhmm];
	if (earliest && latest && latest.night < earliest.night)
		throw new NodeOperationError(node, `Latest Time ${to} is before Earliest Time ${from}`, {
			itemIndex,
			description: 'A window past midnight is written as the same night, e.g. 22:00 to 01:00.',
		});
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const durationMinutes =
		options.durationMinutes === undefined
			? undefined
			: wholeNumber(node, itemIndex, 'Duration (Minutes)', options.durationMinutes, 15);
	const zone = (await venueTimeZone(this, venueId, { itemIndex })) ?? 'UTC';
	const today = serviceDate(DateTime.now().setZone(zone));
	if (date < today)
		throw new NodeOperationError(
			node,
			`${date} is in the past at the venue, where it is ${today}`,
			{
				itemIndex,
				description: 'Ask for today or a later date (YYYY-MM-DD, the venue-local date).',
			},
		);

	const query = { date, partySize, from, to, durationMinutes };
	try {
		const slots = await apiOf(this).venues.availability(this, venueId, query, itemIndex);
		if (slots.length) return slots;
	} catch (error) {
		if (!isTooLarge(error)) throw nodeErrorOf(node, error, itemIndex);
		const largest = await largestTable(this, venueId, itemIndex).catch(() => undefined);
		throw retold(error as NodeApiError, tooLarge(partySize, largest));
	}
	const wantedMinutes = (earliest ?? latest)?.night;
	return await nothingFree(this, venueId, query, { zone, wantedMinutes }, itemIndex);
}
