import type { SandboxContext } from '../context';
import { insertionOrder, paginate } from '../pagination';
import { ApiError } from '../reply';
import { defineRoute } from '../route';
import { findOr404 } from '../state';
import type { Reservation, Venue } from '../types';
import {
	invalid,
	optionalString,
	positiveInteger,
	rangeFilter,
	stringList,
	utcTimestamp,
} from '../validation';
import { NO_VISIT_YET, visitTimes, visitWrites } from '../visit';
import { guestOf, guestSummary } from './guests';
import { venueOf } from './venues';

export const RESERVATION_STATUSES = [
	'booked',
	'confirmed',
	'seated',
	'completed',
	'cancelled',
	'no_show',
];
/** Reservations that no longer hold their tables. */
const RELEASED = ['cancelled', 'no_show', 'completed'];

export function presentReservation(ctx: SandboxContext, reservation: Reservation) {
	return { ...reservation, guest: guestSummary(ctx, reservation.guest_id) };
}

function overlaps(
	ctx: SandboxContext,
	tableIds: string[],
	start: number,
	minutes: number,
	exceptId?: string,
): boolean {
	return [...ctx.state.reservations.values()].some((other) => {
		if (other.id === exceptId || RELEASED.includes(other.status)) return false;
		if (!other.table_ids.some((id) => tableIds.includes(id))) return false;
		const otherStart = Date.parse(other.start_time);
		return (
			start < otherStart + other.duration_minutes * 60_000 && otherStart < start + minutes * 60_000
		);
	});
}

export const exceedsLargestTable = (partySize: number, largest: number) =>
	new ApiError(
		422,
		'exceeds_capacity',
		`Party of ${partySize} exceeds the largest table (${largest})`,
		{
			field: 'party_size',
		},
	);

/**
 * Checks capacity and availability; without tables, seats the party at the smallest free table.
 * The 2.4 dialect books and answers availability with it too.
 */
export function seat(
	ctx: SandboxContext,
	venue: Venue,
	partySize: number,
	start: string,
	minutes: number,
	tableIds: string[] | undefined,
	exceptId?: string,
): string[] {
	const venueTables = [...ctx.state.tables.values()].filter((table) => table.venue_id === venue.id);
	const startMs = Date.parse(start);
	if (tableIds && tableIds.length) {
		for (const id of tableIds) {
			if (!venueTables.some((table) => table.id === id))
				throw invalid('table_ids', `Table ${id} is not in venue ${venue.id}`);
		}
		const seats = venueTables
			.filter((table) => tableIds.includes(table.id))
			.reduce((sum, table) => sum + table.max_party_size, 0);
		if (partySize > seats)
			throw new ApiError(
				422,
				'exceeds_capacity',
				`Party of ${partySize} exceeds the capacity ${seats} of the tables`,
				{ field: 'party_size' },
			);
		if (overlaps(ctx, tableIds, startMs, minutes, exceptId))
			throw new ApiError(409, 'table_unavailable', 'A table is already booked at that time', {
				field: 'table_ids',
			});
		return tableIds;
	}
	const largest = Math.max(0, ...venueTables.map((table) => table.max_party_size));
	if (partySize > largest) throw exceedsLargestTable(partySize, largest);
	const free = venueTables
		.filter(
			(table) =>
				table.max_party_size >= partySize && !overlaps(ctx, [table.id], startMs, minutes, exceptId),
		)
		.sort((a, b) => a.max_party_size - b.max_party_size);
	if (!free.length)
		throw new ApiError(
			409,
			'table_unavailable',
			'No table for that party size is free at that time',
			{
				field: 'start_time',
			},
		);
	return [free[0].id];
}

const partySizeOf = (value: unknown) => positiveInteger(value, 'party_size', { max: 100 });
const durationOf = (value: unknown) =>
	positiveInteger(value, 'duration_minutes', { min: 15, max: 600 });

