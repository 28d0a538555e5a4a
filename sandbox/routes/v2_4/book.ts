import type { SandboxContext } from '../../context';
import type { Reply } from '../../reply';
import type { RouteRequest } from '../../route';
import type { Guest, Reservation } from '../../types';
import { NO_VISIT_YET } from '../../visit';
import { findDuplicateGuest, insertGuest } from '../guests';
import { presentReservation, seat } from '../reservations';
import { clientChanges } from './clientShape';
import type { Body } from './fields';
import { bad, email, flag, integer, list, required, strictPhone, text } from './fields';
import { bookingIds, reservationFacts } from './reservationShape';
import type { ReservationExtras } from './reservationShape';
import { tagNames } from './tags';
import { isoDate, parseClockTime, serviceMoment } from './time';
import { tablesByNumber, venueOr404 } from './venues';

/**
 * `PUT /venues/{venue_id}/book`. The client is `client_id`, else the first guest with the
 * booking's email or phone, else a new one. Unless `bypass_duplicate_reservation_check`, a second
 * live reservation of the same client at the same venue on the same service date is a 400
 * (with `double_bookings_only_client_id_check`, only when `client_id` was sent).
 */
export function book(ctx: SandboxContext, { params, body }: RouteRequest): Reply {
	const venue = venueOr404(ctx, params[0]);
	const date = isoDate(required(body, 'date'), 'date');
	const minutes = parseClockTime(required(body, 'time'), 'time');
	const partySize = integer(body, 'party_size', { min: 1, max: 100 });
	if (partySize === undefined) throw bad('Missing required field: party_size');
	const firstName = required(body, 'first_name');
	const lastName = required(body, 'last_name');
	const phone = strictPhone(body, 'phone');
	if (!phone) throw bad('Missing required field: phone');
	const mail = email(body) ?? undefined;
	const duration = integer(body, 'duration', { min: 15, max: 600 }) ?? 90;
	const start = serviceMoment(venue.timezone, date, minutes).toUTC().toISO() as string;
	const tables = list(body, 'table');
	const requested = tables ? tablesByNumber(ctx, venue.id, tables) : undefined;
	const tags = tagNames(ctx, list(body, 'tags') ?? [], true);
	const sendEmail = flag(body, 'send_client_email', true);

	const clientId = text(body, 'client_id') || undefined;
	let guest: Guest | undefined;
	if (clientId) {
		guest = ctx.state.guests.get(clientId);
		if (!guest) throw bad(`Invalid client ID: ${clientId}`);
	} else guest = findDuplicateGuest(ctx, mail, phone);

	const checkDuplicates =
		!flag(body, 'bypass_duplicate_reservation_check', false) &&
		(clientId !== undefined || !flag(body, 'double_bookings_only_client_id_check', false));
	if (guest && checkDuplicates) {
		const guestId = guest.id;
		const twin = [...ctx.state.reservations.values()].find(
			(other) =>
				other.guest_id === guestId &&
				other.venue_id === venue.id &&
				other.status !== 'cancelled' &&
				reservationFacts(ctx, other).date === date,
		);
		if (twin) throw bad(`Duplicate reservation: this client already has a reservation on ${date}`);
	}

	const tableIds = flag(body, 'bypass_availability', false)
		? (requested ?? [])
		: seat(ctx, venue, partySize, start, duration, requested);

	// Only now, when the booking will succeed, is a new client made or the client changed.
	const profile: Body = {
		external_user_id: body.external_user_id,
		venue_group_marketing_opt_in: body.venue_group_marketing_opt_in,
	};
	let client: Guest;
	if (guest) {
		client = guest;
		const changes = clientChanges(ctx, profile, client);
		if (Object.keys(changes).length) {
			Object.assign(client, changes, { updated_at: ctx.clock.timestamp() });
			ctx.guestOrder.changed();
		}
	} else
		client = insertGuest(ctx, {
			first_name: firstName,
			last_name: lastName,
			email: mail ?? null,
			phone,
			...clientChanges(ctx, profile),
		});
	// What the booking says that its client's profile does not is the reservation's own.
	const given = { first_name: firstName, last_name: lastName, email: mail, phone };
	const contact = Object.fromEntries(
		Object.entries(given).filter(
			([field, value]) => value !== undefined && value !== client[field as keyof typeof given],
		),
	);

	const at = ctx.clock.timestamp();
	const externalId = text(body, 'external_id');
	const reservation: Reservation & ReservationExtras = {
		id: `res_${String(++ctx.sequence.reservation).padStart(6, '0')}`,
		venue_id: venue.id,
		guest_id: client.id,
		party_size: partySize,
		start_time: start,
		duration_minutes: duration,
		status: 'booked',
		table_ids: tableIds,
		notes: text(body, 'notes') || null,
		tags,
		source: 'api',
		created_at: at,
		updated_at: at,
		cancelled_at: null,
		...NO_VISIT_YET,
		...(externalId ? { external_id: externalId } : {}),
		...(Object.keys(contact).length ? { contact } : {}),
	};
	ctx.state.reservations.set(reservation.id, reservation);
	ctx.stats.created.reservations++;
	if (sendEmail) ctx.stats.clientEmails.confirmation++;
	ctx.events.emit('reservation.created', presentReservation(ctx, reservation), venue.id);
	return { status: 200, body: { status: 200, data: bookingIds(reservation) } };
}
