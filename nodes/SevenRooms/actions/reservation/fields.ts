import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toUtcIso } from '../../helpers/time';
import type { RunContext } from '../types';

/** Reservation fields a user can set on Create (as additional fields) and Update. */
export const reservationFieldOptions: INodeProperties[] = [
	{
		displayName: 'Duration (Minutes)',
		name: 'durationMinutes',
		type: 'number',
		typeOptions: { minValue: 15 },
		default: 90,
	},
	{ displayName: 'Notes', name: 'notes', type: 'string', typeOptions: { rows: 2 }, default: '' },
	{
		displayName: 'Table Names or IDs',
		name: 'tableIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getTables', loadOptionsDependsOn: ['venue.value'] },
		default: [],
		description:
			'Tables to seat the party at; without them SevenRooms picks a free table. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'e.g. anniversary, window',
		description: 'Comma-separated tags',
	},
];

// The time a guest comes is what emails and POS need in local time; audit stamps stay UTC (and cheap).
export const RESERVATION_LOCAL_FIELDS = ['start_time'];

export function tableIdList(value: unknown): string[] {
	const list = Array.isArray(value) ? value : String(value ?? '').split(',');
	return list.map((id) => String(id).trim()).filter(Boolean);
}

/** The UTC start time from what the user typed, read in the venue's zone unless told UTC. */
export async function startTimeUtc(
	context: IExecuteFunctions,
	run: RunContext,
	itemIndex: number,
	value: unknown,
	venueId: string,
	zoneChoice: unknown,
): Promise<string> {
	const zone =
		zoneChoice === 'utc' ? 'utc' : ((await run.venueTimezone(venueId, itemIndex)) ?? 'utc');
	return toUtcIso(context.getNode(), value, { field: 'Start Time', zone, itemIndex });
}

/** Body fields shared by Create (additional fields) and Update. */
export function reservationFieldsBody(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (fields.durationMinutes !== undefined && fields.durationMinutes !== '')
		body.duration_minutes = fields.durationMinutes;
	if (fields.notes !== undefined && fields.notes !== '') body.notes = fields.notes;
	if (fields.tableIds !== undefined) {
		const tableIds = tableIdList(fields.tableIds);
		if (tableIds.length) body.table_ids = tableIds;
	}
	if (fields.tags !== undefined && fields.tags !== '') body.tags = tableIdList(fields.tags);
	return body;
}
