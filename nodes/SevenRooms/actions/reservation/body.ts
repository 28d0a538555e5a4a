import type { IDataObject } from 'n8n-workflow';

/** A list from a multi-select, an array or a comma-separated text. */
export function commaList(value: unknown): string[] {
	const list = Array.isArray(value) ? value : String(value ?? '').split(',');
	return list.map((entry) => String(entry).trim()).filter(Boolean);
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
