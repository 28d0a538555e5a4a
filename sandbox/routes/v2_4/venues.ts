import type { SandboxContext } from '../../context';
import { insertionOrder } from '../../pagination';
import { defineRoute } from '../../route';
import type { Table, Venue } from '../../types';
import { freeSlots, serviceMinutes } from '../availability';
import { bad, notFound } from './fields';
import { page24 } from './pages';
import { clockTime, isoDate, shiftsOn, slotDateTime } from './time';

/** Venues in 2.4's shape: no time zone (the vendor's venues have none), one venue group. */
export const VENUE_GROUP_ID = 'vg_harbor_vine';

const DETAILS: Record<string, { country: string; phone: string | number | null; short: string }> = {
	ven_nyc: { country: 'United States', phone: '+12125550100', short: 'HV NYC' },
	// The vendor's loose typing: a number where a string is expected, and a null.
	ven_ldn: { country: 'United Kingdom', phone: 442075550100, short: 'HV LDN' },
	ven_dxb: { country: 'United Arab Emirates', phone: null, short: 'HV DXB' },
};

export function presentVenue(venue: Venue) {
	const details = DETAILS[venue.id];
	return {
		id: venue.id,
		name: venue.name,
		internal_name: details?.short ?? venue.name,
		venue_group_id: VENUE_GROUP_ID,
		venue_group_name: 'Harbor & Vine',
		address: venue.address.split(',')[0],
		cross_street: 'None',
		country: details?.country ?? null,
		phone_number: details?.phone ?? null,
		currency_code: venue.currency,
	};
}

export function venueOr404(ctx: SandboxContext, id: string): Venue {
	const venue = ctx.state.venues.get(id);
	if (!venue) throw notFound(`Venue not found: ${id}`);
	return venue;
}

export const tableNumber = (table: Table | undefined, id: string) =>
	table ? table.name.replace(/^T/, '') : id;

export const venueTables = (ctx: SandboxContext, venueId: string) =>
	[...ctx.state.tables.values()].filter((table) => table.venue_id === venueId);

/** `table` of a booking or update: table numbers, comma-delimited, as table ids. */
export function tablesByNumber(ctx: SandboxContext, venueId: string, numbers: string[]): string[] {
	const tables = venueTables(ctx, venueId);
	return numbers.map((number) => {
		const table = tables.find((candidate) => tableNumber(candidate, candidate.id) === number);
		if (!table) throw bad(`Invalid table: ${number}`);
		return table.id;
	});
}

/**
 * Per shift of the day, the free times in the window (`freeSlots`, as the contract's dialect
 * answers them): a booked time is not offered, a cancelled booking's comes back.
 */
function availability(ctx: SandboxContext, venue: Venue, query: URLSearchParams) {
	const need = (name: string) => {
		const value = query.get(name);
		if (!value) throw bad(`Missing required field: ${name}`);
		return value;
	};
	const date = isoDate(need('date'), 'date');
	const from = serviceMinutes(need('start_time'), 'start_time');
	const to = serviceMinutes(need('end_time'), 'end_time');
	const partySize = Number(need('party_size'));
	if (!Number.isInteger(partySize) || partySize < 1) throw bad('party_size must be at least 1');
	const duration = Number(query.get('duration') ?? 90) || 90;
	const slots = freeSlots(ctx, venue, { date, partySize, from, to, duration });
	return shiftsOn(venue, date).map((shift) => ({
		name: shift.category === 'LUNCH' ? 'Lunch' : 'Dinner',
		shift_category: shift.category,
		shift_persistent_id: shift.persistentId,
		is_closed: false,
		times: slots
			.filter((slot) => slot.shift.persistentId === shift.persistentId)
			.map((slot) => ({
				time: clockTime(slot.local),
				real_datetime_of_slot: slotDateTime(slot.local),
				type: slot.type,
				duration,
				access_persistent_id: null,
			})),
	}));
}

export const venueRoutes24 = [
	// The last page says `cursor: null`.
	defineRoute('GET', '/venues', undefined, (ctx, { query }) => {
		const group = query.get('venue_group_id');
		return page24(
			ctx,
			insertionOrder(ctx.state.venues),
			query,
			() => !group || group === VENUE_GROUP_ID,
			presentVenue,
			{ listKey: 'results', cursor: 'base64', end: 'null' },
		);
	}),

	defineRoute('GET', '/venues/{id}', undefined, (ctx, { params }) => ({
		status: 200,
		body: { status: 200, data: presentVenue(venueOr404(ctx, params[0])) },
	})),

	// Not paged.
	defineRoute('GET', '/venues/{id}/tables', undefined, (ctx, { params }) => ({
		status: 200,
		body: {
			status: 200,
			data: {
				tables: venueTables(ctx, venueOr404(ctx, params[0]).id).map((table) => ({
					id: table.id,
					table_number: tableNumber(table, table.id),
					party_size_min: table.min_party_size,
					party_size_max: table.max_party_size,
					seating_area_id: `sa_${table.section.toLowerCase().replace(/\W+/g, '_')}`,
					seating_area_name: table.section,
				})),
			},
		},
	})),

	defineRoute('GET', '/venues/{id}/availability', undefined, (ctx, { params, query }) => ({
		status: 200,
		body: {
			status: 200,
			data: { availability: availability(ctx, venueOr404(ctx, params[0]), query) },
		},
	})),
];
