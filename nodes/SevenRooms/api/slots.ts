import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { serviceDate } from '../helpers/time';
import type { AvailabilityQuery } from './types';

/**
 * Free times (availability) in the nodes' vocabulary, whichever API answered: one small object per
 * time, with what Reservation → Create needs to book exactly it (`venue_id`, `start_time`,
 * `party_size`, `duration_minutes`) and what a guest is told (`date`, `local_time`, the shift).
 */

/** `19:30`, `7:30 PM`, `7:30:00 pm`: minutes after midnight, or undefined. */
export function clockMinutes(value: unknown): number | undefined {
	const match = /^(\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp][Mm])?$/.exec(String(value ?? '').trim());
	if (!match) return undefined;
	const hour = Number(match[1]);
	const minute = Number(match[2]);
	const meridiem = match[3]?.toUpperCase();
	if (minute > 59 || (meridiem ? hour < 1 || hour > 12 : hour > 23)) return undefined;
	return ((hour % (meridiem ? 12 : 24)) + (meridiem === 'PM' ? 12 : 0)) * 60 + minute;
}

/** A clock time of a service day in minutes after its midnight: before 6 AM is the night after. */
export const nightMinutes = (minutes: number) => (minutes < 6 * 60 ? minutes + 24 * 60 : minutes);

/**
 * The venue-local moment of a service date's clock time in minutes after its midnight (before
 * 6 AM, or past 24:00: the next morning), set on the calendar so a daylight-saving day keeps it.
 */
export function serviceMoment(date: string, minutes: number, zone: string): DateTime {
	const clock = minutes % (24 * 60);
	const day = DateTime.fromISO(date, { zone }).plus({
		days: minutes >= 24 * 60 || clock < 6 * 60 ? 1 : 0,
	});
	return day.set({ hour: Math.floor(clock / 60), minute: clock % 60, second: 0, millisecond: 0 });
}

export interface SlotFacts {
	venueId: string;
	zone: string;
	/** the venue-local start */
	local: DateTime;
	durationMinutes: unknown;
	partySize: number;
	type: unknown;
	shift: { id?: unknown; name?: unknown; category?: unknown };
	/** the API's own fields worth keeping (2.4's `time`) */
	extra?: IDataObject;
}

const text = (value: unknown) =>
	value === undefined || value === null || value === '' ? null : String(value);

export function slotOf({
	venueId,
	zone,
	local,
	durationMinutes,
	partySize,
	type,
	shift,
	extra,
}: SlotFacts): IDataObject {
	const category = text(shift.category)?.toLowerCase() ?? null;
	return {
		venue_id: venueId,
		date: serviceDate(local),
		local_time: local.toFormat('HH:mm'),
		// As reservations write it, so a booking's start_time equals the time it was booked from.
		start_time: local.toUTC().toISO(),
		start_time_local: local.toISO({ suppressMilliseconds: true }),
		venue_timezone: zone,
		party_size: partySize,
		duration_minutes: Number(durationMinutes) > 0 ? Number(durationMinutes) : null,
		type: text(type)?.toLowerCase() ?? 'book',
		shift_id: text(shift.id),
		shift_name:
			text(shift.name) ?? (category ? category.charAt(0).toUpperCase() + category.slice(1) : null),
		shift_category: category,
		...extra,
	};
}

/**
 * What the caller asked for, whatever the API did with it: inside the window (service-day clock
 * times), in the future, each time once, earliest first.
 */
export function keepAsked(slots: IDataObject[], query: AvailabilityQuery): IDataObject[] {
	const from = query.from === undefined ? undefined : nightMinutes(clockMinutes(query.from) ?? 0);
	const to = query.to === undefined ? undefined : nightMinutes(clockMinutes(query.to) ?? 0);
	const now = Date.now();
	const seen = new Set<string>();
	return slots
		.filter((slot) => {
			const start = String(slot.start_time);
			const minutes = nightMinutes(clockMinutes(slot.local_time) ?? 0);
			if (seen.has(start) || !(Date.parse(start) > now)) return false;
			if (slot.date !== query.date) return false;
			if ((from !== undefined && minutes < from) || (to !== undefined && minutes > to))
				return false;
			seen.add(start);
			return true;
		})
		.sort((a, b) => Date.parse(String(a.start_time)) - Date.parse(String(b.start_time)));
}
