import { DateTime } from 'luxon';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';

/** How a date-time typed into the node is meant. */
export type TimeInputZone = 'venue' | 'utc';

/**
 * A UTC ISO instant (`…Z`) for the API from a user's date-time. Wall-clock times without an offset
 * are read in the venue's time zone (or UTC); a value with an explicit offset keeps it.
 */
export function toUtcIso(
	node: INode,
	value: unknown,
	{ field, zone, itemIndex }: { field: string; zone: string; itemIndex: number },
): string {
	let parsed: DateTime | undefined;
	let asWritten: DateTime | undefined;
	if (value instanceof Date) parsed = DateTime.fromJSDate(value);
	else if (DateTime.isDateTime(value)) parsed = value;
	else if (typeof value === 'string' && value.trim() !== '') {
		const text = value.trim();
		parsed = DateTime.fromISO(text, { zone, setZone: true });
		asWritten = DateTime.fromISO(text, { zone: 'utc', setZone: true });
		if (!parsed.isValid) {
			parsed = DateTime.fromSQL(text, { zone, setZone: true });
			asWritten = DateTime.fromSQL(text, { zone: 'utc', setZone: true });
		}
	}
	if (!parsed?.isValid) {
		throw new NodeOperationError(
			node,
			`${field} "${String(value ?? '')}" is not a valid date and time`,
			{
				itemIndex,
				description:
					'Use an ISO date-time such as 2026-12-24T19:30 (read in the chosen time zone) or 2026-12-25T00:30:00Z.',
			},
		);
	}
	// A wall-clock time the zone skips (02:30 when clocks jump from 02:00 to 03:00) would silently
	// move by an hour: refuse it.
	if (
		asWritten?.isValid &&
		(asWritten.hour !== parsed.hour || asWritten.minute !== parsed.minute)
	) {
		throw new NodeOperationError(
			node,
			`${field} "${String(value)}" does not exist in ${zone}: the clocks skip that hour when daylight saving time starts`,
			{ itemIndex, description: 'Enter a time before or after the skipped hour.' },
		);
	}
	return parsed.toUTC().toISO({ suppressMilliseconds: true }) as string;
}

/** The same instant as wall-clock time with offset in `zone`, or undefined for empty input. */
export function toZonedIso(utc: unknown, zone: string): string | undefined {
	if (typeof utc !== 'string' || utc === '') return undefined;
	// The API's instants are plain ISO UTC: the native parser is enough and much cheaper per item.
	const millis = Date.parse(utc);
	if (Number.isNaN(millis)) return undefined;
	const local = DateTime.fromMillis(millis, { zone });
	return local.isValid ? (local.toISO({ suppressMilliseconds: true }) ?? undefined) : undefined;
}

/**
 * Adds `<field>_local` next to each UTC timestamp so an email step shows the venue's hour; the
 * API's own fields stay untouched.
 */
export function withLocalTimes(
	object: IDataObject,
	zone: string | undefined,
	fields: string[],
): IDataObject {
	if (!zone) return object;
	const result: IDataObject = { ...object };
	for (const field of fields) {
		const local = toZonedIso(object[field], zone);
		if (local !== undefined) result[`${field}_local`] = local;
	}
	result.venue_timezone = zone;
	return result;
}