export const reservationRoutes = [
	defineRoute('GET', '/reservations', 'read:reservations', (ctx, { query }) => {
		const start = rangeFilter(query, 'start_time');
		const updated = rangeFilter(query, 'updated_at');
		const venueId = query.get('venue_id');
		const guestId = query.get('guest_id');
		const status = query.get('status');
		return paginate(
			ctx,
			insertionOrder(ctx.state.reservations),
			query,
			(reservation) =>
				start(reservation.start_time) &&
				updated(reservation.updated_at) &&
				(!venueId || reservation.venue_id === venueId) &&
				(!guestId || reservation.guest_id === guestId) &&
				(!status || reservation.status === status),
			(reservation) => presentReservation(ctx, reservation),
		);
	}),

	defineRoute('GET', '/reservations/{id}', 'read:reservations', (ctx, { params }) => ({
		status: 200,
		body: {
			data: presentReservation(ctx, findOr404(ctx.state.reservations, params[0], 'reservation')),
		},
	})),

	defineRoute(
		'POST',
		'/reservations',
		'write:reservations',
		(ctx, { body }) => {
			const venue = venueOf(ctx, body);
			const partySize = partySizeOf(body.party_size);
			const startTime = utcTimestamp(body.start_time, 'start_time');
			const minutes = body.duration_minutes === undefined ? 90 : durationOf(body.duration_minutes);
			const requested =
				body.table_ids === undefined ? undefined : stringList(body.table_ids, 'table_ids');
			const tableIds = seat(ctx, venue, partySize, startTime, minutes, requested);
			// Seated first, so an inline guest is not created for a booking that fails.
			const guestId = guestOf(ctx, body);
			const at = ctx.clock.timestamp();
			const reservation: Reservation = {
				id: `res_${String(++ctx.sequence.reservation).padStart(6, '0')}`,
				venue_id: venue.id,
				guest_id: guestId,
				party_size: partySize,
				start_time: startTime,
				duration_minutes: minutes,
				status: 'booked',
				table_ids: tableIds,
				notes: optionalString(body, 'notes') ?? null,
				tags: body.tags === undefined ? [] : stringList(body.tags, 'tags'),
				source: 'api',
				created_at: at,
				updated_at: at,
				cancelled_at: null,
				...NO_VISIT_YET,
			};
			ctx.state.reservations.set(reservation.id, reservation);
			ctx.stats.created.reservations++;
			ctx.events.emit('reservation.created', presentReservation(ctx, reservation), venue.id);
			return { status: 201, body: { data: presentReservation(ctx, reservation) } };
		},
		{ creates: true },
	),

	defineRoute('PATCH', '/reservations/{id}', 'write:reservations', (ctx, { params, body }) => {
		const reservation = findOr404(ctx.state.reservations, params[0], 'reservation');
		const venue = findOr404(ctx.state.venues, reservation.venue_id, 'venue');
		const partySize =
			body.party_size === undefined ? reservation.party_size : partySizeOf(body.party_size);
		const startTime =
			body.start_time === undefined
				? reservation.start_time
				: utcTimestamp(body.start_time, 'start_time');
		const minutes =
			body.duration_minutes === undefined
				? reservation.duration_minutes
				: durationOf(body.duration_minutes);
		const requested =
			body.table_ids === undefined
				? reservation.table_ids
				: stringList(body.table_ids, 'table_ids');
		const status = body.status === undefined ? reservation.status : String(body.status);
		if (!RESERVATION_STATUSES.includes(status))
			throw invalid('status', `status must be one of ${RESERVATION_STATUSES.join(', ')}`);
		const seatingChanged =
			body.party_size !== undefined ||
			body.start_time !== undefined ||
			body.duration_minutes !== undefined ||
			body.table_ids !== undefined;
		const tableIds =
			seatingChanged && status !== 'cancelled'
				? seat(ctx, venue, partySize, startTime, minutes, requested, reservation.id)
				: requested;
		const at = ctx.clock.timestamp();
		Object.assign(reservation, {
			party_size: partySize,
			start_time: startTime,
			duration_minutes: minutes,
			table_ids: tableIds,
			status,
			...(body.notes !== undefined ? { notes: optionalString(body, 'notes') } : {}),
			...(body.tags !== undefined ? { tags: stringList(body.tags, 'tags') } : {}),
			...(status === 'cancelled' && !reservation.cancelled_at ? { cancelled_at: at } : {}),
			updated_at: at,
			...visitTimes(reservation, status, at),
			...visitWrites(ctx.faults, reservation, venue, body),
		});
		ctx.events.emit(
			status === 'cancelled' ? 'reservation.cancelled' : 'reservation.updated',
			presentReservation(ctx, reservation),
			reservation.venue_id,
		);
		return { status: 200, body: { data: presentReservation(ctx, reservation) } };
	}),

	// Cancelling twice answers the cancelled reservation and announces nothing new.
	defineRoute(
		'POST',
		'/reservations/{id}/cancel',
		'write:reservations',
		(ctx, { params, body }) => {
			const reservation = findOr404(ctx.state.reservations, params[0], 'reservation');
			if (reservation.status !== 'cancelled') {
				const at = ctx.clock.timestamp();
				Object.assign(reservation, {
					status: 'cancelled',
					cancelled_at: at,
					updated_at: at,
					cancel_reason: optionalString(body, 'reason') ?? null,
				});
				ctx.events.emit(
					'reservation.cancelled',
					presentReservation(ctx, reservation),
					reservation.venue_id,
				);
			}
			return { status: 200, body: { data: presentReservation(ctx, reservation) } };
		},
	),
];
