import { DateTime } from 'luxon';

import type { SandboxContext } from '../../context';
import { defineRoute } from '../../route';
import type { Reservation } from '../../types';
import { visitTimes } from '../../visit';
import { presentReservation, seat } from '../reservations';
import { book } from './book';
import { bad, email, flag, integer, list, strictPhone, text } from './fields';
import { page24 } from './pages';
import {
	bookingIds,
	presentReservation24,
	reservationFacts,
	statusChange,
} from './reservationShape';
import type { ReservationExtras } from './reservationShape';
import { changeTags } from './tags';
import { isoDate, parseSince, serviceDate, zoneOf } from './time';
import { tablesByNumber } from './venues';

type StoredReservation = Reservation & ReservationExtras;

const csv = (value: string | null) =>
	value
		?.split(',')
		.map((item) => item.trim())
		.filter(Boolean) ?? [];

/** By id, or by reference code (the vendor's are interchangeable); else 400 as the vendor's. */
export function reservationOr400(ctx: SandboxContext, id: string): StoredReservation {
	const reservation =
		ctx.state.reservations.get(id) ??
		[...ctx.state.reservations.values()].find(
			(candidate) => bookingIds(candidate).reservation_reference_code === id,
		);
	if (!reservation) throw bad('Invalid reservation ID');
	return reservation;
}

/**
 * The query of both reservation lists. Without from_date, to_date and updated_since the answer is
 * only the reservations of each venue's current service date, whatever else is asked.
 */
function reservationFilter(ctx: SandboxContext, query: URLSearchParams, withExternalId: boolean) {
	const get = (name: string) => query.get(name) || undefined;
	const optional = <T>(name: string, read: (value: string, field: string) => T) => {
		const value = get(name);
		return value === undefined ? undefined : read(value, name);
	};
	const from = optional('from_date', isoDate);
	const to = optional('to_date', isoDate);
	const since = optional('updated_since', parseSince);
	const shiftCategory = get('shift_category')?.toUpperCase();
	if (shiftCategory && (!from || from !== to))
		throw bad('shift_category is only supported for single day queries');
	const now = DateTime.fromJSDate(ctx.clock.now());
	const today = (venueId: string) => serviceDate(now.setZone(zoneOf(ctx, venueId)));
	const venues = csv(query.get('venue_id'));
	const statuses = csv(query.get('status')).map((status) => status.toUpperCase());
	const group = get('venue_group_id');
	const name = get('name')?.toLowerCase();
	const phone = get('phone')?.replace(/\D/g, '');
	const wanted = {
		client_id: get('client_id'),
		reference_code: get('reference_code'),
		external_reference_code: get('external_reference_code'),
		email: get('email')?.toLowerCase(),
		external_user_id: get('external_user_id'),
		// Only GET /reservations knows external_id; the other list ignores it without a word.
		external_id: withExternalId ? get('external_id') : undefined,
	};
	return (stored: Reservation) => {
		const reservation = stored as StoredReservation;
		const facts = reservationFacts(ctx, reservation);
		const shown = () => presentReservation24(ctx, reservation);
		const fullName = `${facts.firstName ?? ''} ${facts.lastName ?? ''}`.toLowerCase();
		return (
			(!group || group === 'vg_harbor_vine') &&
			(!venues.length || venues.includes(reservation.venue_id)) &&
			(from || to || since !== undefined ? true : facts.date === today(reservation.venue_id)) &&
			(!from || facts.date >= from) &&
			(!to || facts.date <= to) &&
			(since === undefined || Date.parse(reservation.updated_at) >= since) &&
			(!shiftCategory || facts.shift.category === shiftCategory) &&
			(!statuses.length || statuses.includes(facts.code)) &&
			(!wanted.client_id || reservation.guest_id === wanted.client_id) &&
			(!wanted.reference_code || shown().reference_code === wanted.reference_code) &&
			(!wanted.external_reference_code ||
				String(shown().external_reference_code) === wanted.external_reference_code) &&
			(!wanted.email || facts.email?.toLowerCase() === wanted.email) &&
			(!phone || facts.phone?.slice(1) === phone) &&
			(!name || fullName.includes(name)) &&
			(!wanted.external_user_id ||
				(facts.guest as { external_user_id?: string } | undefined)?.external_user_id ===
					wanted.external_user_id) &&
			(!wanted.external_id || reservation.external_id === wanted.external_id)
		);
	};
}

