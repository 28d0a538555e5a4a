import { DateTime, IANAZone, Info } from 'luxon';
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

const HOUR_MS = 60 * 60_000;
/** Bounds of the caches below: far more zones and hours than a workflow meets. */
const MAX_ZONES = 1_000;
const MAX_HOURS = 50_000;
/** zone name → luxon's IANA zone, or null when luxon treats the name otherwise (UTC, invalid) */
const ianaZones = new Map<string, IANAZone | null>();
/** `zone|hour` → the zone's offset (minutes) during that whole UTC hour, or NaN when it changes in it */
const hourOffsets = new Map<string, number>();
let hourOffsetCount = 0;

function ianaZoneOf(zone: string): IANAZone | null {
	let iana = ianaZones.get(zone);
	if (iana === undefined) {
		const normalized = Info.normalizeZone(zone);
		iana = normalized instanceof IANAZone && normalized.isValid ? normalized : null;
		if (ianaZones.size >= MAX_ZONES) ianaZones.clear();
		ianaZones.set(zone, iana);
	}
	return iana;
}

/** luxon's offset of `zone` at `millis`, computed once per zone and UTC hour. */
function offsetAt(zone: IANAZone, millis: number): number {
	const hour = Math.floor(millis / HOUR_MS);
	const key = `${zone.name}|${hour}`;
	let offset = hourOffsets.get(key);
	if (offset === undefined) {
		const start = zone.offset(hour * HOUR_MS);
		// One offset for the whole hour, or none cached (a transition inside it: luxon decides).
		offset = start === zone.offset(hour * HOUR_MS + HOUR_MS - 1) ? start : NaN;
		if (hourOffsetCount >= MAX_HOURS) {
			hourOffsets.clear();
			hourOffsetCount = 0;
		}
		hourOffsets.set(key, offset);
		hourOffsetCount++;
	}
	return Number.isNaN(offset) ? zone.offset(millis) : offset;
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/**
 * What luxon's `DateTime.fromMillis(millis, { zone }).toISO({ suppressMilliseconds: true })` gives
 * for an IANA zone, from a cached offset; undefined outside years 0–9999 (luxon's long format).
 */
function isoWithOffset(millis: number, offset: number): string | undefined {
	// luxon's own arithmetic (tsToObj), so fractional historic offsets land on the same fields.
	const local = new Date(millis + offset * 60 * 1000);
	const year = local.getUTCFullYear();
	if (!(year >= 0 && year <= 9999)) return undefined;
	const milliseconds = local.getUTCMilliseconds();
	const hours = offset < 0 ? Math.trunc(-offset / 60) : Math.trunc(offset / 60);
	const minutes = offset < 0 ? Math.trunc(-offset % 60) : Math.trunc(offset % 60);
	return (
		`${pad(year, 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
		`T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
		(milliseconds !== 0 ? `.${pad(milliseconds, 3)}` : '') +
		`${offset < 0 ? '-' : '+'}${pad(hours)}:${pad(minutes)}`
	);
}

/** The same instant as wall-clock time with offset in `zone`, or undefined for empty input. */
export function toZonedIso(utc: unknown, zone: string): string | undefined {
	if (typeof utc !== 'string' || utc === '') return undefined;
	// The API's instants are plain ISO UTC: the native parser is enough and much cheaper per item.
	const millis = Date.parse(utc);
	if (Number.isNaN(millis)) return undefined;
	// Venue zones are IANA names: their offset is cached per hour and the ISO text built directly,
	// exactly as luxon writes it (test/SevenRooms/time.cache.test.ts holds the two side by side).
	const iana = ianaZoneOf(zone);
	if (iana) {
		const fast = isoWithOffset(millis, offsetAt(iana, millis));
		if (fast !== undefined) return fast;
	}
	return luxonZonedIso(millis, zone);
}

/** luxon's own answer: the reference the cached path must equal, and the path for the rest. */
export function luxonZonedIso(millis: number, zone: string): string | undefined {
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
