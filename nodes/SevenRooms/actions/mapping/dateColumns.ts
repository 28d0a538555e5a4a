import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { calendarDate, timeOfDay } from '../../helpers/time';
import type { MappedField } from './fields';
import { datePartOf, isEmpty } from './match';
import type { AutoMapped } from './match';

/** What joining a date column did to one field: its name in errors, and the columns joined. */
export interface JoinedDate {
	label: string;
	columns: [date: string, time: string];
}

/**
 * Map Automatically with the date and the time in two columns, as exports keep them (Date
 * 2027-07-04, Time 19:30): a time of day alone in a date-time field's column is joined with the
 * field's date column (the date of a date-time there counts). A full date-time in the field's
 * column stands, and the date column is ignored (and said so). A date column alone fills the
 * field only with a full date-time; a date alone has no time to book.
 */
export function joinDateColumns(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: MappedField[],
	mapped: AutoMapped,
): Record<string, JoinedDate> {
	const joined: Record<string, JoinedDate> = {};
	for (const field of fields) {
		const part = datePartOf(field.id);
		const dateColumn = mapped.columns[part];
		if (dateColumn === undefined) continue;
		const date = mapped.values[part];
		delete mapped.values[part];
		delete mapped.columns[part];
		const column = mapped.columns[field.id];
		const value = mapped.values[field.id];
		const invalid = (label: string, shown: unknown, problem: string, description: string) =>
			new NodeOperationError(context.getNode(), `${label} "${String(shown)}" ${problem}`, {
				itemIndex,
				description,
			});
		if (column !== undefined && !isEmpty(value)) {
			const time = timeOfDay(value);
			if (time === undefined) {
				mapped.ignored.push(dateColumn);
				continue;
			}
			// A time without a date is refused when the field is read (`toUtcIso`).
			if (isEmpty(date)) continue;
			const day = calendarDate(date);
			if (!day)
				throw invalid(
					`${field.displayName}'s date (column "${dateColumn}")`,
					date,
					'is not a date',
					'Write the date as YYYY-MM-DD, e.g. 2027-07-04.',
				);
			mapped.values[field.id] = `${day}T${time}`;
			joined[field.id] = {
				label: `${field.displayName} (columns "${dateColumn}" and "${column}")`,
				columns: [dateColumn, column],
			};
		} else if (!isEmpty(date)) {
			if (typeof date === 'string' && calendarDate(date) === date.trim())
				throw invalid(
					`${field.displayName} (column "${dateColumn}")`,
					date,
					'has no time of day',
					`Add the time in a column named Time beside "${dateColumn}", or give a full date-time such as 2027-07-04T19:30.`,
				);
			mapped.values[field.id] = date;
			mapped.columns[field.id] = dateColumn;
		}
	}
	return joined;
}
