import { DateTime } from 'luxon';

import type { SandboxContext } from '../context';
import { defineRoute } from '../route';
import { findOr404 } from '../state';
import type { Venue } from '../types';
import { invalid, positiveInteger } from '../validation';
import { exceedsLargestTable, seat } from './reservations';
import { isoDate, parseClockTime, serviceDate, serviceMoment, shiftsOn } from './v2_4/time';
import type { Shift } from './v2_4/time';

/**
 * Free times at a venue, the same for both dialects and consistent with their bookings: a time is
 * offered while a table for the party is free for the whole duration (`seat`, which books too), in
 * a shift of that day's opening hours, after now. A booking takes its table away from the times it
 * overlaps; a cancelled one gives it back.
 */

/** Times start every 30 minutes, the last an hour before the shift ends. */
const STEP_MINUTES = 30;
const LAST_BEFORE_END = 60;
/** Parties this large are taken as requests the venue confirms by hand (`type: request`). */
export const REQUEST_FROM_PARTY = 8;

export interface SlotQuery {
	/** the service date, venue-local; its times run from 6 AM to 6 AM the next morning */
	date: string;
	partySize: number;
	/** minutes after the service date's midnight (past 24:00 for the small hours) */
	from?: number;
	to?: number;
	duration: number;
}

export interface Slot {
	local: DateTime;
	start: string;
	shift: Shift;
	type: 'book' | 'request';
	tableIds: string[];
}

/** A clock time of a service day in minutes after its midnight: before 6 AM counts as the night. */
export function serviceMinutes(value: string, field: string): number {
	const minutes = parseClockTime(value, field);
	return minutes < 6 * 60 ? minutes + 24 * 60 : minutes;
}

export const largestTable = (ctx: SandboxContext, venue: Venue) =>
	Math.max(
		0,
		...[...ctx.state.tables.values()]
			.filter((table) => table.venue_id === venue.id)
			.map((table) => table.max_party_size),
	);

export function freeSlots(ctx: SandboxContext, venue: Venue, query: SlotQuery): Slot[] {
	const now = ctx.clock.now().getTime();
	const slots: Slot[] = [];
	for (const shift of shiftsOn(venue, query.date)) {
		for (
			let minutes = shift.start;
			minutes <= shift.end - LAST_BEFORE_END;
			minutes += STEP_MINUTES
		) {
			if (
				(query.from !== undefined && minutes < query.from) ||
				(query.to !== undefined && minutes > query.to)
			)
				continue;
			const local = serviceMoment(venue.timezone, query.date, minutes);
			// A wall-clock time the zone skips that night (daylight saving time starts) is no time.
			if (local.hour * 60 + local.minute !== minutes % (24 * 60)) continue;
			const start = local.toUTC().toISO() as string;
			if (Date.parse(start) <= now) continue;
			let tableIds: string[];
			try {
				tableIds = seat(ctx, venue, query.partySize, start, query.duration, undefined);
			} catch {
				continue;
			}
			const type = query.partySize >= REQUEST_FROM_PARTY ? 'request' : 'book';
			slots.push({ local, start, shift, type, tableIds });
		}
	}
	return slots;
}

/** `GET /venues/{id}/availability` of the contract (shared/sevenrooms-api.md, Availability). */
function availability(ctx: SandboxContext, venue: Venue, query: URLSearchParams) {
	const date = query.get('date') ?? '';
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw invalid('date', 'date must be a date, YYYY-MM-DD');
	try {
		isoDate(date, 'date');
	} catch {
		throw invalid('date', 'date must be a date, YYYY-MM-DD');
	}
	const venueToday = serviceDateNow(ctx, venue);
	if (date < venueToday)
		throw invalid('date', `date ${date} is in the past at the venue (today is ${venueToday})`);
	const partySize = Number(query.get('party_size'));
	if (!Number.isInteger(partySize) || partySize < 1)
		throw invalid('party_size', 'party_size must be a whole number of at least 1');
	const largest = largestTable(ctx, venue);
	if (partySize > largest) throw exceedsLargestTable(partySize, largest);
	const clock = (name: string) => {
		const value = query.get(name);
		if (value === null || value === '') return undefined;
		try {
			return serviceMinutes(value, name);
		} catch {
			throw invalid(name, `${name} must be a time such as 19:30`);
		}
	};
	const from = clock('start_time');
	const to = clock('end_time');
	if (from !== undefined && to !== undefined && to < from)
		throw invalid('start_time', 'The window ends before it starts');
	const duration =
		query.get('duration_minutes') === null
			? 90
			: positiveInteger(Number(query.get('duration_minutes')), 'duration_minutes', {
					min: 15,
					max: 600,
				});
	return freeSlots(ctx, venue, { date, partySize, from, to, duration }).map((slot) => ({
		start_time: slot.start,
		local_time: slot.local.toFormat('HH:mm'),
		duration_minutes: duration,
		shift: {
			id: slot.shift.persistentId,
			name: slot.shift.category === 'LUNCH' ? 'Lunch' : 'Dinner',
			category: slot.shift.category.toLowerCase(),
		},
		type: slot.type,
		table_ids: slot.tableIds,
	}));
}

/** The venue's service date now: before 6 AM it is still the evening before's. */
export const serviceDateNow = (ctx: SandboxContext, venue: Venue) =>
	serviceDate(DateTime.fromJSDate(ctx.clock.now()).setZone(venue.timezone));

export const availabilityRoutes = [
	defineRoute(
		'GET',
		'/venues/{id}/availability',
		'read:reservations',
		(ctx, { params, query }) => ({
			status: 200,
			body: { data: availability(ctx, findOr404(ctx.state.venues, params[0], 'venue'), query) },
		}),
	),
];
