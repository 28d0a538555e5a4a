import { createHash } from 'node:crypto';

import { DateTime } from 'luxon';

import type { SandboxContext } from '../../context';
import type { Venue } from '../../types';
import { bad } from './fields';

/**
 * How the 2.4 API writes time: venue-local dates and clock times without an offset, and `created`
 * / `updated` / token expiry as naive datetimes that the sandbox writes in UTC. A day's times begin
 * at 6 AM: a 2 AM reservation belongs to the evening before.
 */

/** `2023-08-01T14:20:38.874800`: UTC, no offset, microseconds. */
export function naiveUtc(time: string | number): string {
	const ms = typeof time === 'number' ? time : Date.parse(time);
	if (Number.isNaN(ms)) return String(time);
	return `${new Date(ms).toISOString().slice(0, 23)}000`;
}

/** `updated_since`: with an offset as written, naive as UTC, a bare date as its UTC midnight. */
export function parseSince(value: string, field: string): number {
	const naive = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(value);
	const ms = Date.parse(
		naive ? `${value.replace(' ', 'T')}${value.length > 10 ? 'Z' : ''}` : value,
	);
	if (Number.isNaN(ms)) throw bad(`${field} must be a date-time, e.g. 2024-01-14T14:20:38`);
	return ms;
}

export function isoDate(value: string, field: string): string {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !DateTime.fromISO(value).isValid)
		throw bad(`${field} must be a date, YYYY-MM-DD`);
	return value;
}

export const zoneOf = (ctx: SandboxContext, venueId: string) =>
	ctx.state.venues.get(venueId)?.timezone ?? 'UTC';

export const localTime = (ctx: SandboxContext, venueId: string, iso: string) =>
	DateTime.fromISO(iso, { zone: zoneOf(ctx, venueId) });

/** The date a local time belongs to: times before 6 AM are the evening before's. */
export const serviceDate = (local: DateTime) => local.minus({ hours: 6 }).toISODate() as string;
/** `7:00 PM` */
export const clockTime = (local: DateTime) => local.toFormat('h:mm a');
/** `2023-10-11 19:00:00`, the hour unpadded as in the vendor's example */
export const slotDateTime = (local: DateTime) => local.toFormat('yyyy-MM-dd H:mm:ss');

/** `19:00`, `7:00 PM`, `7:00:00 PM`, `7:00pm`: minutes after midnight. */
export function parseClockTime(value: string, field: string): number {
	const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/.exec(value.trim());
	const hour = Number(match?.[1]);
	const minute = Number(match?.[2]);
	const meridiem = match?.[4]?.toUpperCase();
	if (!match || minute > 59 || (meridiem ? hour < 1 || hour > 12 : hour > 23))
		throw bad(`${field} must be a time such as 19:00 or 7:00 PM`);
	return ((hour % (meridiem ? 12 : 24)) + (meridiem === 'PM' ? 12 : 0)) * 60 + minute;
}

/**
 * The venue-local moment of a service `date` and a clock time in minutes after its midnight (before
 * 6 AM, or past 24:00: the next day). Set on the calendar, not added: on a day that daylight saving
 * time shortens or lengthens, 19:00 is still 19:00.
 */
export function serviceMoment(zone: string, date: string, minutes: number): DateTime {
	const clock = minutes % (24 * 60);
	const day = DateTime.fromISO(date, { zone }).startOf('day');
	return day
		.plus({ days: minutes >= 24 * 60 || clock < 6 * 60 ? 1 : 0 })
		.set({ hour: Math.floor(clock / 60), minute: clock % 60 });
}

export interface Shift {
	category: 'LUNCH' | 'DINNER';
	persistentId: string;
	/** minutes after the service day's midnight; may pass 24:00 */
	start: number;
	end: number;
}

const SHIFT_STAMP = { LUNCH: '1443199242.75', DINNER: '1443199311.5' };
const shiftId = (venueId: string, category: Shift['category']) =>
	`${venueId}-${category}-${SHIFT_STAMP[category]}`;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A venue's shifts on a service date: lunch when it opens before 16:00, dinner from 17:00. */
export function shiftsOn(venue: Venue | undefined, date: string): Shift[] {
	const id = venue?.id ?? '';
	const day = DateTime.fromISO(date).toFormat('ccc').toLowerCase();
	const hours = venue?.operating_hours.find((entry) => entry.day === day);
	const open = hours ? minutesOf(hours.open) : 17 * 60;
	let close = hours ? minutesOf(hours.close) : 23 * 60;
	if (close <= open) close += 24 * 60;
	const shifts: Shift[] = [];
	if (open < 16 * 60)
		shifts.push({
			category: 'LUNCH',
			persistentId: shiftId(id, 'LUNCH'),
			start: open,
			end: 16 * 60,
		});
	shifts.push({
		category: 'DINNER',
		persistentId: shiftId(id, 'DINNER'),
		start: Math.max(open, 17 * 60),
		end: close,
	});
	return shifts;
}

/** The shift a venue-local moment falls in: lunch before 16:00 (after 6 AM), dinner after. */
export function shiftAt(
	venueId: string,
	local: DateTime,
): Pick<Shift, 'category' | 'persistentId'> {
	const hour = local.hour;
	const category = hour >= 6 && hour < 16 ? 'LUNCH' : 'DINNER';
	return { category, persistentId: shiftId(venueId, category) };
}

/** Every shift id a venue has, whatever the day. */
export const shiftIds = (venueId: string) => [
	shiftId(venueId, 'LUNCH'),
	shiftId(venueId, 'DINNER'),
];

/** A guest-facing reference code, the same for an id every time. */
export function referenceCode(id: string, length: number): string {
	const digest = createHash('sha256').update(id).digest();
	const alphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
	return Array.from(digest.subarray(0, length), (byte) => alphabet[byte % alphabet.length]).join(
		'',
	);
}

/** The number at the end of a seeded id (`gst_000042` → 42), or undefined. */
export function seededNumber(id: string, pattern: RegExp, seeded: number): number | undefined {
	const match = pattern.exec(id);
	const number = match ? Number(match[1]) : NaN;
	return number >= 1 && number <= seeded ? number : undefined;
}
