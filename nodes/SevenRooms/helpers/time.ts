import { DateTime, IANAZone, Info } from 'luxon';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';

/** How a date-time typed into the node is meant. */
export type TimeInputZone = 'venue' | 'utc';

/**
 * A time of day without a date, as sheets, forms and POS exports write one: 19:30, 19:30:00,
 * 1930, 7:30 PM, 7 pm, with an optional offset (19:30Z). luxon reads such a text as today's.
 */
const TIME_OF_DAY =
	/^T?(\d{1,2})(?::?(\d{2}))?(?::?(\d{2})(?:[.,]\d+)?)?\s*(?:([ap])\.?\s*m\.?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** A time of day alone as `HH:mm:ss` (plus its offset, if written), or undefined. */
export function timeOfDay(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const match = TIME_OF_DAY.exec(value.trim());
	if (!match) return undefined;
	const [, h, minute = '00', second = '00', half, offset = ''] = match;
	let hour = Number(h);
	if (half) {
		if (hour < 1 || hour > 12) return undefined;
		hour = (hour % 12) + (half.toLowerCase() === 'p' ? 12 : 0);
	}
	if (hour > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
	return `${pad(hour, 2)}:${minute}:${second}${offset}`;
}

/**
 * The calendar date a value names as written (YYYY-MM-DD): a date, the date of a date-time, a
 * date picker's value. Undefined for anything else (07/04/2027 is July or April: not guessed).
 */
export function calendarDate(value: unknown): string | undefined {
	if (DateTime.isDateTime(value))
		return value.isValid ? (value.toISODate() ?? undefined) : undefined;
	if (value instanceof Date)
		return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
	if (typeof value !== 'string') return undefined;
	const date = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(value.trim())?.[1];
	return date && DateTime.fromISO(date).isValid ? date : undefined;
}

/**
 * Whether a date-time is a wall-clock time, its instant depending on the zone it is read in (no
 * offset). Date objects and texts with an offset are instants; unreadable ones are left to
 * `toUtcIso` to refuse.
 */
export function needsZone(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	const text = value.trim();
	const read = (zone: string) => {
		const iso = DateTime.fromISO(text, { zone });
		return iso.isValid ? iso : DateTime.fromSQL(text, { zone });
	};
	const east = read('UTC+1');
	const west = read('UTC-1');
	return east.isValid && west.isValid && east.toMillis() !== west.toMillis();
}

/**
 * A UTC ISO instant (`…Z`) for the API from a user's date-time. Wall-clock times without an offset
 * are read in the venue's time zone (or UTC); a value with an explicit offset keeps it. A time of
 * day without a date is an error (`noDate` says what to do), never today's.
 */
export function toUtcIso(
	node: INode,
	value: unknown,
	{
		field,
		zone,
		itemIndex,
		noDate = 'Give the date with the time, e.g. 2027-07-04T19:30.',
	}: { field: string; zone: string; itemIndex: number; noDate?: string },
): string {
	if (timeOfDay(value) !== undefined) {
		throw new NodeOperationError(node, `${field} "${String(value)}" has no date`, {
			itemIndex,
			description: noDate,
		});
	}
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
/** A venue zone as luxon resolves it, with its offset (minutes) per UTC hour seen. */
interface ZoneOffsets {
	/** null when luxon treats the name otherwise (UTC, a fixed offset, invalid) */
	iana: IANAZone | null;
	/** UTC hour → the offset during that whole hour, or NaN when it changes within it */
	hours: Map<number, number>;
}
const zones = new Map<string, ZoneOffsets>();
let hourCount = 0;

function zoneOffsetsOf(zone: string): ZoneOffsets {
	let offsets = zones.get(zone);
	if (offsets === undefined) {
		const normalized = Info.normalizeZone(zone);
		const iana = normalized instanceof IANAZone && normalized.isValid ? normalized : null;
		if (zones.size >= MAX_ZONES) {
			zones.clear();
			hourCount = 0;
		}
		offsets = { iana, hours: new Map() };
		zones.set(zone, offsets);
	}
	return offsets;
}

/** luxon's offset of `zone` at `millis`, computed once per zone and UTC hour. */
function offsetAt({ iana, hours }: ZoneOffsets & { iana: IANAZone }, millis: number): number {
	const hour = Math.floor(millis / HOUR_MS);
	let offset = hours.get(hour);
	if (offset === undefined) {
		const start = iana.offset(hour * HOUR_MS);
		// One offset for the whole hour, or none cached (a transition inside it: luxon decides).
		offset = start === iana.offset(hour * HOUR_MS + HOUR_MS - 1) ? start : NaN;
		if (hourCount >= MAX_HOURS) {
			for (const cached of zones.values()) cached.hours.clear();
			hourCount = 0;
		}
		hours.set(hour, offset);
		hourCount++;
	}
	return Number.isNaN(offset) ? iana.offset(millis) : offset;
}

const pad2 = (value: number) => (value < 10 ? `0${value}` : String(value));
const pad = (value: number, length: number) => String(value).padStart(length, '0');

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
		`${pad(year, 4)}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())}` +
		`T${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())}` +
		(milliseconds !== 0 ? `.${pad(milliseconds, 3)}` : '') +
		`${offset < 0 ? '-' : '+'}${pad2(hours)}:${pad2(minutes)}`
	);
}

/** The same instant as wall-clock time with offset in `zone`, or undefined for empty input. */
export function toZonedIso(utc: unknown, zone: string): string | undefined {
	if (typeof utc !== 'string' || utc === '') return undefined;
	// The API's instants are plain ISO UTC: the native parser is enough and much cheaper per item.
	const millis = Date.parse(utc);
	if (Number.isNaN(millis)) return undefined;
	// Venue zones are IANA names: their offset is cached per hour and the ISO text built directly,
	// exactly as luxon writes it (test/SevenRooms/caches.test.ts holds the two side by side).
	const offsets = zoneOffsetsOf(zone);
	if (offsets.iana) {
		const fast = isoWithOffset(
			millis,
			offsetAt(offsets as ZoneOffsets & { iana: IANAZone }, millis),
		);
		if (fast !== undefined) return fast;
	}
	return luxonZonedIso(millis, zone);
}

/** luxon's own answer: the reference the cached path must equal, and the path for the rest. */
export function luxonZonedIso(millis: number, zone: string): string | undefined {
	const local = DateTime.fromMillis(millis, { zone });
	return local.isValid ? (local.toISO({ suppressMilliseconds: true }) ?? undefined) : undefined;
}

const localNames = new Map<string, string>();
function localName(field: string): string {
	let name = localNames.get(field);
	if (name === undefined) {
		name = `${field}_local`;
		localNames.set(field, name);
	}
	return name;
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
		if (local !== undefined) result[localName(field)] = local;
	}
	result.venue_timezone = zone;
	return result;
}

/**
 * The service date a venue-local time belongs to: a restaurant's day runs from 6 AM to 6 AM, so
 * 1:30 AM is the evening before's (API 2.4 files times so; availability windows read them so).
 */
export const serviceDate = (local: DateTime) => local.minus({ hours: 6 }).toISODate() as string;