/** Oldest change first, so a poll by updated_since can resume where it stopped. */
function byUpdate(ctx: SandboxContext) {
	return [...ctx.state.reservations.values()]
		.map((item) => ({ key: `${new Date(item.updated_at).toISOString()}|${item.id}`, item }))
		.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * `GET /reservations` (the vendor's "Export All Reservations"; its last page has no cursor key)
 * and `GET /reservations/export` ("Search Reservations"; its last page says `cursor: null`). The
 * one named by `faults.v24CappedReservations` is the capped search.
 */
function listRoute(path: '/reservations' | '/reservations/export') {
	return defineRoute('GET', path, undefined, (ctx, { query }) =>
		page24(
			ctx,
			byUpdate(ctx),
			query,
			reservationFilter(ctx, query, path === '/reservations'),
			(reservation) => presentReservation24(ctx, reservation),
			{
				listKey: 'results',
				cursor: 'base64',
				end: path === '/reservations' ? 'absent' : 'null',
				capped: ctx.faults.v24CappedReservations === path,
			},
		),
	);
}

export const reservationRoutes24 = [
	listRoute('/reservations/export'),
	listRoute('/reservations'),

	defineRoute('GET', '/reservations/{id}', undefined, (ctx, { params }) => ({
		status: 200,
		body: { status: 200, data: presentReservation24(ctx, reservationOr400(ctx, params[0])) },
	})),

	defineRoute('PUT', '/venues/{id}/book', undefined, book, { creates: true }),

	// No date, time or party_size: those fields are ignored, the reservation is not moved.
	defineRoute('POST', '/reservations/{id}', undefined, (ctx, { params, body }) => {
		const reservation = reservationOr400(ctx, params[0]);
		const contact = {
			...reservation.contact,
			...Object.fromEntries(
				Object.entries({
					first_name: text(body, 'first_name'),
					last_name: text(body, 'last_name'),
					email: email(body),
					phone: strictPhone(body, 'phone'),
				}).filter(([, value]) => value !== undefined),
			),
		};
		const status = text(body, 'status');
		const changes: { status?: string } = status ? statusChange(status.toUpperCase()) : {};
		const duration = integer(body, 'duration', { min: 15, max: 600 });
		const tables = list(body, 'table');
		let tableIds = reservation.table_ids;
		if ((duration !== undefined || tables) && reservation.status !== 'cancelled')
			tableIds = seat(
				ctx,
				ctx.state.venues.get(reservation.venue_id)!,
				reservation.party_size,
				reservation.start_time,
				duration ?? reservation.duration_minutes,
				tables ? tablesByNumber(ctx, reservation.venue_id, tables) : reservation.table_ids,
				reservation.id,
			);
		const externalId = text(body, 'external_id');
		const add = list(body, 'add_tags');
		const remove = list(body, 'remove_tags');
		const at = ctx.clock.timestamp();
		Object.assign(reservation, visitTimes(reservation, changes.status ?? reservation.status, at));
		Object.assign(reservation, changes, {
			contact,
			table_ids: tableIds,
			duration_minutes: duration ?? reservation.duration_minutes,
			...(text(body, 'notes') !== undefined ? { notes: text(body, 'notes') || null } : {}),
			...(externalId !== undefined ? { external_id: externalId || null } : {}),
			...(add || remove ? { tags: changeTags(ctx, reservation.tags, add, remove) } : {}),
			updated_at: at,
		});
		ctx.events.emit(
			'reservation.updated',
			presentReservation(ctx, reservation),
			reservation.venue_id,
		);
		return { status: 200, body: { status: 200, data: presentReservation24(ctx, reservation) } };
	}),

	// A second cancel is a 400; so is one after the start, unless bypass_cancellation_cutoff.
	defineRoute('POST', '/reservations/{id}/cancel', undefined, (ctx, { params, body }) => {
		const reservation = reservationOr400(ctx, params[0]);
		if (reservation.status === 'cancelled') throw bad('Reservation is already canceled');
		const started = Date.parse(reservation.start_time) < ctx.clock.now().getTime();
		if (started && !flag(body, 'bypass_cancellation_cutoff', false))
			throw bad('The cancellation cutoff for this reservation has passed');
		if (flag(body, 'send_client_email', true)) ctx.stats.clientEmails.cancellation++;
		const at = ctx.clock.timestamp();
		Object.assign(reservation, {
			status: 'cancelled',
			status_code: 'CANCELED',
			cancelled_at: at,
			updated_at: at,
		});
		ctx.events.emit(
			'reservation.cancelled',
			presentReservation(ctx, reservation),
			reservation.venue_id,
		);
		return { status: 200, body: { status: 200, data: bookingIds(reservation) } };
	}),
];
