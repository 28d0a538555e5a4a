import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toUtcIso } from '../../helpers/time';
import { venueTimeZone } from '../../shared/venueTime';

/** A list from a multi-select, an array or a comma-separated text. */
export function commaList(value: unknown): string[] {
	const list = Array.isArray(value) ? value : String(value ?? '').split(',');
	return list.map((entry) => String(entry).trim()).filter(Boolean);
}

/** The UTC start time from what the user typed, read in the venue's zone unless told UTC. */
export async function startTimeUtc(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	venueId: string,
	zoneChoice: unknown,
): Promise<string> {
	const zone =
		zoneChoice === 'utc'
			? 'utc'
			: ((await venueTimeZone(context, venueId, { itemIndex })) ?? 'utc');
	return toUtcIso(context.getNode(), value, { field: 'Start Time', zone, itemIndex });
}

/** Body fields shared by Create (additional fields) and Update. */
export function reservationFieldsBody(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (fields.durationMinutes !== undefined && fields.durationMinutes !== '')
		body.duration_minutes = fields.durationMinutes;
	if (fields.notes !== undefined && fields.notes !== '') body.notes = fields.notes;
	if (fields.tableIds !== undefined) {
		const tableIds = commaList(fields.tableIds);
		if (tableIds.length) body.table_ids = tableIds;
	}
	if (fields.tags !== undefined && fields.tags !== '') body.tags = commaList(fields.tags);
	return body;
}
